"""Per-app contracts are found by one helper over the app registry, in INSTALLED_APPS order."""
import logging

import pytest
from django.conf import settings

from kpp_portal.discovery import app_modules, is_portal_app, portal_app_labels


def test_only_this_projects_apps_take_part_in_installed_order():
    labels = portal_app_labels()
    assert "kpp_portal" in labels and "complaints" in labels
    assert not any(is_portal_app(label) for label in ("admin", "auth", "django_otp", "crispy_forms"))
    order = [app.split(".")[-1] for app in settings.INSTALLED_APPS]
    assert list(labels) == sorted(labels, key=order.index)


def test_app_modules_finds_each_apps_contract_module():
    demo_apps = [label for label, _module in app_modules("demo")]
    assert demo_apps[0] == "kpp_portal" and "complaints" in demo_apps
    assert all(hasattr(module, "load") for _label, module in app_modules("demo"))
    assert app_modules("no_such_module") == []


@pytest.fixture
def feedback_declared_private(monkeypatch, settings):
    """As if the feedback app also declared its paths private (its privacy.py)."""
    import feedback.privacy
    from kpp_portal import discovery

    settings.PAGE_CACHE_SECONDS = 60
    monkeypatch.setattr(feedback.privacy, "PRIVATE_PATHS", ("/feedback/", "/about/"), raising=False)
    discovery.private_paths.cache_clear()
    yield
    discovery.private_paths.cache_clear()


@pytest.mark.django_db
def test_one_declaration_of_private_paths_rules_the_log_the_cookie_and_the_page_cache(
    client, feedback_declared_private
):
    from kpp_portal import discovery
    from kpp_portal.logging import DropComplaintRequests

    # INSTALLED_APPS order
    assert discovery.private_paths() == ("/feedback/", "/about/", "/complaints/", "/alerts/")
    line = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s',
                             ("GET /feedback/ HTTP/1.1", 200, 10), None)
    assert DropComplaintRequests().filter(line) is False
    cookie = client.get("/feedback/").cookies["csrftoken"]
    assert cookie.value and not cookie["max-age"] and not cookie["expires"]
    client.cookies.clear()
    assert [bool(client.get(path).templates) for path in ("/", "/", "/about/", "/about/")] == [
        True, False, True, True]  # the home page from the page cache the second time, /about/ never


def test_the_complaint_channel_declares_its_paths_itself():
    from kpp_portal import discovery

    assert discovery.private_paths() == ("/complaints/", "/alerts/")  # the alerts' tokens are in paths
    pages = {"/complaints/", "/complaints/manual/", "/complaints/stats/"}
    assert set(discovery.private_cached_pages()) == pages
