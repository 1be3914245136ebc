"""The staff login is throttled per account and per address; requests under /complaints/ leave
nothing behind."""
import datetime

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import caches
from django.urls import reverse

from complaints.login_throttle import DEVICE_COOKIE
from kpp_portal.antispam import LIMITS
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("admin:login")


def _login(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"},
                       REMOTE_ADDR=address)


def _axes_keys():
    # The rate-limit cache (AXES_CACHE), in-memory in the tests.
    return [key for key in caches[settings.AXES_CACHE]._cache if "axes" in key]


def test_failures_from_many_addresses_do_not_lock_the_officer_out(client, supervisor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        assert _login(client, "supervisor", "wrong-password", f"203.0.113.{attempt}").status_code == 200
    assert _login(client, "supervisor", PASSWORD, "198.51.100.7").status_code == 302


def test_an_account_is_locked_from_the_address_that_guessed(client, legal_officer, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "legal", "wrong-password", "203.0.113.1").status_code == 200
    assert _login(client, "legal", "wrong-password", "203.0.113.1").status_code == 429
    locked = _login(client, "legal", PASSWORD, "203.0.113.1")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "โปรดรอ 15 นาที" in text and 'lang="th"' in text
    assert "_auth_user_id" not in client.session
    assert _login(client, "legal", PASSWORD, "198.51.100.7").status_code == 302  # the officer, elsewhere


def _browser_after_a_login(client, username, address):
    """A new browser holding only the device cookie an earlier successful login left."""
    earlier = client.__class__()
    assert _login(earlier, username, PASSWORD, address).status_code == 302
    browser = client.__class__()
    browser.cookies[DEVICE_COOKIE] = earlier.cookies[DEVICE_COOKIE].value
    return browser


def test_a_guess_spread_over_many_addresses_is_bounded_per_account(client, legal_officer, settings):
    assert LIMITS["staff-login-account"].limit > settings.AXES_FAILURE_LIMIT  # slower than per address
    allowance = settings.AXES_FAILURE_LIMIT + 2
    settings.RATE_LIMIT_OVERRIDES = {"staff-login-account": (allowance, 3600)}
    officer_browser = _browser_after_a_login(client, "legal", "192.0.2.10")
    for attempt in range(allowance):
        assert _login(client, "legal", "wrong-password", f"203.0.113.{attempt}").status_code == 200
    # The next guess, even the right password, from a new address and a browser never used: refused…
    refused = _login(client, "legal", PASSWORD, "198.51.100.7")
    assert refused.status_code == 429 and "โปรดรอ 60 นาที" in refused.content.decode()
    assert _login(client.__class__(), "legal", PASSWORD, "192.0.2.10").status_code == 429
    # …while the officer's own browser, from any address, still logs in.
    assert "legal" not in officer_browser.cookies[DEVICE_COOKIE].value
    assert _login(officer_browser, "legal", PASSWORD, "198.51.100.8").status_code == 302


def test_the_device_cookie_is_for_its_own_account(client, legal_officer, supervisor, settings):
    settings.RATE_LIMIT_OVERRIDES = {"staff-login-account": (2, 3600)}
    browser = _browser_after_a_login(client, "legal", "192.0.2.10")
    for attempt in range(2):
        _login(client, "supervisor", "wrong-password", f"203.0.113.{attempt}")
    assert _login(browser, "supervisor", PASSWORD, "192.0.2.11").status_code == 429
    assert _login(browser, "legal", PASSWORD, "192.0.2.11").status_code == 302


def test_an_address_is_locked_after_failures_on_many_accounts(client, legal_officer, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"guess{attempt}", "wrong-password", "203.0.113.9")
    assert _login(client, "legal", PASSWORD, "203.0.113.9").status_code == 429
    assert _login(client, "legal", PASSWORD, "198.51.100.7").status_code == 302  # another address is fine


def test_the_lock_ends_after_the_wait_it_announces(client, legal_officer, settings):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=5)
    with time_machine.travel("2026-11-01 09:00:00+07:00", tick=False) as traveller:
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            _login(client, "legal", "wrong-password", "203.0.113.1")
        locked = _login(client, "legal", PASSWORD, "203.0.113.1")
        assert locked.status_code == 429 and "โปรดรอ 5 นาที" in locked.content.decode()
        traveller.shift(4 * 60)
        assert _login(client, "legal", PASSWORD, "203.0.113.1").status_code == 429  # no restart, still locked
        traveller.shift(61)
        assert _login(client, "legal", PASSWORD, "203.0.113.1").status_code == 302


def test_a_staff_login_stores_counters_only_in_the_cache(client, legal_officer):
    _login(client, "legal", "wrong-password", "203.0.113.1")
    keys = _axes_keys()
    assert len(keys) == 2  # one per account and address, one per address
    counted = list(caches[settings.AXES_CACHE]._cache)
    assert len(counted) == 3  # and ours per account (HMAC under the key of the day)
    assert not any("203.0.113.1" in key or "legal" in key for key in counted)
    assert not AccessAttempt.objects.exists() and not AccessLog.objects.exists()
    assert not AccessFailureLog.objects.exists()


def test_nothing_is_stored_for_requests_under_complaints(rf, legal_officer, settings):
    for path in ("/complaints/report/", "/complaints/track/"):
        for _attempt in range(settings.AXES_FAILURE_LIMIT + 2):
            request = rf.post(path, REMOTE_ADDR="203.0.113.5")
            assert authenticate(request, username="legal", password="wrong-password") is None
    assert _axes_keys() == []
    assert not AccessAttempt.objects.exists() and not AccessLog.objects.exists()
    assert authenticate(rf.post(path), username="legal", password=PASSWORD) == legal_officer
