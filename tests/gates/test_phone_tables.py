"""No public page scrolls sideways on a 360 px phone: tables read row by row become one card per
row (.table-stack), and on a 1280 px screen the สขร.1 table shows all nine columns."""
import pytest

from .conftest import PublicPages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For each stacked table: is every row a card, and does the table fit its box?
STACKED_TABLES = """() => [...document.querySelectorAll('table.table-stack')].map(table => ({
  cards: [...table.querySelectorAll('tbody tr')].every(tr => getComputedStyle(tr).display === 'block'),
  fits: table.getBoundingClientRect().right <= document.documentElement.clientWidth,
  labelled: [...table.querySelectorAll('tbody td')].every(td => td.dataset.label !== undefined
                                                          || td.colSpan > 1),
}))"""


def test_no_public_page_scrolls_sideways_at_360px(phone_page, client, live_server, demo_content):
    # Every kind of public page, and the checklist of the seed document's year (the most rows).
    paths = [*PublicPages(client).paths, "/disclosures/ita/2564/"]
    for language in ("th", "en"):  # English labels are longer
        cookie = {"name": "django_language", "value": language, "url": live_server.url}
        phone_page.context.add_cookies([cookie])
        stacked = 0
        for path in paths:
            response = phone_page.goto(live_server.url + path)
            assert response.status == 200, path
            width = phone_page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{path} ({language}) is {width} px wide at 360 px"
            for table in phone_page.evaluate(STACKED_TABLES):
                stacked += 1
                assert table == {"cards": True, "fits": True, "labelled": True}, (path, language)
        assert stacked >= 8  # the pattern is really in use on the table pages


def test_monthly_results_show_every_column_at_1280px(page, live_server, demo_content):
    page.goto(live_server.url + "/procurement/monthly/2564/1/")
    table = page.locator("table.monthly-results")
    assert table.locator("tbody tr").count() >= 1
    last = table.locator("thead th").last
    assert last.inner_text().startswith("เลขที่และวันที่ของสัญญา")
    box, wrapper = last.bounding_box(), table.locator("xpath=..").bounding_box()
    assert box["x"] + box["width"] <= wrapper["x"] + wrapper["width"] + 1
    assert table.locator("xpath=..").evaluate("e => e.scrollWidth <= e.clientWidth")
    assert last.is_visible()
