"""Filing an E-Service request in Debian's Chromium on a 360 px phone, where the browser is the
point: the limits are said and checked before sending, a long paste is kept whole, empty fields
get the server's Thai messages, and the reference and code survive a reload with copy and print."""
import pytest
from playwright.sync_api import expect

from services.models import FieldKind, ServiceRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_limits_before_sending_a_long_paste_kept_and_the_code_again_on_reload(phone_page, live_server,
                                                                              fault_type):
    question = fault_type.fields.get(kind=FieldKind.TEXT)
    question.kind, question.options = FieldKind.CHOICE, "ไฟฟ้าส่องสว่าง\nท่อระบายน้ำ\nถนน"
    question.save()
    page = phone_page
    page.goto(live_server.url + fault_type.get_absolute_url())
    send = page.get_by_role("button", name="ยื่นคำร้อง")

    # Nothing filled in: the server's Thai messages, not the browser's bubbles.
    send.click()
    expect(page.locator("#form-errors")).to_contain_text("กรุณากรอกเรื่อง")
    expect(page.locator("#form-errors")).to_contain_text("กรุณาเลือกประเภทเหตุ")

    # A 5,050-character paste is kept whole, and the count says by how much it is over.
    details = page.locator("#id_details")
    details.focus()
    page.keyboard.insert_text("ไฟดับ" * 1010)
    assert len(details.input_value()) == 5050
    expect(page.locator("#id_details + .char-count")).to_have_text("ยาวเกิน 50 ตัวอักษร (รับได้ไม่เกิน 5000 ตัวอักษร)")
    page.get_by_label("เรื่อง*", exact=True).fill("ไฟฟ้าส่องสว่างดับ")
    page.get_by_label("ไฟฟ้าส่องสว่าง", exact=True).check()
    page.get_by_label("จุดที่พบ").fill("ถนนราชดำเนิน หน้าตลาดสด")

    # The photo limit is said, and an 11 MB photo is stopped before it is uploaded.
    photos = page.get_by_label("ภาพถ่ายจุดที่ชำรุด")
    expect(page.locator("#div_id_photos")).to_contain_text("ไฟล์ละไม่เกิน 10 MB")
    photos.set_input_files([{"name": "big.jpg", "mimeType": "image/jpeg",
                             "buffer": b"\xff\xd8\xff" + bytes(11 * 1024 * 1024)}])
    expect(page.locator("#div_id_photos .file-check")).to_contain_text("big.jpg มีขนาด 11 MB ใหญ่เกิน 10 MB")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    send.click()
    page.wait_for_timeout(300)
    assert posts == [] and not ServiceRequest.objects.exists()

    # Without the photo the server answers: too long, in Thai, with every character kept.
    photos.set_input_files([])
    send.click()
    expect(page.locator("#form-errors")).to_contain_text("เกินที่รับได้ 5000 ตัวอักษร")
    assert len(page.locator("#id_details").input_value()) == 5050
    assert not ServiceRequest.objects.exists()

    page.locator("#id_details").fill("ไฟดับสามต้นติดกัน")
    page.get_by_label("ไฟฟ้าส่องสว่าง", exact=True).check()
    page.get_by_role("button", name="ยื่นคำร้อง").click()
    reference = page.locator("#reference").inner_text()
    code = page.locator("#follow-up-code").inner_text()
    assert ServiceRequest.objects.get().reference == reference

    # A reload (or the phone reopening the tab) shows them again, with copy and print.
    page.reload()
    expect(page.locator("#reference")).to_have_text(reference)
    expect(page.locator("#follow-up-code")).to_have_text(code)
    expect(page.get_by_role("button", name="พิมพ์เลขที่คำร้องและรหัสติดตาม")).to_be_visible()
    page.get_by_role("button", name="คัดลอกรหัส").click()
    expect(page.locator("#follow-up-copy-status")).not_to_be_empty()
