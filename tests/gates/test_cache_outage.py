"""The caches are accelerators: with a Redis gone, pages are slower, never errors.

Each cache (CACHE_URL's "default"; RATE_LIMIT_CACHE_URL's "limits", which django-axes uses too)
is pointed at a port where nothing listens, as when its Redis is stopped; bench/faults kills a
real Redis under a running server.
"""
import logging
import socket

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kpp_portal import cachebackend, pagecache
from kpp_portal.settings import _cache
from tests.complaints.conftest import hold_keys, receipt_from, report_data
from tests.conftest import PASSWORD

from .conftest import KEY_PAGES, NOT_PAGES, PublicPages

pytestmark = pytest.mark.django_db


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def caches_down(settings):
    """Point the named caches at a closed port; the others stay as the tests have them."""

    def down(*aliases):
        # Configured as settings.py configures a redis:// URL in production.
        gone = _cache("CACHE_URL", f"redis://127.0.0.1:{_closed_port()}/0")
        settings.CACHES = {**settings.CACHES, **{alias: gone for alias in aliases}}
        cachebackend.forget_failures()
        pagecache.forget_local()

    yield down
    cachebackend.forget_failures()
    pagecache.forget_local()


@pytest.fixture
def client():
    # A failure outside the view must reach the handler as in production, not the test.
    return Client(raise_request_exception=False)


def _file_and_follow_up(client):
    filed = client.post(reverse("complaints:report"), report_data(), follow=True)
    assert filed.status_code == 200
    receipt = receipt_from(filed)
    reporter = Client(raise_request_exception=False)
    opened = reporter.post(reverse("complaints:track"), {"receipt": receipt})
    assert opened.status_code == 302 and opened["Location"] == reverse("complaints:track_report")
    page = reporter.get(reverse("complaints:track_report"))
    assert page.status_code == 200 and "ทจ-" in page.content.decode()


def _staff_log_in(client, user):
    """A password login through the admin's form, then the TOTP step the legal unit passes; the
    officer holds an endorsed key made under their own password, as the desk requires."""
    hold_keys(user)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    login = client.post(reverse("admin:login"), {"username": user.username, "password": PASSWORD,
                                                 "next": "/admin/"}, REMOTE_ADDR="192.0.2.5")
    assert login.status_code == 302, login.status_code
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    verify = reverse("admin:complaints_corruptionreport_verify")
    assert client.post(verify, {"otp_device": device.persistent_id, "otp_token": token}).status_code == 302
    assert client.get(reverse("admin:complaints_corruptionreport_changelist")).status_code == 200


@pytest.mark.parametrize("aliases", [("default",), ("limits",), ("default", "limits")])
def test_the_channel_and_the_key_pages_work_with_a_cache_gone(client, demo, legal_officer, caches_down,
                                                               aliases, caplog):
    caches_down(*aliases)
    with caplog.at_level(logging.WARNING, logger="kpp_portal.cachebackend"):
        for path in KEY_PAGES:
            response = client.get(path, follow=True)  # a "latest" address redirects to its page
            assert response.status_code == 200, (path, response.status_code)
        _file_and_follow_up(client)
        _staff_log_in(Client(raise_request_exception=False), legal_officer)
    # The log says which cache is gone and that limits do not count, and nothing of any request.
    said = [record.getMessage() for record in caplog.records if record.name == "kpp_portal.cachebackend"]
    assert said and all("unavailable" in line for line in said)
    assert all(alias in " ".join(said) for alias in aliases)
    assert not any(marker in line for line in said
                   for marker in ("/complaints", "/admin", "/services", "127.0.0.1", "192.0.2", "ทจ-"))


def test_every_public_page_answers_with_every_cache_gone(client, demo, caches_down):
    caches_down("default", "limits")
    pages = PublicPages(client)
    assert len(pages.paths) > 40
    assert pages.missing <= set(NOT_PAGES)


def test_a_failing_cache_is_skipped_for_a_while_not_tried_on_every_call(caches_down, monkeypatch):
    from django.core.cache import caches

    caches_down("default")
    calls = []
    real = caches["default"]._cache.get
    monkeypatch.setattr(caches["default"]._cache, "get", lambda *args: calls.append(args) or real(*args))
    for _ in range(5):
        assert caches["default"].get("anything", "missed") == "missed"
        assert caches["default"].incr("counter") == 1
    assert len(calls) == 1  # the first call found it gone; the rest skipped it
