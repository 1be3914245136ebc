"""Accessibility gate: axe-core (bundled by axe-playwright-python) in Debian's Chromium.

No violation of any impact (minor ones too), experimental rules included, on any public page
(PublicPages: the key pages and one page of every other kind), in Thai and in English, at phone
(360 px) and desktop (1280 px) widths.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import KEY_PAGES, PublicPages

AXE = Axe()
# axe's experimental rules too (off by default), e.g. label-content-name-mismatch: a control's
# name must contain its visible words, which speech-input users say to press it.
RUN_AXE = """axe.run({
  resultTypes: ['violations'],
  rules: Object.fromEntries(axe.getRules(['experimental']).map(rule => [rule.ruleId, {enabled: true}])),
}).then(found => found.violations)"""
WIDTHS = ({"width": 1280, "height": 900}, {"width": 360, "height": 740})


def findings(page):
    """axe's findings on the page as it is laid out now; axe is put in once per page load."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.axe_script)
    return [
        f"{violation['impact']} {violation['id']}: {violation['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
        for violation in page.evaluate(RUN_AXE)
    ]


def violations(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    return findings(page)


@pytest.mark.browser
@pytest.mark.long
def test_no_violation_on_any_public_page(browser, client, live_server, demo_content):
    # One test, not one per page, width or language: the demo content is loaded once. Each page
    # is loaded once and checked at both widths (the styles change with the width alone). In
    # English the key pages: the other kinds' English is read by the HTML gate.
    problems = []
    for language, paths in (("th", PublicPages(client).paths), ("en", KEY_PAGES)):
        context = browser.new_context(locale="th-TH", viewport=WIDTHS[0])
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(10_000)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{path} answered {response.status}"
            assert page.evaluate("document.documentElement.lang") == language, path
            for viewport in WIDTHS:
                page.set_viewport_size(viewport)
                problems += [f"{path} ({language}, {viewport['width']} px): {problem}"
                             for problem in findings(page)]
        context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.browser
def test_gate_catches_an_unlabelled_field(page, live_server):
    # The gate must be able to fail: axe really runs and reports what it finds.
    page.set_content('<html lang="th"><body><main><input type="text"></main></body></html>')
    assert any(problem.startswith("critical label:") for problem in findings(page))


@pytest.mark.browser
def test_gate_runs_the_experimental_rules(page, live_server):
    # label-content-name-mismatch is experimental: off unless the gate turns it on.
    page.set_content('<html lang="en"><body><main><button aria-label="Go there">Search</button>'
                     '</main></body></html>')
    assert any(" label-content-name-mismatch:" in problem for problem in findings(page))


@pytest.mark.browser
def test_experimental_rules_pass_on_a_few_pages(page, live_server, db):
    # The whole gate is long; these pages carry the header's search button and the filing forms.
    problems = []
    for path in ("/", "/services/", "/complaints/report/"):
        problems += [f"{path}: {problem}" for problem in violations(page, live_server.url + path)]
    assert problems == [], "\n".join(problems)
    # Thai has no spaces between words, so axe's substring test passes "ค้นหาทั้งเว็บไซต์" for a
    # button showing "ค้นหา"; speech input matches words: the visible one is a word of the name.
    for language, visible in (("th", "ค้นหา"), ("en", "Search")):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page.goto(live_server.url + "/")
        search = page.locator(".site-search")
        assert search.get_by_role("button", name=re.compile(rf"^{visible}\s+\S")).count() == 1
