"""Public pages in Thai, with a constant number of queries as the record grows; the iCal feed,
RSS/Atom, search and sitemap; the back office in Thai with BE dates, refused to other staff."""
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from council.models import Meeting, MeetingDocument
from kpp_portal.thai import be_year

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def pages(council):
    return [reverse("council:index"), council.meeting.get_absolute_url(),
            council.members[0].get_absolute_url(), council.budget.get_absolute_url()]


def test_pages_show_the_record_in_thai(client, council):
    index = client.get(reverse("council:index")).content.decode()
    assert "ปฏิทินสมัยประชุม" in index and "สมัยประชุมสามัญ สมัยที่ 1" in index
    assert council.upcoming.get_absolute_url() in index
    meeting = client.get(council.meeting.get_absolute_url()).content.decode()
    assert "วาระที่ 1 ขั้นรับหลักการ" in meeting and "เห็นชอบ 2 เสียง ไม่เห็นชอบ 1 เสียง" in meeting
    assert "ผู้มาประชุม" in meeting and "สมาชิกทดสอบ 1</a>: เห็นชอบ" in meeting
    member = client.get(council.members[0].get_absolute_url()).content.decode()
    assert "มาประชุม 1 ครั้ง" in member and council.budget.title in member
    motion = client.get(council.budget.get_absolute_url()).content.decode()
    assert "ความเป็นมา" in motion and str(council.meeting) in motion


def test_minutes_are_listed_only_once_adopted(client, council):
    url = council.meeting.get_absolute_url()
    api = f"/council/oparl/v1/file/{council.minutes.pk}/"
    meeting_api = f"/council/oparl/v1/meeting/{council.meeting.pk}/"
    assert council.minutes.file.url not in client.get(url).content.decode()
    assert client.get(api).status_code == 404
    assert "resultsProtocol" not in client.get(meeting_api).json()
    Meeting.objects.filter(pk=council.meeting.pk).update(minutes_adopted_on=timezone.localdate())
    page = client.get(url).content.decode()
    assert council.minutes.file.url in page and "สภารับรองเมื่อ" in page
    assert client.get(api).status_code == 200
    assert client.get(meeting_api).json()["resultsProtocol"]["name"] == council.minutes.title


def test_an_unpublished_meeting_is_not_found(client, council):
    Meeting.objects.filter(pk=council.meeting.pk).update(is_published=False)
    assert client.get(council.meeting.get_absolute_url()).status_code == 404
    assert str(council.meeting) not in client.get(council.budget.get_absolute_url()).content.decode()


@pytest.mark.parametrize("page", range(4))
def test_queries_do_not_grow_with_the_record(client, council, django_assert_max_num_queries, page):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(pages(council)[page]).status_code == 200
        return len(queries)

    client.get(pages(council)[page])  # sessions, caches and the profile warm up
    small = count()
    council.grow(6)
    with django_assert_max_num_queries(small):
        assert client.get(pages(council)[page]).status_code == 200


def unfold(body):
    return body.replace("\r\n ", "")


def test_calendar_is_valid_icalendar(client, council):
    response = client.get(reverse("council:calendar"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))  # folded (RFC 5545 §3.1)
    events = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", unfold(body), re.S)
    assert len(events) == 2
    for event in events:
        fields = dict(line.split(":", 1) for line in event.strip().split("\r\n"))
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL"} <= fields.keys()
        assert re.fullmatch(r"\d{8}T\d{6}Z", fields["DTSTART"])
    assert "ร่างเทศบัญญัติงบประมาณรายจ่ายทดสอบ" in unfold(body)


def test_cancelled_meetings_leave_the_calendar(client, council):
    Meeting.objects.filter(pk=council.upcoming.pk).update(cancelled=True)
    assert client.get(reverse("council:calendar")).content.decode().count("BEGIN:VEVENT") == 1


