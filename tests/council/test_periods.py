"""The lists that would grow with the record show a period or a page at a time: the calendar
page a fiscal year, the iCal feed the past twelve months and what is ahead, a member's
attendance a page; their queries (and a filtered OParl list's) stay the same at two sizes of the
record."""
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from council.models import Meeting
from kpp_portal.thai import current_fiscal_year, fiscal_year_of

pytestmark = pytest.mark.django_db


def shown(page):
    return {meeting.pk for session in page.context["sessions"] for meeting in session.meetings.all()}


def meetings_of(year):
    return {meeting.pk for meeting in Meeting.objects.all() if fiscal_year_of(meeting.starts_at) == year}


def test_the_calendar_shows_one_fiscal_year_with_links_to_the_others(client, council):
    council.grow(15)  # a meeting a month back: this fiscal year and one or two before it
    current = current_fiscal_year()
    page = client.get(reverse("council:index"))
    body = page.content.decode()
    assert page.context["year"] == current and f"ปีงบประมาณ พ.ศ. {current}" in body
    assert shown(page) == meetings_of(current)
    earlier = max(year for year in map(fiscal_year_of, Meeting.objects.values_list("starts_at", flat=True))
                  if year < current)
    assert page.context["previous_year"] == earlier and page.context["next_year"] is None
    assert reverse("council:year", args=[earlier]) in body
    before = client.get(reverse("council:year", args=[earlier]))
    assert before.status_code == 200 and before.context["next_year"] == current
    assert shown(before) == meetings_of(earlier)
    assert 'href="/council/"' in before.content.decode()  # back to the current year
    assert reverse("council:year", args=[earlier]) in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize("year", [2400, 2599, 99999])
def test_a_year_without_sessions_has_no_page(client, council, year):
    assert client.get(f"/council/{year}/").status_code == 404


def test_the_current_year_has_a_page_even_without_sessions(client, db):
    page = client.get(reverse("council:index"))
    assert page.status_code == 200 and "ยังไม่มีสมัยประชุมในปีงบประมาณนี้" in page.content.decode()


def test_the_ical_feed_holds_the_past_year_and_what_is_ahead(client, council):
    council.grow(15)
    body = client.get(reverse("council:calendar")).content.decode()
    year_ago = timezone.now() - datetime.timedelta(days=365)
    expected = Meeting.objects.filter(starts_at__gte=year_ago, cancelled=False)
    uids = set(re.findall(r"UID:council-meeting-(\d+)@", body))
    assert uids == {str(pk) for pk in expected.values_list("pk", flat=True)}
    assert str(council.upcoming.pk) in uids and len(uids) < Meeting.objects.count()


def test_a_members_attendance_comes_a_page_at_a_time(client, council, settings):
    settings.PAGE_SIZE = 2
    council.grow(4)
    member = council.members[0]
    summary = client.get(member.get_absolute_url()).content.decode()
    assert "มาประชุม 5 ครั้ง" in summary and reverse("council:member_attendance", args=[member.pk]) in summary
    url = reverse("council:member_attendance", args=[member.pk])
    first = client.get(url)
    assert first.context["attendance"].paginator.count == 5 and "มาประชุม 5 ครั้ง" in first.content.decode()
    assert [row.meeting for row in first.context["attendance"]] == list(
        Meeting.objects.filter(attendance__member=member).order_by("-starts_at")[:2])
    assert "?page=2" in first.content.decode()
    assert len(client.get(url, {"page": 3}).context["attendance"].object_list) == 1


PAGES = {
    "calendar": lambda council: reverse("council:index"),
    "ical": lambda council: reverse("council:calendar"),
    "attendance": lambda council: reverse("council:member_attendance", args=[council.members[0].pk]),
    "member": lambda council: council.members[0].get_absolute_url(),
    "oparl": lambda council: "/council/oparl/v1/body/meetings/?modified_since=2020-01-01T00%3A00"
                             "%3A00%2B07%3A00",
}


@pytest.mark.parametrize("name", PAGES)
def test_queries_stay_the_same_at_two_sizes(client, council, django_assert_max_num_queries, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = PAGES[name](council)
    council.grow(3)
    client.get(url)  # sessions, caches and the profile warm up
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    council.grow(30)
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200
