"""A citizen reads the news, opens the structure page and asks a question, in Chromium."""

import pytest

from kpp_portal.thai import format_thai_date
from municipality.models import NewsItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_reads_news_opens_structure_and_asks(page, live_server, demo_content):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="ข่าวทั้งหมด").click()
    page.wait_for_url("**/news/")
    assert page.get_by_role("heading", level=1).inner_text() == "ข่าวประชาสัมพันธ์"
    assert page.get_by_text("ตั้งเวลาเผยแพร่ล่วงหน้า").count() == 0  # scheduled news stays hidden

    page.get_by_role("link", name="เทศบาลจัดเวทีประชาคมรับฟังความคิดเห็นประชาชน (ตัวอย่าง)").click()
    page.wait_for_url("**/news/*-community-forum/")
    picture = page.locator("figure.news-figure img")
    assert picture.get_attribute("alt") and "400w" in picture.get_attribute("srcset")
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    published = NewsItem.objects.get(slug="community-forum").publish_at
    assert page.locator("article time").inner_text() == format_thai_date(published, long=True)

    page.get_by_role("navigation", name="เมนูหลัก").get_by_role("link", name="เกี่ยวกับเทศบาล").click()
    page.get_by_role("link", name="โครงสร้างหน่วยงาน").first.click()
    page.wait_for_url("**/about/structure/")
    tree = page.locator(".org-tree")
    assert tree.get_by_text("ฝ่ายนิติการ", exact=True).is_visible()
    assert tree.locator("ul ul ul li").count() >= 5  # units nested three levels deep
    # The top box is the municipality itself, not "another unit".
    assert "หน่วยงานอื่น" not in tree.locator(".org-box").first.inner_text()

    page.goto(live_server.url + "/about/executives/")
    mayor = page.locator(".person-card").filter(has_text="นายกเทศมนตรีเมืองกำแพงเพชร")
    assert mayor.locator(".person-phone").is_visible()
    assert mayor.get_by_role("link", name="executive1@example.com").get_attribute("href") == (
        "mailto:executive1@example.com")

    page.get_by_role("link", name="ถาม-ตอบ").click()
    page.wait_for_url("**/questions/")
    page.get_by_label("คำถาม", exact=False).last.fill("ขอทราบวันเวลาเก็บขยะในชุมชนวัดคูยาง")
    page.get_by_role("button", name="ส่งคำถาม").click()
    page.wait_for_url("**/questions/")
    thanks = page.get_by_role("status").inner_text()
    assert "ได้รับคำถามของท่านแล้ว ขอบคุณที่สอบถาม" in thanks and "ครับ" not in thanks and "ค่ะ" not in thanks


def test_question_page_fits_a_phone(phone_page, live_server, demo_content):
    phone_page.goto(live_server.url + "/questions/")
    phone_page.get_by_role("button", name="ส่งคำถาม").click()  # empty: the browser does not block (novalidate)
    assert phone_page.locator("#id_question_error").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone_page.goto(live_server.url + "/about/structure/")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
