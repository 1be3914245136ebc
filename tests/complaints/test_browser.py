"""Browser tests from the "Done when" of issues 6 and 7 (Debian's Chromium via Playwright)."""
import io
import re

import pytest
from PIL import Image

from complaints.models import CorruptionReport, ReportMessage
from tests.conftest import PASSWORD

from .conftest import hold_keys, jpeg_with_gps, open_with_receipt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GENERIC_WRONG = "รหัสติดตามไม่ถูกต้องหรือไม่พบเรื่อง"


def _file_report(page, base, with_photo=True):
    page.goto(f"{base}/complaints/")
    page.get_by_role("link", name="แจ้งเรื่องร้องเรียน", exact=True).click()
    page.get_by_label("การเรียกรับหรือให้สินบน").check()
    page.get_by_label("รายละเอียดเรื่องที่ต้องการแจ้ง").fill("มีการเรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง (ทดสอบ)")
    if with_photo:
        page.get_by_label("ไฟล์หลักฐาน (ถ้ามี)").set_input_files(
            [{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}])
    page.get_by_role("button", name="ส่งเรื่องร้องเรียน").click()
    receipt = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"\d{5}(-\d{5}){4}", receipt)
    return receipt


def _open_follow_up(page, base, receipt):
    page.goto(f"{base}/complaints/track/")
    page.get_by_label("รหัสติดตามเรื่อง (25 หลัก)").fill(receipt)
    page.get_by_role("button", name="เปิดดูเรื่อง").click()


def test_whistleblower_files_with_gps_photo_and_follows_up(page, live_server):
    base = live_server.url
    receipt = _file_report(page, base)
    report = open_with_receipt(receipt)  # the test reads what it filed as the reporter can
    report = CorruptionReport.objects.get()
    stored = report.files.get()
    assert not Image.open(io.BytesIO(stored.read_plaintext())).getexif()
    ReportMessage.objects.create(report=report, kind=ReportMessage.Kind.TO_REPORTER, body="โปรดระบุวันที่เกิดเหตุ")
    _open_follow_up(page, base, receipt)
    assert page.get_by_text("โปรดระบุวันที่เกิดเหตุ").is_visible()
    page.get_by_label("ข้อความตอบกลับ").fill("เกิดเมื่อวันที่ 3 มีนาคม ช่วงบ่าย")
    page.get_by_role("button", name="ส่งข้อความ").click()
    assert page.get_by_text("เกิดเมื่อวันที่ 3 มีนาคม ช่วงบ่าย").is_visible()
    assert report.messages.filter(kind="from_reporter").count() == 1
    page.get_by_role("button", name="ออกจากการติดตามเรื่อง").click()
    _open_follow_up(page, base, "11111-22222-33333-44444-55555")
    assert GENERIC_WRONG in page.locator("#form-errors").inner_text()
    _open_follow_up(page, base, "12")
    assert GENERIC_WRONG in page.locator("#form-errors").inner_text()


