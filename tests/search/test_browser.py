import io
import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_citizen_on_a_phone_searches_from_the_header(phone_page, live_server, demo):
    page = phone_page
    page.goto(live_server.url + "/")
    box = page.get_by_role("searchbox", name="ค้นหาทั้งเว็บไซต์")
    assert box.is_visible() and no_sideways_scroll(page)
    box.fill("เวทีประชาคม")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator("h1").inner_text() == "ค้นหาทั้งเว็บไซต์"
    assert re.fullmatch(r"พบ \d+ รายการ", page.get_by_role("status").inner_text())
    results = page.locator(".search-result")
    assert results.count() >= 3
    first = results.first
    assert first.locator(".badge").inner_text()  # the section
    assert first.locator("mark").first.inner_text() == "เวทีประชาคม"
    assert re.search(r"25\d\d$", first.locator("time").inner_text())  # Buddhist era
    assert no_sideways_scroll(page)
    # Narrow to one section, then open a result.
    page.get_by_role("navigation", name="ผลการค้นหาตามหมวด").get_by_role(
        "link", name=re.compile("คณะกรรมการและการประชุม")).click()
    page.wait_for_url(re.compile(r"section=committees"))
    assert set(page.locator(".search-result .badge").all_inner_texts()) == {"คณะกรรมการและการประชุม"}
    title = page.locator(".search-result h2 a").first
    name = title.inner_text()
    title.click()
    assert page.locator("h1").inner_text() == name


def test_the_header_box_keeps_the_menu_on_one_line_on_a_wide_screen(page, live_server, demo):
    page.goto(live_server.url + "/")
    assert page.get_by_role("searchbox", name="ค้นหาทั้งเว็บไซต์").is_visible()
    links = page.locator("#main-nav .nav-link")
    tops = {round(box["y"]) for box in (links.nth(n).bounding_box() for n in range(links.count()))}
    heights = {round(links.nth(n).bounding_box()["height"]) for n in range(links.count())}
    assert len(tops) == 1 and len(heights) == 1  # one row, no item on two lines
    assert no_sideways_scroll(page)


@pytest.mark.parametrize("typed", ["ร้องเรียน", "งบประมาณ"])
def test_on_a_phone_the_first_result_is_on_the_first_screen(phone_page, live_server, demo, typed):
    page = phone_page
    page.set_viewport_size({"width": 360, "height": 640})  # a small phone's first screen
    page.goto(live_server.url + "/search/?q=" + typed)
    first = page.locator(".search-service, .search-result").first
    assert first.bounding_box()["y"] + 40 <= page.viewport_size["height"]  # its title shows, too
    # The box and the sections are still there, after the results.
    assert page.get_by_role("navigation", name="ผลการค้นหาตามหมวด").is_visible()
    assert page.get_by_role("search", name="ค้นหาและกรองผลการค้นหา").is_visible()
    if typed == "ร้องเรียน":  # a search naming a service: the service comes first
        assert first.locator(".badge").inner_text() == "บริการ"
        first.get_by_role("link").click()
        page.wait_for_url(re.compile(r"/complaints/$"))