def test_feeds_are_valid_rss_and_atom(client, council):
    rss = client.get(reverse("council:meetings_rss"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    titles = [item.findtext("title") for item in ET.fromstring(rss.content).iter("item")]
    assert str(council.meeting) in titles and str(council.upcoming) in titles
    atom = ET.fromstring(client.get(reverse("council:meetings_atom")).content)
    assert atom.tag == f"{ATOM}feed" and len(atom.findall(f"{ATOM}entry")) == 2
    minutes = ET.fromstring(client.get(reverse("council:minutes_rss")).content)
    assert list(minutes.iter("item")) == []  # nothing adopted yet
    Meeting.objects.filter(pk=council.meeting.pk).update(minutes_adopted_on=timezone.localdate())
    minutes = ET.fromstring(client.get(reverse("council:minutes_atom")).content)
    entries = minutes.findall(f"{ATOM}entry")
    assert len(entries) == 1 and str(council.meeting) in entries[0].findtext(f"{ATOM}title")


def test_search_and_sitemap_find_the_council(client, council):
    from search.index import rebuild

    rebuild()
    results = client.get("/search/", {"q": "เทศบัญญัติงบประมาณ"}).content.decode()
    assert council.budget.get_absolute_url() in results and council.meeting.get_absolute_url() in results
    sitemap = client.get("/sitemap.xml").content.decode()
    for url in pages(council):
        assert url in sitemap


ADMIN_MODELS = ("term", "councilmember", "session", "meeting", "agendaitem", "motion")


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_is_thai_for_editors(client, editor, council, model):
    client.force_login(editor)
    page = client.get(reverse(f"admin:council_{model}_changelist"))
    assert page.status_code == 200
    assert "เลือก" in page.content.decode()


def test_admin_meeting_shows_buddhist_era_dates(client, editor, council):
    client.force_login(editor)
    page = client.get(reverse("admin:council_meeting_change", args=[council.meeting.pk])).content.decode()
    year = be_year(timezone.localtime(council.meeting.starts_at).year)
    assert f"/{year}" in page and "ระเบียบวาระ" in page and "การมาประชุม" in page


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_staff_without_a_role_is_refused(client, refused_staff, council, model):
    client.force_login(refused_staff)
    assert client.get(reverse(f"admin:council_{model}_changelist")).status_code == 403


def test_general_affairs_cannot_edit_the_council(client, general_affairs, council):
    client.force_login(general_affairs)
    assert client.get(reverse("admin:council_meeting_add")).status_code == 403


def test_minutes_uploads_are_checked_by_content(council):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("minutes.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    document = MeetingDocument(meeting=council.meeting, kind="minutes", title="x", file=fake)
    with pytest.raises(ValidationError):
        document.full_clean()


def test_a_linked_catalogue_document_shows_only_while_the_catalogue_publishes_it(client, council):
    from disclosures.models import Category, Document

    category = Category.objects.create(name="เทศบัญญัติ", slug="council-test-budget")
    document = Document.objects.create(category=category, title="เทศบัญญัติงบประมาณทดสอบ", fiscal_year=2570,
                                       external_url="https://example.org/budget.pdf", is_published=False)
    linked = MeetingDocument.objects.create(meeting=council.meeting, kind="attachment",
                                            title="ร่างเทศบัญญัติประกอบวาระ", catalogue_document=document)
    api = f"/council/oparl/v1/file/{linked.pk}/"
    assert linked.title not in client.get(council.meeting.get_absolute_url()).content.decode()
    assert client.get(api).status_code == 404
    Document.objects.filter(pk=document.pk).update(is_published=True)
    assert linked.title in client.get(council.meeting.get_absolute_url()).content.decode()
    assert client.get(api).json()["accessUrl"].endswith(document.get_absolute_url())


def test_the_council_meetings_are_an_alert_topic(client, council):
    from datetime import timedelta

    from django.utils import timezone

    from council.alerts import CouncilMeetings
    from kpp_portal import discovery

    topic = CouncilMeetings()
    assert topic.key in discovery.alert_topics()
    now = timezone.now()
    found = topic.new_items(["all", "other"], now - timedelta(hours=1), now + timedelta(seconds=1))
    assert set(found) == {"all"}
    assert council.meeting.get_absolute_url() in {item.url for item in found["all"]}
    Meeting.objects.filter(pk=council.meeting.pk).update(is_published=False)
    assert council.meeting.get_absolute_url() not in {
        item.url for item in topic.new_items(["all"], now - timedelta(hours=1), now)["all"]}
    page = client.get("/council/").content.decode()
    assert "/alerts/?topic=council.meetings&amp;value=all" in page


def test_a_members_votes_come_a_page_at_a_time(client, council, settings):
    settings.PAGE_SIZE = 2
    council.grow(3)  # six more items the first member voted on
    url = f"/council/members/{council.members[0].pk}/"
    first = client.get(url)
    assert first.context["votes"].paginator.count == 7 and len(first.context["votes"].object_list) == 2
    assert "?page=2" in first.content.decode()
    last = client.get(url, {"page": 4})
    assert len(last.context["votes"].object_list) == 1
