"""The E-Service from start to end in Debian's Chromium: a resident on a 360 px phone files a
fault report with a GPS-tagged photo, the responsible unit answers and closes it, the resident
reads the answer and rates; an information request is answered in part with a released file
that appears in the public register; the statistics count both."""
import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from services.models import ServiceRequest
from tests.conftest import PASSWORD

from .conftest import file_request, jpeg_with_gps, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def staff_page(page, base, username):
    context = page.context.browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    staff = context.new_page()
    staff.set_default_timeout(10_000)
    staff.goto(f"{base}/admin/login/?next=/admin/services/servicerequest/")
    staff.fill("#id_username", username)
    staff.fill("#id_password", PASSWORD)
    staff.click("input[type=submit]")
    return staff


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def serious_violations(page):
    """axe-core on the page as it is (the pages behind a code or a POST are not in the gates)."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{item['id']}: {item['help']}" for item in found if item["impact"] in ("serious", "critical")]


def test_fault_report_to_rating_and_an_information_request_to_the_register(
        phone_page, live_server, fault_type, information_type, grounds, works_officer, office_officer):
    base = live_server.url
    other_unit, _ = file_request(information_type, subject="คำขอของอีกกอง", requester_name="นาย ข")

    # A resident on a phone files a fault report with a photo that carries GPS.
    phone_page.goto(f"{base}/services/")
    assert no_sideways_scroll(phone_page)
    with phone_page.expect_navigation():
        phone_page.get_by_role("link", name=fault_type.title).click()
    assert no_sideways_scroll(phone_page)
    phone_page.get_by_label("เรื่อง*", exact=True).fill("ไฟฟ้าส่องสว่างดับหน้าตลาด")
    phone_page.get_by_label("ลักษณะความชำรุด").fill("ไฟดับสามต้นติดกัน มืดมากตอนกลางคืน")
    phone_page.get_by_label("ประเภทเหตุ").fill("ไฟฟ้าส่องสว่าง")
    phone_page.get_by_label("จุดที่พบ").fill("ถนนราชดำเนิน หน้าตลาดสด")
    phone_page.get_by_label("ภาพถ่ายจุดที่ชำรุด").set_input_files(
        [{"name": "IMG_0412.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps((800, 600))}])
    phone_page.get_by_role("button", name="ยื่นคำร้อง").click()
    reference = phone_page.locator("#reference").inner_text()
    code = phone_page.locator("#follow-up-code").inner_text()
    assert re.fullmatch(r"EB-\d{4}-\d{4}", reference) and re.fullmatch(r"[A-Z0-9]{10}", code)
    assert no_sideways_scroll(phone_page) and serious_violations(phone_page) == []
    filed = ServiceRequest.objects.get(reference=reference)
    with filed.files.get().stored.open("rb") as handle:
        assert not Image.open(io.BytesIO(handle.read())).getexif()  # no GPS, no owner's name

    # The works unit, after login, sees it and not the other unit's request; answers and closes it.
    works = staff_page(phone_page, base, "works")
    expect(works.get_by_role("link", name=reference)).to_be_visible()
    assert works.get_by_role("link", name=other_unit.reference).count() == 0
    works.get_by_role("link", name=reference).click()
    works.locator("#reply-form textarea[name=body]").fill("เปลี่ยนหลอดไฟทั้งสามต้นแล้ว ขอบคุณที่แจ้ง")
    works.locator("#reply-form button[type=submit]").click()
    works.locator("#close-form select[name=outcome]").select_option("completed")
    works.locator("#close-form button[type=submit]").click()
    expect(works.locator("#case-status")).to_contain_text("ปิดเรื่องแล้ว")
    works.goto(f"{base}/admin/services/servicerequest/{other_unit.pk}/change/")
    assert works.locator("body").inner_text().count(other_unit.subject) == 0

    # The resident reads the answer with the code and rates the service, once.
    phone_page.goto(f"{base}/services/track/")
    phone_page.get_by_label("เลขที่คำร้อง").fill(reference)
    phone_page.get_by_label("รหัสติดตาม").fill(code.lower())
    phone_page.get_by_role("button", name="เปิดอ่านคำร้อง").click()
    expect(phone_page.get_by_text("เปลี่ยนหลอดไฟทั้งสามต้นแล้ว")).to_be_visible()
    assert "ปิดเรื่องแล้ว" in phone_page.locator("#request-status").inner_text()
    assert no_sideways_scroll(phone_page) and serious_violations(phone_page) == []
    phone_page.get_by_label("5 มากที่สุด").check()
    phone_page.get_by_role("button", name="ส่งผลการประเมิน").click()
    assert "5 จาก 5" in phone_page.locator("#rating-given").inner_text()

    # The office answers an information request in part, with a released file for the register.
    office = staff_page(phone_page, base, "office")
    office.get_by_role("link", name=other_unit.reference).click()
    office.locator("#reply-form textarea[name=body]").fill("ส่งสำเนาสัญญา โดยปกปิดเลขประจำตัวประชาชน")
    office.locator("#reply-form input[type=file]").set_input_files(
        [{"name": "contract.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("contract")}])
    office.get_by_label("เผยแพร่ไฟล์เหล่านี้ในทะเบียนคำขอข้อมูลข่าวสารสาธารณะด้วย").check()
    office.locator("#reply-form button[type=submit]").click()
    office.locator("#close-form select[name=outcome]").select_option("disclosed_part")
    office.get_by_label(str(grounds["personal"])).check()
    office.locator("#close-form button[type=submit]").click()
    office.locator("#register-form input[name=register_subject]").fill("ขอสำเนาสัญญาจ้างซ่อมถนน")
    office.get_by_label("เผยแพร่ในทะเบียนสาธารณะ").check()
    office.locator("#register-form button[type=submit]").click()

    phone_page.goto(f"{base}/services/register/")
    phone_page.get_by_role("link", name="ขอสำเนาสัญญาจ้างซ่อมถนน").click()
    assert "เปิดเผยข้อมูลบางส่วน" in phone_page.locator("#register-outcome").inner_text()
    assert "นาย ข" not in phone_page.locator("main").inner_text()
    assert no_sideways_scroll(phone_page) and serious_violations(phone_page) == []
    with phone_page.expect_download() as download:
        phone_page.locator("#register-files a").click()
    assert download.value.suggested_filename == f"{other_unit.reference}-{other_unit.files.get().pk}.pdf"

    # The statistics count both, closed.
    phone_page.goto(f"{base}/services/stats/{filed.fiscal_year}/")
    assert phone_page.locator("#total-received").inner_text() == "2"
    assert phone_page.locator("#total-closed").inner_text() == "2"
    assert no_sideways_scroll(phone_page)
    works.context.close()
    office.context.close()
