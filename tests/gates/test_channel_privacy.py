"""What the anti-corruption channel leaves behind on a shared phone and in the database."""
import base64

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse

from complaints import crypto
from complaints.views import TRACK_SESSION_KEY, TRACK_VAULT_SLOT
from tests.complaints.conftest import filed_report  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["complaints:report", "complaints:track"])
def test_the_csrf_cookie_of_the_channel_ends_with_the_browser_session(client, name):
    cookie = client.get(reverse(name)).cookies["csrftoken"]
    assert cookie.value and not cookie["max-age"] and not cookie["expires"]


def test_a_csrf_cookie_already_kept_becomes_a_session_cookie_on_the_channel(client):
    kept = client.get(reverse("feedback:index")).cookies["csrftoken"]
    assert kept["max-age"]  # other forms keep Django's year: a draft survives a browser restart
    cookie = client.get(reverse("complaints:report")).cookies["csrftoken"]
    assert cookie.value == kept.value and not cookie["max-age"] and not cookie["expires"]


def test_the_entrance_page_says_the_cookie_ends_with_the_browser(client):
    assert "หมดอายุเมื่อปิดเบราว์เซอร์" in client.get(reverse("complaints:index")).content.decode()


def _session_row(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value).get_decoded()


def test_an_expired_follow_up_keeps_no_report_id(client, filed_report, settings):  # noqa: F811
    report, receipt = filed_report
    settings.COMPLAINT_TRACK_IDLE_SECONDS = 60
    with time_machine.travel("2026-11-01 10:00:00+07:00", tick=False) as traveller:
        response = client.post(reverse("complaints:track"), {"receipt": crypto.format_receipt(receipt)})
        assert response.status_code == 302
        assert not response.cookies["sessionid"]["max-age"]  # this cookie, too, goes with the browser
        stored = _session_row(client)
        # The session row names no report: which one it follows is sealed under the browser's key.
        assert set(stored) == {TRACK_SESSION_KEY, f"vault:{TRACK_VAULT_SLOT}", "_session_expiry"}
        assert isinstance(stored[TRACK_SESSION_KEY], float) and report.pk not in stored.values()
        assert str(report.pk).encode() + b"|" not in base64.b64decode(stored[f"vault:{TRACK_VAULT_SLOT}"])
        assert client.get(reverse("complaints:track_report")).status_code == 200
        traveller.shift(61)
        # Nobody came back: the session row is still there until clearsessions runs, sealed; the
        # browser that comes back is refused, and the sealed slot is dropped.
        assert client.get(reverse("complaints:track_report")).status_code == 302
        assert f"vault:{TRACK_VAULT_SLOT}" not in _session_row(client)
