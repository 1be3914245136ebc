"""The budget in the portal's DCAT catalogue (kpp_portal/opendata.py): one dataset, a CSV, an
XLSX and a JSON per published year."""
from django.urls import reverse
from django.utils import timezone

from kpp_portal.opendata import CSV, JSON, XLSX, Dataset, Distribution

from .models import BudgetYear


def _modified(budget_year, today):
    days = (budget_year.published_on, budget_year.half_report_on, budget_year.year_report_on)
    return max(day for day in days if day and day <= today)


def datasets():
    """One query, whatever the number of years."""
    today = timezone.localdate()
    years = list(BudgetYear.objects.published().order_by("fiscal_year"))
    distributions = [
        Distribution(f"งบประมาณรายจ่ายและผลการเบิกจ่าย ปีงบประมาณ {year.fiscal_year} ({media.name})",
                     f"Budget and spending FY {year.fiscal_year} BE ({media.name})",
                     reverse(f"budget:{fmt}", args=[year.fiscal_year]), media,
                     issued=year.published_on, modified=_modified(year, today))
        for year in years for fmt, media in (("csv", CSV), ("xlsx", XLSX), ("json", JSON))]
    return [Dataset(
        key="budget",
        title="งบประมาณรายจ่ายประจำปีและผลการใช้จ่ายงบประมาณ",
        title_en="Annual expenditure budget and spending reports",
        description=("เทศบัญญัติงบประมาณรายจ่ายประจำปี รายบรรทัดตามแผนงาน งาน/โครงการ และงบ "
                     "(งบกลาง งบบุคลากร งบดำเนินงาน งบลงทุน งบเงินอุดหนุน) พร้อมยอดเบิกจ่ายตามรายงาน"
                     "ผลการใช้จ่ายงบประมาณรอบ 6 เดือนและ 12 เดือน"),
        description_en=("The annual budget ordinance line by line, by plan, work programme and expense "
                        "category, with the amounts spent according to the six- and twelve-month spending "
                        "reports"),
        landing_page=reverse("budget:index"),
        issued=years[0].published_on if years else None,
        modified=max((_modified(year, today) for year in years), default=None),
        keywords=("งบประมาณ", "เทศบัญญัติ", "การเบิกจ่าย"), keywords_en=("budget", "spending", "finance"),
        frequency="semiannual", distributions=distributions)]
