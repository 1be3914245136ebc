from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS = [
    ("เกี่ยวกับเทศบาล", "/about/"),
    ("ข่าวสาร", "/news/"),
    ("ข้อมูลสาธารณะ/ITA", "/disclosures/"),
    ("คณะกรรมการและการมีส่วนร่วม", "/committees/"),
    ("จัดซื้อจัดจ้าง", "/procurement/"),
    ("แสดงความคิดเห็นทั่วไป", "/feedback/"),
    ("ร้องเรียนการทุจริต", "/complaints/"),
    ("E-Service", "/services/"),
]


def test_home_is_thai_in_sarabun_and_loads_nothing_from_elsewhere(page, live_server):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "lang") == "th"
    assert "เทศบาลเมืองกำแพงเพชร" in page.inner_text("header")
    assert "Sarabun" in page.evaluate("getComputedStyle(document.body).fontFamily")
    loaded = page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts]"
        ".filter(f => f.family.includes('Sarabun') && f.status === 'loaded').length)"
    )
    assert loaded >= 1, "the Sarabun web font was not loaded from the portal"
    assert page.evaluate("document.fonts.check('16px Sarabun', 'กำแพงเพชร')")
    assert hosts == {urlparse(live_server.url).hostname}


def test_navigation_reaches_every_section(page, live_server):
    for label, path in SECTIONS:
        page.goto(live_server.url + "/")
        page.get_by_role("navigation", name="เมนูหลัก").get_by_role("link", name=label, exact=True).click()
        page.wait_for_url(live_server.url + path)
        assert page.locator("h1").count() == 1


def test_language_switch(page, live_server):
    page.goto(live_server.url + "/procurement/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.url == live_server.url + "/procurement/"
    assert "Kamphaeng Phet Town Municipality" in page.inner_text(".site-name")
    page.get_by_role("button", name="ภาษาไทย").click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "th"


def test_skip_link_moves_focus_to_the_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className").startswith("skip-link")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_no_horizontal_scroll_at_360px(phone_page, live_server):
    for path in ["/"] + [path for _, path in SECTIONS]:
        phone_page.goto(live_server.url + path)
        overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360 px"
    # The menu collapses behind a button that opens it.
    phone_page.goto(live_server.url + "/")
    menu = phone_page.get_by_role("link", name="จัดซื้อจัดจ้าง", exact=True)
    assert not menu.is_visible()
    phone_page.get_by_role("button", name="เปิด/ปิดเมนู").click()
    menu.wait_for(state="visible")


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_menu_is_one_line_at_1280px(page, live_server, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + "/")
    assert page.get_attribute("html", "lang") == language
    links = page.locator("#main-nav .nav-link")
    assert links.count() == len(SECTIONS) + 1  # the home page and every section
    tops = links.evaluate_all("ls => ls.map(l => Math.round(l.getBoundingClientRect().top))")
    assert len(set(tops)) == 1, f"the {language} menu wraps: {tops}"
    # No label breaks inside: each link is one line box.
    assert links.evaluate_all("ls => ls.every(l => l.getClientRects().length === 1)")
    assert set(links.evaluate_all("ls => ls.map(l => l.getBoundingClientRect().height)")) == {
        links.first.bounding_box()["height"]}
