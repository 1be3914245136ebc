"""Accessibility gate: axe-core (bundled by axe-playwright-python) in Debian's Chromium.

No violation of any impact (minor ones too) on any key public page, at desktop (1280 px) and
phone (360 px) widths.
"""
import re
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import KEY_PAGES
from .test_static_manifest import sitemap_paths


def violations(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    return [
        f"{violation['impact']} {violation['id']}: {violation['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
        for violation in Axe().run(page).response["violations"]
    ]


def every_key_page(page, live_server):
    # One test per width, not per page: the demo content is loaded once, not once per page.
    found = {path: violations(page, live_server.url + path) for path in KEY_PAGES}
    return "\n".join(f"{path}: {problem}" for path, problems in found.items() for problem in problems)


@pytest.mark.browser
def test_no_violation_on_desktop(page, live_server, demo_content):
    assert every_key_page(page, live_server) == ""


@pytest.mark.browser
def test_no_violation_on_phone(phone_page, live_server, demo_content):
    assert every_key_page(phone_page, live_server) == ""


@pytest.mark.browser
def test_gate_catches_an_unlabelled_field(page, live_server):
    # The gate must be able to fail: axe really runs and reports what it finds.
    page.set_content('<html lang="th"><body><main><input type="text"></main></body></html>')
    found = {violation["id"]: violation["impact"] for violation in Axe().run(page).response["violations"]}
    assert found.get("label") == "critical"


def test_scrollable_regions_have_distinct_names_on_every_page(client, demo_content):
    # axe's landmark-unique, on every key and sitemap page (the browser gate sees only the key
    # pages): a screen reader lists regions by name, so two alike cannot be told apart.
    problems = []
    for path in sorted(set(KEY_PAGES) | set(sitemap_paths(client))):
        html = client.get(path, follow=True).content.decode()
        names = Counter(
            re.search(r'aria-label(?:ledby)?="([^"]*)"', tag).group(0) if "aria-label" in tag else "(no name)"
            for tag in re.findall(r'<[a-z]+[^>]*role="region"[^>]*>', html)
        )
        problems += [f"{path}: {count} regions named {name}" for name, count in names.items() if count > 1]
    assert problems == []
