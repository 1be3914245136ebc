"""An editor's date in the admin is a Buddhist-Era date, from the calendar shortcut to the database."""
import datetime
import re

import pytest
from django.utils import timezone

from disclosures.models import Category, Document
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    # Wait for the login's own navigation: a goto started before it ends may be sent unlogged.
    page.wait_for_url(lambda url: "/admin/login/" not in url)


def test_today_fills_a_be_date_and_29_11_2569_is_stored_as_2026(page, live_server, editor):
    # A transactional test before this one empties the categories the migrations seed.
    category, _created = Category.objects.get_or_create(slug="operational-plan",
                                                         defaults={"name": "แผนการดำเนินงาน"})
    log_in(page, live_server, "editor")
    page.goto(live_server.url + "/admin/disclosures/document/add/")
    date_box = page.locator("#id_publication_date")

    page.get_by_role("link", name="วันนี้").first.click()
    today = timezone.localdate()
    assert date_box.input_value() == f"{today.day:02d}/{today.month:02d}/{today.year + 543}"

    # The calendar opens on the typed BE month and names the BE year; a picked day is BE.
    date_box.fill("15/03/2569")
    page.locator("#calendarlink0").click()
    assert page.locator("#calendarin0 caption").inner_text() == "มีนาคม 2569"
    page.locator("#calendarin0").get_by_role("link", name="20", exact=True).click()
    assert date_box.input_value() == "20/03/2569"

    # A Christian-era year is refused in Thai and the typed value stays in the box.
    page.locator("#id_title").fill("แผนการดำเนินงาน ปี 2570")
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_fiscal_year").fill("2570")
    page.locator("#id_external_url").fill("https://www.kppmu.go.th/plan")
    date_box.fill("29/11/2026")
    page.locator("input[name=_save]").click()
    assert "ปี 2026 ไม่ใช่ปี พ.ศ." in page.locator(".errorlist").first.inner_text()
    assert page.locator("#id_publication_date").input_value() == "29/11/2026"
    assert not Document.objects.exists()

    page.locator("#id_publication_date").fill("29/11/2569")
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r"/admin/disclosures/document/$"))
    assert Document.objects.get().publication_date == datetime.date(2026, 11, 29)
    # The list prints it back in BE.
    assert "29 พ.ย. 2569" in page.locator("#result_list").inner_text()
