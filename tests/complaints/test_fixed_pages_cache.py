"""The channel's entrance and manual from the shared page cache: the same for every visitor,
still no-store for the browser, never a visitor with a session, nothing of the request kept."""
import pickle

import pytest
from django.core.cache import cache
from django.urls import reverse

from kpp_portal.models import MunicipalityProfile

pytestmark = pytest.mark.django_db
FIXED = ["complaints:index", "complaints:manual"]


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0  # what these pages do when the data pages are not cached
    MunicipalityProfile.current()


@pytest.mark.parametrize("name", FIXED)
def test_second_visitor_gets_the_fixed_page_without_rendering(client, name):
    first = client.get(reverse(name))
    second = client.get(reverse(name))
    assert first.templates and not second.templates
    assert second.content == first.content
    for response in (first, second):  # the browser and proxies still keep nothing
        assert response["Cache-Control"] == "no-store, max-age=0"
        assert response["Referrer-Policy"] == "no-referrer"
        assert not response.cookies


@pytest.mark.parametrize("name", FIXED)
def test_a_visitor_with_a_session_is_neither_served_nor_stored(client, name):
    client.cookies["sessionid"] = "a-reporters-session"
    assert client.get(reverse(name)).templates
    assert client.get(reverse(name)).templates
    client.cookies.clear()
    assert client.get(reverse(name)).templates  # the session holder's copy was never stored


@pytest.mark.parametrize("name", FIXED)
def test_the_stored_page_holds_nothing_of_the_visitor(client, monkeypatch, name):
    stored = []
    original_set = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, *args, **kwargs: (
        stored.append(pickle.dumps((key, value))), original_set(key, value, *args, **kwargs))[1])
    client.cookies["csrftoken"] = "csrf" + "7" * 28
    client.get(reverse(name), HTTP_USER_AGENT="Reporter-Phone/9.9", REMOTE_ADDR="203.0.113.77",
               HTTP_X_FORWARDED_FOR="198.51.100.23", HTTP_REFERER="https://example.org/whistle")
    assert stored, "the page was not cached"
    for blob in stored:
        for trace in (b"Reporter-Phone", b"203.0.113.77", b"198.51.100.23", b"whistle", b"7" * 28):
            assert trace not in blob


def test_a_save_of_the_identity_record_shows_at_once(client):
    client.get(reverse("complaints:index"))
    profile = MunicipalityProfile.current()
    profile.complaint_box_text = "ตู้รับเรื่องใหม่ชั้นสอง"
    profile.save()
    assert "ตู้รับเรื่องใหม่ชั้นสอง" in client.get(reverse("complaints:index")).content.decode()


@pytest.mark.parametrize("name", ["complaints:report", "complaints:track"])
def test_the_rest_of_the_channel_is_never_cached(client, settings, name):
    settings.PAGE_CACHE_SECONDS = 60
    client.get(reverse(name))
    client.cookies.clear()
    assert client.get(reverse(name)).templates
