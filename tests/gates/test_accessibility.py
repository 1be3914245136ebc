"""Accessibility gate: axe-core (bundled by axe-playwright-python) in Debian's Chromium.

No violation of any impact (minor ones too) on any key public page, at desktop (1280 px) and
phone (360 px) widths.
"""
import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import KEY_PAGES


def violations(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    return [
        f"{violation['impact']} {violation['id']}: {violation['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
        for violation in Axe().run(page).response["violations"]
    ]


@pytest.mark.browser
@pytest.mark.parametrize("path", KEY_PAGES)
def test_no_violation_on_desktop(page, live_server, demo_content, path):
    assert violations(page, live_server.url + path) == []


@pytest.mark.browser
@pytest.mark.parametrize("path", KEY_PAGES)
def test_no_violation_on_phone(phone_page, live_server, demo_content, path):
    assert violations(phone_page, live_server.url + path) == []


@pytest.mark.browser
def test_gate_catches_an_unlabelled_field(page, live_server):
    # The gate must be able to fail: axe really runs and reports what it finds.
    page.set_content('<html lang="th"><body><main><input type="text"></main></body></html>')
    found = {violation["id"]: violation["impact"] for violation in Axe().run(page).response["violations"]}
    assert found.get("label") == "critical"
