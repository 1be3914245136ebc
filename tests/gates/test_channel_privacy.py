"""What the anti-corruption channel leaves behind on a shared phone and in the database."""
import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from complaints import crypto
from complaints.views import TRACK_SESSION_KEY
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
        handle = _session_row(client)[TRACK_SESSION_KEY]
        assert isinstance(handle, str) and cache.get(f"complaint-track:{handle}") == report.pk
        traveller.shift(61)
        # Nobody came back: the session row is still there until clearsessions runs…
        stored = _session_row(client)
        # …but what it holds no longer leads to the report.
        assert stored[TRACK_SESSION_KEY] == handle and cache.get(f"complaint-track:{handle}") is None
        assert client.get(reverse("complaints:track_report")).status_code == 302
