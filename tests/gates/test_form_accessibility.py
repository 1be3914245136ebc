"""The accessibility gate on what the key pages do not show: every public form after a submission
with nothing filled in (the error summary, the invalid fields), the forms' pages themselves, and
the pages with charts. No axe finding of any impact at desktop and phone widths, as on the key pages."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from .test_accessibility import violations

pytestmark = pytest.mark.browser


def _form_pages():
    from committees.models import Consultation
    from procurement.models import Announcement, ProcurementPlan

    hearing = Announcement.objects.open_for_comment().first()
    year = ProcurementPlan.objects.published().first().fiscal_year
    return {
        "forms": [
            "/feedback/", "/feedback/follow-up/", "/questions/", "/complaints/report/", "/complaints/track/",
            Consultation.objects.open_now().first().get_absolute_url(),
            reverse("procurement:hearing", args=[hearing.pk]),
        ],
        "charts": [
            reverse("procurement:annual_report", args=[year]),
            "/disclosures/integrity/",
        ],
    }


def _check(page, base):
    found = []
    pages = _form_pages()
    for path in pages["forms"]:
        found += violations(page, base + path)
        # Sent with nothing filled in: the server answers with the errors.
        page.locator("main form [type=submit]").last.click()
        page.wait_for_load_state()
        assert page.locator("#form-errors").is_visible(), path
        found += [f"{path} (errors): {finding['impact']} {finding['id']}"
                  for finding in Axe().run(page).response["violations"]]
    for path in pages["charts"] + ["/disclosures/?year=abc", "/procurement/announcements/?kind=nope"]:
        found += violations(page, base + path)
    return found


def test_forms_and_charts_on_desktop(page, live_server, demo_content):
    assert _check(page, live_server.url) == []


def test_forms_and_charts_on_a_phone(phone_page, live_server, demo_content):
    assert _check(phone_page, live_server.url) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
