"""OParl 1.1 "Filter" on the external lists: created_since, created_until, modified_since and
modified_until narrow every list on its objects' created/modified, the next pages keep them, and
a value that is not a full date-time with its offset is refused with a JSON error (400)."""
import datetime
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.utils import timezone

from council.models import AgendaItem, CouncilMember, Meeting, MeetingDocument, Motion, Term

pytestmark = pytest.mark.django_db

API = "/council/oparl/v1/"
LISTS = {
    "body/meetings/": Meeting, "body/papers/": Motion, "body/agenda-items/": AgendaItem,
    "body/consultations/": AgendaItem, "body/files/": MeetingDocument, "body/people/": CouncilMember,
    "body/organizations/": Term, "body/legislative-terms/": Term,
}
LONG_AGO = timezone.make_aware(datetime.datetime(2020, 1, 1, 9))


def stamp(value):
    return timezone.localtime(value).isoformat()


def ids(client, path, **filters):
    response = client.get(API + path, filters)
    assert response.status_code == 200, response.content
    return {obj["id"].rstrip("/").rsplit("/", 1)[-1] for obj in response.json()["data"]}


@pytest.mark.parametrize("path", LISTS)
def test_every_list_narrows_on_created_and_modified(client, council, path):
    model = LISTS[path]
    council.grow(1)  # adopted minutes: the files list has some
    listed = ids(client, path)
    assert listed
    old = sorted(listed, key=int)[0]
    model.objects.filter(pk=old).update(created_at=LONG_AGO, updated_at=LONG_AGO)
    cut = stamp(LONG_AGO + datetime.timedelta(days=1))
    assert ids(client, path, modified_until=cut) == {old}
    assert ids(client, path, modified_since=cut) == listed - {old}
    assert ids(client, path, created_since=stamp(LONG_AGO), modified_since=stamp(LONG_AGO)) == listed
    assert ids(client, path, created_since=stamp(timezone.now() + datetime.timedelta(minutes=1))) == set()
    assert ids(client, path, created_until=stamp(LONG_AGO)) == {old}  # the bound itself is included


def test_the_filters_follow_the_list_to_its_next_pages(client, council, monkeypatch):
    from council import oparl_views

    council.grow(2)
    monkeypatch.setattr(oparl_views, "PAGE_SIZE", 1)
    since = stamp(LONG_AGO)
    first = client.get(API + "body/meetings/", {"created_since": since, "organization": council.term.pk})
    first = first.json()
    assert first["pagination"]["totalElements"] == 4
    query = urlencode({"created_since": since})
    for name in ("next", "last", "first"):
        assert query in first["links"][name] and f"organization={council.term.pk}" in first["links"][name]
    second = client.get(first["links"]["next"][len(settings.SITE_URL):]).json()
    assert second["pagination"]["currentPage"] == 2 and second["pagination"]["totalElements"] == 4


@pytest.mark.parametrize("value", [
    "2026-01-01",                      # a date alone
    "2026-01-01T00:00:00",             # no offset: which day it is depends on the zone
    "2026-01-01T00:00:00 07:00",       # a "+" sent unencoded arrives as a space
    "2026-13-01T00:00:00+07:00",       # no month 13
    "0001-01-01T00:00:00+14:00",       # before the first instant a database keeps
    "yesterday", "",
])
@pytest.mark.parametrize("name", ["created_since", "created_until", "modified_since", "modified_until"])
def test_a_bad_filter_is_a_json_400(client, council, settings, name, value):
    settings.DEBUG = False
    response = client.get(API + "body/meetings/", {name: value})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["error"]["parameter"] == name


def test_the_bodies_list_checks_its_filters_too(client, council):
    assert client.get(API + "bodies/", {"modified_since": "soon"}).status_code == 400
    assert client.get(API + "bodies/", {"modified_since": stamp(LONG_AGO)}).json()["data"]


def test_an_unpublished_meetings_location_is_not_found(client, council):
    url = f"{API}meeting/{council.meeting.pk}/location/"
    assert client.get(url).json()["description"] == council.meeting.place
    Meeting.objects.filter(pk=council.meeting.pk).update(is_published=False)
    assert client.get(url).status_code == 404
