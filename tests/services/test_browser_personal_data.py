"""A data subject's access request in Debian's Chromium: from the privacy notice on a 360 px phone
to the E-Service form, an officer checks identity and grants it, and the person downloads their
data as JSON from the follow-up page."""
import json
import re

import pytest
from playwright.sync_api import expect

from services import personal_data
from services.models import IdentityCheck, ServiceRequest, Status

from .test_browser import no_sideways_scroll, serious_violations, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_access_request_from_the_privacy_notice_to_the_persons_file(phone_page, live_server, units,
                                                                       office_officer):
    base = live_server.url
    personal_data.install(units["office"])
    phone_page.goto(f"{base}/privacy/")
    assert no_sideways_scroll(phone_page)
    with phone_page.expect_navigation():
        phone_page.locator("#right-access").click()
    assert "30 วัน" in phone_page.locator("main").inner_text()
    assert phone_page.locator("input[type=file]").count() == 0
    assert no_sideways_scroll(phone_page) and serious_violations(phone_page) == []
    phone_page.get_by_label("เรื่อง*", exact=True).fill("ขอสำเนาข้อมูลของข้าพเจ้า")
    phone_page.get_by_label("ข้อมูลที่ขอใช้สิทธิ").fill("ข้อมูลทั้งหมดที่เว็บไซต์เก็บ")
    phone_page.get_by_label("ชื่อ", exact=False).first.fill("นางสาวทดสอบ สิทธิ")
    phone_page.get_by_label("อีเมลที่ใช้กับเว็บไซต์นี้").fill("subject@example.org")
    phone_page.get_by_label("โทรศัพท์ที่ใช้กับเว็บไซต์นี้").fill("0812345678")
    phone_page.get_by_role("button", name="ยื่นคำร้อง").click()
    reference = phone_page.locator("#reference").inner_text()
    code = phone_page.locator("#follow-up-code").inner_text()
    assert re.fullmatch(r"EB-\d{4}-\d{4}", reference)
    filed = ServiceRequest.objects.get(reference=reference)
    assert filed.status == Status.IDENTITY

    office = staff_page(phone_page, base, "office")
    office.get_by_role("link", name=reference).click()
    expect(office.locator("#identity-form")).to_be_visible()
    office.locator("#identity-form select[name=method]").select_option("in_person")
    office.locator("#identity-form button[type=submit]").click()
    expect(office.locator("#case-identity")).not_to_contain_text("ยังไม่ได้ตรวจสอบ")
    with office.expect_download() as checked:
        office.locator("#personal-data-export a").click()
    assert checked.value.suggested_filename == f"{reference}-data.json"
    office.locator("#close-form select[name=outcome]").select_option("completed")
    office.locator("#close-form textarea[name=body]").fill("ส่งไฟล์ข้อมูลของท่านแล้ว")
    office.locator("#close-form button[type=submit]").click()
    expect(office.locator("#case-status")).to_contain_text("ปิดเรื่องแล้ว")
    assert IdentityCheck.objects.filter(request=filed).exists()

    phone_page.goto(f"{base}/services/track/")
    phone_page.get_by_label("เลขที่คำร้อง").fill(reference)
    phone_page.get_by_label("รหัสติดตาม").fill(code)
    phone_page.get_by_role("button", name="เปิดอ่านคำร้อง").click()
    expect(phone_page.locator("#your-data")).to_be_visible()
    assert no_sideways_scroll(phone_page) and serious_violations(phone_page) == []
    with phone_page.expect_download() as download:
        phone_page.locator("#your-data a").click()
    held = json.loads(open(download.value.path(), encoding="utf-8").read())
    rows = held["records"]["คำร้องออนไลน์ (E-Service)"]
    assert [row["reference"] for row in rows] == [reference]
    office.context.close()
