"""The issue's "Done when", in a real browser: opinion → moderation in admin → published; a general
suggestion followed by its reference number. Plus accessibility and 360 px checks of the forms."""

import re

import pytest
from django.urls import reverse

from committees.models import Opinion
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def labelled(label):
    """The field's exact label; a required field's label ends with the form's "*" mark."""
    return re.compile(rf"^{re.escape(label)}\*?$")


def test_opinion_is_moderated_in_admin_then_published(page, live_server, open_consultation, general_affairs):
    url = live_server.url + open_consultation.get_absolute_url()
    page.goto(url)
    page.get_by_role("textbox", name=labelled("ความคิดเห็น")).fill("ขอให้เพิ่มถังขยะแยกประเภท <b>ด่วน</b>")
    page.get_by_label("ชื่อผู้แสดงความคิดเห็น").fill("ชาวตลาด")
    page.get_by_role("button", name="ส่งความคิดเห็น").click()
    page.get_by_text("จะเผยแพร่หลังเจ้าหน้าที่ตรวจสอบ").wait_for()
    assert page.locator(".opinion").count() == 0

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", general_affairs.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:committees_opinion_changelist"))
    page.locator("input[name=_selected_action]").first.check()
    page.select_option("select[name=action]", "publish_opinions")
    page.locator("button[name=index]").click()
    page.get_by_text("ปรับสถานะ 1 ความคิดเห็น").wait_for()

    page.goto(url)
    opinion = page.locator(".opinion")
    assert opinion.count() == 1
    assert "ขอให้เพิ่มถังขยะแยกประเภท <b>ด่วน</b>" in opinion.inner_text()  # HTML shown as text
    assert "ชาวตลาด" in opinion.inner_text()
    assert Opinion.objects.get().moderated_by == general_affairs


def test_general_suggestion_is_followed_by_its_reference_number(page, live_server):
    page.goto(live_server.url + reverse("feedback:index"))
    assert (
        page.get_by_role("link", name="ช่องทางร้องเรียนการทุจริตโดยเฉพาะ").get_attribute("href") == "/complaints/"
    )
    page.get_by_role("radio", name="ข้อเสนอแนะ", exact=True).check()
    page.get_by_role("textbox", name=labelled("เรื่อง")).fill("ขอเพิ่มไฟส่องสว่างซอย 3")
    page.get_by_role("textbox", name=labelled("รายละเอียด")).fill("ซอย 3 มืดมากตอนกลางคืน")
    page.get_by_role("button", name="ส่งเรื่อง").click()
    reference = page.locator("#reference").inner_text()
    code = page.locator("#follow-up-code").inner_text()
    assert re.fullmatch(r"คร-\d{4}-\d{4}", reference)

    page.get_by_role("link", name="ไปหน้าติดตามเรื่อง").click()
    page.get_by_role("textbox", name=labelled("เลขที่อ้างอิง")).fill(reference)
    page.get_by_role("textbox", name=labelled("รหัสติดตาม")).fill(code)
    page.get_by_role("button", name="ตรวจสอบสถานะ").click()
    assert page.locator("#follow-up-status").inner_text() == "รับเรื่องแล้ว"
    assert "ซอย 3 มืดมากตอนกลางคืน" in page.locator(".follow-up-result").inner_text()


def test_bad_input_shows_errors_tied_to_fields_without_javascript(browser, live_server):
    context = browser.new_context(locale="th-TH", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + reverse("feedback:index"))
    page.get_by_role("textbox", name=labelled("รายละเอียด")).fill("ข้อความที่พิมพ์ไว้")
    page.get_by_role("button", name="ส่งเรื่อง").click()
    subject = page.get_by_role("textbox", name=labelled("เรื่อง"))
    assert subject.get_attribute("aria-invalid") == "true"
    assert "id_subject_error" in subject.get_attribute("aria-describedby")
    assert "กรุณากรอกเรื่อง" in page.locator("#id_subject_error").inner_text()
    assert page.get_by_role("textbox", name=labelled("รายละเอียด")).input_value() == "ข้อความที่พิมพ์ไว้"
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "committees:index",
        "feedback:index",
        "feedback:follow_up",
        "committees:meetings",
        "committees:consultations",
    ],
)
def test_pages_pass_axe_and_fit_a_phone(
    phone_page, live_server, path, make_committee, open_consultation, make_meeting
):
    from axe_playwright_python.sync_playwright import Axe

    make_committee(name="คณะกรรมการบริหารตลาด")
    make_meeting(days_from_now=2)
    phone_page.goto(live_server.url + reverse(path))
    results = Axe().run(phone_page)
    assert results.violations_count == 0, results.generate_report()
    scroll_width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"horizontal scroll at 360 px: {scroll_width}"


def test_detail_pages_pass_axe(phone_page, live_server, open_consultation, make_committee, make_meeting):
    from axe_playwright_python.sync_playwright import Axe

    from committees.models import MeetingPhoto

    from .conftest import jpeg_with_gps

    committee, _ = make_committee(name="คณะกรรมการบริหารตลาด")
    meeting = make_meeting(days_from_now=-2, committee=committee, attendance=40, resolutions="เห็นชอบ")
    photo = MeetingPhoto(meeting=meeting, caption="บรรยากาศ")
    photo.set_picture(jpeg_with_gps())
    photo.save()
    for url in (
        open_consultation.get_absolute_url(),
        committee.get_absolute_url(),
        meeting.get_absolute_url(),
    ):
        phone_page.goto(live_server.url + url)
        results = Axe().run(phone_page)
        assert results.violations_count == 0, f"{url}\n{results.generate_report()}"
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, url
