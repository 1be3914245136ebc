"""The budget pages and the open-data page in a real browser: no sideways scroll at 360 px, and
axe-core's WCAG 2.1 AA checks."""
import datetime
from decimal import Decimal

import pytest

from budget.models import BudgetLine, BudgetYear, ExpenseCategory

pytestmark = pytest.mark.browser


def test_budget_pages_fit_a_phone_and_pass_axe(page, phone_page, live_server):
    from axe_playwright_python.sync_playwright import Axe

    year = BudgetYear.objects.create(fiscal_year=2569, enacted_on=datetime.date(2025, 9, 15),
                                     published_on=datetime.date(2025, 10, 2),
                                     half_report_on=datetime.date(2026, 4, 20))
    BudgetLine.objects.bulk_create([
        BudgetLine(budget_year=year, plan="แผนงานการศาสนาวัฒนธรรมและนันทนาการ",
                   programme="งานส่งเสริมและสนับสนุนความเข้มแข็งชุมชนและกิจกรรมประเพณีท้องถิ่น",
                   category=category, amount=Decimal("123456789.00"), spent_half=Decimal("61728394.50"))
        for category in ExpenseCategory.values])
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    for path in ("/budget/", "/budget/2569/", "/open-data/"):
        page.goto(live_server.url + path)
        results = axe.run(page, options=options)
        assert results.violations_count == 0, (path, results.generate_report())
        phone_page.goto(live_server.url + path)
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, path
    phone_page.goto(live_server.url + "/budget/2569/")
    assert phone_page.locator("#budget-lines").is_visible()
    assert phone_page.locator("figure svg").count() == 2
