"""kpp_portal.pagecache: public pages from the cache, never a personal one, never stale after
a save."""
import pytest
from django.core.cache import cache

from kpp_portal import pagecache
from kpp_portal.models import MunicipalityProfile

from .urls import CALLS


@pytest.fixture(autouse=True)
def page_cache_on(settings, db):
    settings.PAGE_CACHE_SECONDS = 60
    settings.ROOT_URLCONF = "tests.gates.urls"
    CALLS.clear()
    MunicipalityProfile.current()  # created once, as on any running portal


def test_second_reader_gets_the_cached_page_without_rendering(client):
    first = client.get("/")
    second = client.get("/")
    assert first.templates and not second.templates  # nothing rendered the second time
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_save_shows_at_once(client):
    client.get("/")
    profile = MunicipalityProfile.current()
    profile.name_th = "เทศบาลทดสอบแคช"
    profile.save()
    assert "เทศบาลทดสอบแคช" in client.get("/").content.decode()


def test_a_write_without_signals_shows_after_invalidate(client):
    client.get("/")
    MunicipalityProfile.objects.update(phone="0 9999 9999")  # QuerySet.update sends no signal
    cache.delete("municipality-profile")  # the identity record's own cache
    assert "0 9999 9999" not in client.get("/").content.decode()  # the documented lag
    pagecache.invalidate()
    assert "0 9999 9999" in client.get("/").content.decode()


def test_each_language_has_its_own_copy(client):
    thai = client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/").content.decode()
    assert '<html lang="th">' in thai and '<html lang="en">' in english


def test_cached_for_readers(client):
    client.get("/test/counted")
    client.get("/test/counted?page=2")
    client.get("/test/counted")
    assert CALLS["counted"] == 2  # the query string is part of the address


def test_visitor_with_a_session_is_never_served_from_the_cache(client):
    client.get("/test/counted")
    client.cookies["sessionid"] = "a-session"
    client.get("/test/counted")
    client.get("/test/counted")
    assert CALLS["counted"] == 3


@pytest.mark.parametrize("path, name", [("/test/sets-cookie", "sets-cookie"), ("/test/private", "private")])
def test_pages_that_set_a_cookie_or_say_private_are_rendered_each_time(client, path, name):
    client.get(path)
    client.cookies.clear()
    client.get(path)
    assert CALLS[name] == 2


def test_the_anti_corruption_channel_is_never_cached(client):
    client.get("/complaints/track/")
    assert client.get("/complaints/track/").templates  # only its two fixed pages are (see complaints)


def test_post_is_never_cached(client):
    client.post("/test/counted")
    client.post("/test/counted")
    assert CALLS["counted"] == 2


def test_off_when_seconds_is_zero(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/test/counted")
    client.get("/test/counted")
    assert CALLS["counted"] == 2


def test_filing_a_corruption_report_does_not_empty_the_cache(client, monkeypatch):
    from kpp_portal.apps import _portal_data_changed

    client.get("/test/counted")
    fake_report = type("CorruptionReport", (), {"_meta": type("Meta", (), {"app_label": "complaints"})})
    _portal_data_changed(fake_report)
    client.get("/test/counted")
    assert CALLS["counted"] == 1
    _portal_data_changed(MunicipalityProfile)
    client.get("/test/counted")
    assert CALLS["counted"] == 2
