"""The council's pages on a 360 px phone, in a real browser: from the session calendar (and the
year before) to a meeting, its named votes, a member's record and attendance; nothing scrolls
sideways."""
import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FITS = "document.documentElement.scrollWidth <= window.innerWidth"


def test_a_reader_follows_a_meeting_to_a_members_votes_on_a_phone(phone_page, live_server, council):
    page = phone_page
    council.grow(15)  # a year and more of meetings before: the calendar links to the year before
    page.goto(live_server.url + reverse("council:index"))
    assert page.evaluate(FITS)
    page.get_by_role("navigation", name="ปีงบประมาณอื่น").get_by_role("link").first.click()
    page.get_by_role("link", name="ปีงบประมาณปัจจุบัน").wait_for()
    assert page.evaluate(FITS)
    page.get_by_role("link", name="ปีงบประมาณปัจจุบัน").click()
    page.get_by_role("heading", name="ปฏิทินสมัยประชุม").wait_for()
    page.locator(f'a[href="{council.meeting.get_absolute_url()}"]').first.click()
    page.get_by_role("heading", name="ระเบียบวาระการประชุม").wait_for()
    assert page.evaluate(FITS)
    page.get_by_text("การออกเสียงรายบุคคล").click()
    page.get_by_role("link", name="สมาชิกทดสอบ 1").first.click()
    page.get_by_role("heading", name="การออกเสียงที่บันทึกรายบุคคล").wait_for()
    assert page.evaluate(FITS)
    # The tables read as one card per row on a phone.
    rows = page.locator("table.table-stack tbody tr")
    assert rows.count() >= 2
    assert rows.first.evaluate("tr => getComputedStyle(tr).display") == "block"
    page.get_by_role("link", name="การมาประชุมแต่ละครั้ง").click()
    page.get_by_role("heading", name="การมาประชุม — สมาชิกทดสอบ 1").wait_for()
    assert page.evaluate(FITS)
    assert rows.count() >= 2 and rows.first.evaluate("tr => getComputedStyle(tr).display") == "block"
    page.go_back()
    page.get_by_role("link", name=council.budget.title).first.click()  # to the agenda item
    page.get_by_role("link", name=f"{council.budget.reference} · ความเป็นมาของเรื่องนี้").click()
    page.get_by_role("heading", name="ความเป็นมา").wait_for()
    assert page.evaluate(FITS)
