"""A legal officer signs in, passes the second factor and lands on the desk; one click opens a filter."""
import datetime
import re

import pytest
from django.utils import timezone

from complaints import services
from complaints.models import Category, CorruptionReport
from tests.complaints.conftest import hold_keys
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_legal_officer_password_then_totp_then_desk_then_overdue(page, live_server, legal_officer):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    hold_keys(legal_officer)  # the desk opens only to an officer holding an endorsed key of their own
    report, _ = services.file_report(category=Category.BRIBERY, description="ตัวอย่าง",
                                     received_on=timezone.localdate() - datetime.timedelta(days=30))
    CorruptionReport.objects.filter(pk=report.pk).update(
        acknowledge_due=timezone.localdate() - datetime.timedelta(days=2))
    device = TOTPDevice.objects.create(user=legal_officer, name="โทรศัพท์", confirmed=True)

    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", "legal")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    # Straight to the second factor, in Thai; no English dead end.
    page.wait_for_url(re.compile(r"/verify/\?next="))
    assert "You don" not in page.content()
    page.get_by_label("รหัสยืนยัน 6 หลัก").fill("000000")
    page.get_by_role("button", name="ยืนยัน").click()
    assert "รหัสไม่ถูกต้อง" in page.locator(".errornote").inner_text()
    # At once again: django-otp makes the next try wait, and the page says how long.
    page.get_by_label("รหัสยืนยัน 6 หลัก").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="ยืนยัน").click()
    assert re.search(r"โปรดรอ \d+ วินาที", page.locator(".errornote").inner_text())
    page.wait_for_timeout(2100)
    page.get_by_label("รหัสยืนยัน 6 หลัก").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="ยืนยัน").click()

    page.wait_for_url(lambda url: url.endswith("/desk/"))
    assert page.locator("h1").first.inner_text() == "โต๊ะทำงานเรื่องร้องเรียนการทุจริต"
    overdue = page.locator("#desk-overdue")
    assert overdue.locator(".desk-count").inner_text() == "1"
    overdue.click()
    page.wait_for_url(re.compile(r"deadline=overdue"))
    assert report.reference in page.locator("#result_list").inner_text()