def test_report_form_fits_a_phone(phone_page, live_server):
    phone_page.goto(f"{live_server.url}/complaints/report/")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_legal_officer_with_totp_acknowledges_and_messages_outsider_refused(
        page, live_server, legal_officer, refused_staff, outsider_superuser):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice


    hold_keys(legal_officer)  # set their own password before: an endorsed key
    base = live_server.url
    receipt = _file_report(page, base, with_photo=False)
    report = CorruptionReport.objects.get()
    device = TOTPDevice.objects.create(user=legal_officer, name="phone", confirmed=True)
    staff = page.context.browser.new_context(locale="th-TH")
    officer = staff.new_page()
    officer.goto(f"{base}/admin/complaints/corruptionreport/")
    officer.fill("#id_username", "legal")
    officer.fill("#id_password", PASSWORD)
    officer.click("input[type=submit]")
    officer.get_by_label("รหัสยืนยัน 6 หลัก").fill(f"{totp(device.bin_key):06d}")
    officer.get_by_role("button", name="ยืนยัน").click()
    officer.get_by_role("link", name=report.reference).click()
    transition = officer.locator("#transition-form")
    transition.get_by_label("เปลี่ยนสถานะเป็น").select_option("acknowledged")
    transition.get_by_label("ข้อความที่ผู้แจ้งเห็นในลำดับการดำเนินการ").fill("รับเรื่องไว้พิจารณาแล้ว")
    transition.get_by_role("button", name="บันทึกสถานะ").click()
    assert "ตอบรับเรื่องแล้ว" in officer.locator("#case-status").inner_text()
    message = officer.locator("#message-form")
    message.get_by_label("ข้อความถึงผู้แจ้ง").check()
    message.locator("textarea[name=body]").fill("ขอบคุณที่แจ้ง โปรดส่งภาพถ่ายเพิ่มเติมถ้ามี")
    message.get_by_role("button", name="บันทึกข้อความ").click()
    staff.close()

    _open_follow_up(page, base, receipt)
    assert "ตอบรับเรื่องแล้ว" in page.locator("#report-status").inner_text()
    assert page.get_by_text("ขอบคุณที่แจ้ง โปรดส่งภาพถ่ายเพิ่มเติมถ้ามี").is_visible()

    for outsider in ("refused", "root"):
        context = page.context.browser.new_context(locale="th-TH")
        other = context.new_page()
        other.goto(f"{base}/admin/login/")
        other.fill("#id_username", outsider)
        other.fill("#id_password", PASSWORD)
        other.click("input[type=submit]")
        for path in ("", "add/", f"{report.pk}/change/", f"{report.pk}/history/", f"{report.pk}/delete/",
                     "export/", f"{report.pk}/print/", "verify/"):
            response = other.goto(f"{base}/admin/complaints/corruptionreport/{path}")
            assert response.status == 403, (outsider, path)
            assert report.reference not in other.content()
        context.close()


@pytest.mark.parametrize("path", ["/complaints/", "/complaints/manual/", "/complaints/report/",
                                  "/complaints/track/", "/complaints/stats/"])
