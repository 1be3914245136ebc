"""kpp_portal.pagecache: public pages from the cache, never a personal one, never stale after
a save."""
import datetime

import pytest
from django.core.cache import cache
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kpp_portal import pagecache
from kpp_portal.forms import issue_token
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
    client.get("/test/counted")
    assert CALLS["counted"] == 1


@pytest.fixture
def counted_reads_page_and_kind(monkeypatch):
    from . import urls

    monkeypatch.setattr(urls.counted, "query_parameters", frozenset({"page", "kind"}), raising=False)


def test_known_parameters_are_cached_in_one_order(client, counted_reads_page_and_kind):
    client.get("/test/counted?page=2&kind=plan")
    client.get("/test/counted?kind=plan&page=2")
    client.get("/test/counted?page=3&kind=plan")
    assert CALLS["counted"] == 2  # the query string is part of the address, in any order


def test_a_repeated_parameter_keeps_the_order_of_its_values(client, counted_reads_page_and_kind):
    first, second = client.get("/test/counted?page=1&page=2"), client.get("/test/counted?page=2&page=1")
    assert first.content != second.content


def test_unknown_parameters_are_rendered_and_never_stored(client, counted_reads_page_and_kind):
    for number in range(5):
        client.get(f"/test/counted?utm_source={number}")
        client.get("/test/counted?page=2&x=1")
    assert CALLS["counted"] == 10
    assert _stored_pages() == 0


def _stored_pages():
    return sum(1 for key in cache._cache if ":pagecache:" in key and ":variants:" not in key
               and not key.endswith(pagecache.GENERATION_KEY))


def test_a_flood_of_unique_values_cannot_fill_the_cache(client, counted_reads_page_and_kind):
    for number in range(300):
        client.get(f"/test/counted?page={number}")
    assert CALLS["counted"] == 300
    assert _stored_pages() == pagecache.MAX_QUERY_VARIANTS


@pytest.mark.parametrize("path, query", [
    ("/disclosures/", "q=แผน&page=1"), ("/committees/meetings/", "page=1"), ("/news/", "page=1"),
    ("/procurement/announcements/", "kind=plan"), ("/services/register/", "q=ขอ"),
])
def test_the_public_lists_declare_the_parameters_they_read(client, path, query):
    """Each view says what it reads (pagecache.reads_query): its pages with those are stored."""
    assert client.get(f"{path}?{query}").status_code == 200
    assert _stored_pages() == 1
    client.get(f"{path}?{query}&utm_source=1")
    assert _stored_pages() == 1


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


# Invalidation: only what can change a public page


QUESTION = {"asker_name": "ชาวบ้าน", "question": "ขอทราบกำหนดการเก็บขยะในชุมชนครับ", "website": ""}
MESSAGE = {"kind": "question", "subject": "ถามเรื่องเก็บขยะ", "message": "รถเก็บขยะมาวันไหน",
           "name": "", "email": "", "phone": "", "website": ""}


def _opinion(client):
    from committees.models import Consultation, Opinion

    today = timezone.localdate()
    consultation = Consultation.objects.create(
        title="รับฟังความคิดเห็นเรื่องตลาด", description="รายละเอียด",
        opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=5))
    pagecache.invalidate()  # staff set it up; what follows is the citizen's part
    client.get("/test/counted")
    client.post(reverse("committees:consultation", args=[consultation.pk]),
                {"body": "อยากให้มีที่จอดรถเพิ่ม", "name": "", "contact": "", "website": "",
                 "form_token": issue_token()})
    return Opinion.objects.count()


def _hearing_comment(client):
    from procurement.models import AnnouncementKind, HearingComment
    from tests.procurement.conftest import Factory

    today = timezone.localdate()
    make = Factory()
    tor = make.announce(make.project(), AnnouncementKind.DRAFT_TOR, day=today - datetime.timedelta(days=1),
                        hearing_opens_on=today - datetime.timedelta(days=1),
                        hearing_closes_on=today + datetime.timedelta(days=3))
    pagecache.invalidate()
    client.get("/test/counted")
    client.post(reverse("procurement:hearing", args=[tor.pk]), {"body": "ขอให้ระบุมาตรฐานเหล็กเสริมให้ชัดเจน",
                                                                 "form_token": issue_token()})
    return HearingComment.objects.count()


def _question(client):
    from municipality.models import Question

    client.get("/test/counted")
    client.post(reverse("municipality:questions"), {**QUESTION, "form_token": issue_token()})
    return Question.objects.count()


def _general_message(client):
    from feedback.models import FeedbackMessage

    client.get("/test/counted")
    client.post(reverse("feedback:index"), {**MESSAGE, "form_token": issue_token()})
    return FeedbackMessage.objects.count()


def _corruption_report(client):
    from complaints.models import CorruptionReport
    from tests.complaints.conftest import report_data

    client.get("/test/counted")
    client.post(reverse("complaints:report"), report_data())
    return CorruptionReport.objects.count()


@pytest.mark.parametrize("submit", [
    _question, _opinion, _hearing_comment, _general_message, _corruption_report])
def test_a_citizens_submission_does_not_empty_the_cache(client, submit):
    assert submit(client) == 1  # it was saved…
    client.cookies.clear()
    client.get("/test/counted")
    assert CALLS["counted"] == 1  # …and the page cached before it is still served


def test_a_staff_save_in_the_back_office_shows_at_once(client, django_user_model):
    client.get("/test/counted")
    admin = django_user_model.objects.create_superuser("chief", password="pw-for-the-test-only")
    reader = Client()
    reader.get("/test/counted")
    assert CALLS["counted"] == 1
    client.force_login(admin)
    fields = {name: "" if value is None else value
              for name, value in model_to_dict(MunicipalityProfile.current(), exclude=["id", "logo"]).items()}
    response = client.post(reverse("admin:kpp_portal_municipalityprofile_change", args=[1]),
                           {**fields, "name_th": "เทศบาลที่แก้ในหลังบ้าน"})
    assert response.status_code == 302
    reader.get("/test/counted")
    assert CALLS["counted"] == 2


def test_a_save_outside_any_request_shows_at_once(client):
    """Management commands, the shell, data migrations: staff work."""
    client.get("/test/counted")
    MunicipalityProfile.current().save()
    client.get("/test/counted")
    assert CALLS["counted"] == 2
