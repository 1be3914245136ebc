"""The OParl 1.1 API, crawled from its System object over the demo content: every object of
every type is validated against the specification's JSON schema (tests/data/oparl/), embedded
objects too (the Locations of the body and of each meeting), and every id answers with the
object it names. Then the demo content itself."""
import io
import json
import urllib.parse
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.utils import timezone

from council.models import AgendaItem, Meeting, MotionKind, Session, Vote
from kpp_portal.thai import current_fiscal_year

pytestmark = pytest.mark.django_db

SCHEMAS = {path.stem: json.loads(path.read_text()) for path in
           (Path(__file__).resolve().parents[1] / "data" / "oparl").glob("*.json")}
TYPES = ("System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper", "File",
         "Consultation", "LegislativeTerm", "Location")
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("url")
def _is_url(value):
    parts = urllib.parse.urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def validate(obj, seen):
    """Validate obj against the schema its type names, then the objects it embeds."""
    kind = obj["type"].rsplit("/", 1)[-1]
    schema = SCHEMAS[kind]
    jsonschema.Draft7Validator(schema, format_checker=FORMATS).validate(obj)
    seen.setdefault(kind, 0)
    seen[kind] += 1
    for name, rule in schema["properties"].items():
        if name not in obj:
            continue
        if rule.get("type") == "object" and "schema" in rule:
            validate(obj[name], seen)
        elif rule.get("type") == "array" and "schema" in rule.get("items", {}):
            for item in obj[name]:
                validate(item, seen)


def path_of(url):
    assert url.startswith(settings.SITE_URL), url
    return url[len(settings.SITE_URL):]


def get(client, url):
    response = client.get(path_of(url))
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_every_object_type_is_valid_oparl(client, demo):
    Meeting.objects.update(minutes_adopted_on=timezone.localdate())  # every minutes document shows
    seen = {}
    system = get(client, settings.SITE_URL + "/council/oparl/v1/")
    validate(system, seen)
    bodies = get(client, system["body"])
    assert bodies["pagination"]["totalElements"] == 1
    body = bodies["data"][0]
    validate(body, seen)
    assert get(client, body["id"]) == body
    for name in ("organization", "person", "meeting", "paper", "agendaItem", "consultation", "file",
                 "legislativeTermList"):
        url, objects = body[name], []
        while url:
            page = get(client, url)
            assert set(page) == {"data", "pagination", "links"}
            objects += page["data"]
            url = page["links"].get("next")
        assert objects, name
        for obj in objects:
            validate(obj, seen)
            assert get(client, obj["id"]) == obj, obj["id"]  # the id is the object's own URL
    for person in get(client, body["person"])["data"][:3]:
        validate(get(client, person["membership"][0]["id"]), seen)
    assert_location(client, body["location"], "bodies", body["id"], seen)
    for meeting in get(client, body["meeting"])["data"]:
        assert_location(client, meeting["location"], "meetings", meeting["id"], seen)
    assert set(TYPES) <= seen.keys()


def assert_location(client, embedded, back, owner, seen):
    """An embedded Location answers at its own id with the same object and the back reference
    the embedding leaves out."""
    assert embedded["description"]
    alone = get(client, embedded["id"])
    validate(alone, seen)
    assert alone == {**embedded, back: [owner]}


def test_a_wrong_object_fails_the_schema():
    with pytest.raises(jsonschema.ValidationError):
        validate({"id": "not a url", "type": "https://schema.oparl.org/1.1/Meeting"}, {})
    with pytest.raises(jsonschema.ValidationError):
        validate({"id": "https://example.org/1", "type": "https://schema.oparl.org/1.1/AgendaItem"}, {})


def test_the_api_pages_lists_and_hides_what_is_unpublished(client, demo, settings):
    from council import oparl_views

    settings.DEBUG = False
    oparl_views.PAGE_SIZE, size = 2, oparl_views.PAGE_SIZE
    try:
        page = client.get("/council/oparl/v1/body/meetings/").json()
        assert len(page["data"]) == 2 and "next" in page["links"]
        assert page["pagination"]["totalPages"] == (Meeting.objects.count() + 1) // 2
        hidden = Meeting.objects.first()
        Meeting.objects.filter(pk=hidden.pk).update(is_published=False)
        assert client.get(f"/council/oparl/v1/meeting/{hidden.pk}/").status_code == 404
        assert client.get("/council/oparl/v1/body/meetings/?page=99").status_code == 404
    finally:
        oparl_views.PAGE_SIZE = size


def test_demo_has_two_sessions_a_year_with_the_budget_readings(demo):
    current = current_fiscal_year()
    for year in (current - 1, current):
        assert Session.objects.filter(fiscal_year=year).count() >= 2, year
    readings = AgendaItem.objects.filter(motion__kind=MotionKind.BUDGET_ORDINANCE).order_by("reading")
    assert [item.reading for item in readings] == [1, 2, 3]
    document = readings[0].motion.catalogue_document
    assert document is not None and str(current) in document.title
    assert Vote.objects.values("agenda_item").distinct().count() == 1  # one vote recorded by name
    assert Meeting.objects.minutes_adopted().exists()
    assert Meeting.objects.filter(starts_at__gt=timezone.now()).exists()  # the calendar has one ahead
    for item in readings:
        item.full_clean()


def test_demo_loads_twice_without_duplicates(demo):
    from council.demo import load

    counts = (Session.objects.count(), Meeting.objects.count(), Vote.objects.count())
    load(io.StringIO())
    assert (Session.objects.count(), Meeting.objects.count(), Vote.objects.count()) == counts

