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

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("admin:login")


def _login(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"},
                       REMOTE_ADDR=address)


def _axes_keys():
    # The rate-limit cache (AXES_CACHE), in-memory in the tests.
    return [key for key in caches[settings.AXES_CACHE]._cache if "axes" in key]


def test_an_account_is_locked_after_failures_from_many_addresses(client, legal_officer, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "legal", "wrong-password", f"203.0.113.{attempt}").status_code == 200
    assert _login(client, "legal", "wrong-password", "203.0.113.99").status_code == 429
    locked = _login(client, "legal", PASSWORD, "198.51.100.7")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "โปรดรอ 15 นาที" in text and 'lang="th"' in text
    assert "_auth_user_id" not in client.session


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
    assert len(keys) == 2  # one per account, one per address
    assert not any("203.0.113.1" in key or "legal" in key for key in keys)
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