def test_public_pages_pass_axe(page, live_server, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{live_server.url}{path}")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _staff_login(browser, base, username, password=PASSWORD, next_path="/admin/"):
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    return context, page


def test_joining_the_legal_unit_takes_a_second_person_and_the_device_is_enrolled_once(
        page, live_server, legal_officer, outsider_superuser, django_user_model):
    import base64

    from django.core import mail
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from complaints import roles as complaint_roles
    from kpp_portal import roles

    base, browser = live_server.url, page.context.browser
    newcomer = django_user_model.objects.create_user("newcomer", password=PASSWORD, is_staff=True)
    hold_keys(legal_officer)  # complaint pages open only to an officer holding an endorsed key
    officer_device = TOTPDevice.objects.create(user=legal_officer, name="phone", confirmed=True)
    legal_officer.email = "legal@example.org"
    legal_officer.save()

    # A superuser puts the newcomer in the legal group with the user admin's groups widget.
    user_page = f"/admin/auth/user/{newcomer.pk}/change/"
    root_context, root = _staff_login(browser, base, "root", next_path=user_page)
    root.select_option("#id_groups_from", label=complaint_roles.LEGAL_AFFAIRS)
    root.click("#id_groups_add")
    root.click("input[name=_save]")
    assert "ต้องได้รับอนุมัติ" in root.locator(".messagelist").inner_text()
    assert not roles.in_group(newcomer, complaint_roles.LEGAL_AFFAIRS)
    assert any("newcomer" in message.body for message in mail.outbox if message.to == ["legal@example.org"])
    root_context.close()

    # A legal officer passes TOTP and approves it.
    officer_context, officer = _staff_login(browser, base, "legal",
                                            next_path="/admin/complaints/accessrequest/")
    officer.get_by_label("รหัสยืนยัน 6 หลัก").fill(f"{totp(officer_device.bin_key):06d}")
    officer.get_by_role("button", name="ยืนยัน").click()
    officer.get_by_role("link", name="newcomer").click()
    assert "root" in officer.content()
    officer.get_by_role("button", name="อนุมัติ", exact=True).click()
    assert "อนุมัติ" in officer.locator(".messagelist").inner_text()
    assert roles.in_group(newcomer, complaint_roles.LEGAL_AFFAIRS)
    officer_context.close()

    # The newcomer enrols their own phone once, and reaches the queue.
    own_context, own = _staff_login(browser, base, "newcomer",
                                    next_path="/admin/complaints/corruptionreport/")
    own.get_by_role("link", name="ลงทะเบียนอุปกรณ์ยืนยันตัวตน").click()
    secret = own.locator("#enrolment-secret").inner_text()
    code = totp(base64.b32decode(secret + "=" * (-len(secret) % 8)))
    own.get_by_label("รหัส 6 หลักที่แอปแสดง").fill(f"{code:06d}")
    own.get_by_role("button", name="ยืนยันอุปกรณ์").click()
    assert "ลงทะเบียนอุปกรณ์ยืนยันตัวตนแล้ว" in own.locator(".messagelist").inner_text()
    # The password was set by someone else (create_user here, the admin in production): before
    # the queue, the newcomer sets their own, under which their complaint key is made.
    assert own.url.endswith("/admin/password_change/")
    own.fill("#id_old_password", PASSWORD)
    own.fill("#id_new_password1", "the-newcomers-own-password-7")
    own.fill("#id_new_password2", "the-newcomers-own-password-7")
    own.click("input[type=submit]")
    own.goto(f"{base}/admin/complaints/corruptionreport/")
    assert own.url.endswith("/admin/complaints/corruptionreport/")
    response = own.goto(f"{base}/admin/complaints/corruptionreport/verify/enrol/")
    assert "enrolment-secret" not in own.content() and response.url.endswith("/verify/")
    own_context.close()
    assert TOTPDevice.objects.filter(user=newcomer, confirmed=True).count() == 1


def test_receipt_on_a_phone_breaks_only_between_groups_and_copies(phone_page, live_server):
    phone_page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    receipt = _file_report(phone_page, live_server.url, with_photo=False)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    groups = phone_page.locator(".receipt-group")
    assert groups.count() == 5
    # An inline box broken across two lines has two client rectangles.
    assert groups.evaluate_all("gs => gs.map(g => g.getClientRects().length)") == [1] * 5
    phone_page.get_by_role("button", name="คัดลอกรหัส").click()
    phone_page.get_by_text("คัดลอกรหัสแล้ว").wait_for()
    assert phone_page.evaluate("navigator.clipboard.readText()") == receipt


def test_receipt_without_javascript_is_plain_text(browser, live_server):
    context = browser.new_context(
        locale="th-TH", java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        receipt = _file_report(page, live_server.url, with_photo=False)
        assert page.get_by_role("button", name="คัดลอกรหัส").count() == 0  # hidden: nothing to press
        assert page.locator("#receipt-code").is_visible() and len(receipt) == 29
    finally:
        context.close()


def test_officer_logs_in_with_password_and_totp_and_reads_a_report_filed_a_moment_before(
        page, live_server, legal_officer):
    """Only a person opens a report: the officer's password unwraps their key at login, the
    browser holds the key that opens it for the session, and logging out ends that."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from complaints import crypto, session

    hold_keys(legal_officer)  # set their own password before: an endorsed key
    device = TOTPDevice.objects.create(user=legal_officer, name="phone", confirmed=True)
    base = live_server.url
    _file_report(page, base, with_photo=True)
    report = CorruptionReport.objects.get()
    assert isinstance(report.description, crypto.Locked)  # the server alone opens nothing

    context, officer = _staff_login(page.context.browser, base, "legal",
                                    next_path=f"/admin/complaints/corruptionreport/{report.pk}/change/")
    officer.get_by_label("รหัสยืนยัน 6 หลัก").fill(f"{totp(device.bin_key):06d}")
    officer.get_by_role("button", name="ยืนยัน").click()
    assert officer.get_by_text("มีการเรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง (ทดสอบ)").is_visible()
    vault = next(cookie for cookie in context.cookies() if cookie["name"] == session.VAULT_COOKIE)
    assert vault["httpOnly"] and vault["sameSite"] == "Strict"
    evidence = officer.locator("a[href*='/file/']").first
    with officer.expect_download() as download:
        evidence.click()
    assert open(download.value.path(), "rb").read().startswith(b"\xff\xd8")

    # Without the cookie, the same session (its row still valid) opens nothing.
    context.clear_cookies(name=session.VAULT_COOKIE)
    officer.goto(f"{base}/admin/complaints/corruptionreport/{report.pk}/change/")
    assert "มีการเรียกรับเงิน" not in officer.content() and officer.locator("#case-locked").is_visible()
    context.close()
