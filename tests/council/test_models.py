"""The council's rules: periods, sessions by fiscal year, the three readings in order, votes
only by present members with a vote, minutes public only once adopted."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from council.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CouncilMember,
    DocumentKind,
    Meeting,
    MeetingDocument,
    Motion,
    MotionKind,
    Outcome,
    Session,
    SessionKind,
    Term,
    Vote,
    VoteChoice,
)
from kpp_portal.demo import sample_pdf

from .conftest import at

pytestmark = pytest.mark.django_db


def errors_of(obj):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


def test_a_term_cannot_end_before_it_starts():
    term = Term(number=9, starts_on=datetime.date(2025, 5, 11), ends_on=datetime.date(2025, 1, 1))
    assert "ends_on" in errors_of(term)


def test_a_member_needs_a_name_or_a_person(council):
    assert "name" in errors_of(CouncilMember(term=council.term))


def test_a_session_belongs_to_the_fiscal_year_it_opens_in(council):
    session = Session(term=council.term, kind=SessionKind.EXTRAORDINARY, number=1, fiscal_year=2569,
                      starts_on=datetime.date(2025, 10, 2), ends_on=datetime.date(2025, 10, 9))
    session.full_clean()
    session.fiscal_year = 2568
    assert "2569" in errors_of(session)["fiscal_year"][0]


def test_session_numbers_are_unique_within_a_year(council):
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(term=council.term, kind=council.session.kind, number=1,
                               fiscal_year=council.session.fiscal_year, starts_on=council.session.starts_on,
                               ends_on=council.session.ends_on)


def test_a_meeting_lies_within_its_session(council):
    meeting = Meeting(session=council.session, number=7,
                      starts_at=at(council.session.ends_on + datetime.timedelta(days=1)))
    assert "starts_at" in errors_of(meeting)


def test_minutes_cannot_be_adopted_before_the_meeting(council):
    day = timezone.localdate(council.meeting.starts_at)
    council.meeting.minutes_adopted_on = day - datetime.timedelta(days=1)
    assert "minutes_adopted_on" in errors_of(council.meeting)


def test_minutes_are_public_only_once_adopted(council):
    assert council.minutes not in MeetingDocument.objects.public()
    council.meeting.minutes_adopted_on = timezone.localdate()
    council.meeting.save()
    assert council.minutes in MeetingDocument.objects.public()


def test_a_meeting_document_is_a_file_or_a_catalogue_document_not_both_nor_neither(council):
    document = MeetingDocument(meeting=council.meeting, kind=DocumentKind.AGENDA, title="ระเบียบวาระ")
    assert errors_of(document)
    document.file = ContentFile(sample_pdf("agenda"), name="agenda.pdf")
    document.full_clean()


def test_a_document_of_another_meetings_agenda_item_is_refused(council):
    document = MeetingDocument(meeting=council.upcoming, kind=DocumentKind.ATTACHMENT, title="x",
                               agenda_item=council.first_reading,
                               file=ContentFile(sample_pdf("x"), name="x.pdf"))
    assert "agenda_item" in errors_of(document)


def test_readings_are_for_ordinances_only(council):
    transfer = Motion.objects.create(reference="ญ.9", kind=MotionKind.TRANSFER, title="โอน",
                                     submitted_on=timezone.localdate(), proposer="นายก")
    item = AgendaItem(meeting=council.upcoming, number="3", title="โอน", motion=transfer, reading=1)
    assert "reading" in errors_of(item)


def test_the_second_reading_needs_the_first_adopted(council):
    second = AgendaItem(meeting=council.upcoming, number="2", title="ว2", motion=council.budget, reading=2)
    second.full_clean()  # the first reading was adopted at an earlier meeting
    third = AgendaItem(meeting=council.upcoming, number="3", title="ว3", motion=council.budget, reading=3)
    assert "วาระที่ 2" in errors_of(third)["reading"][0]
    AgendaItem.objects.filter(pk=council.first_reading.pk).update(outcome=Outcome.REJECTED)
    assert "reading" in errors_of(second)


def test_vote_counts_need_an_outcome(council):
    item = AgendaItem(meeting=council.upcoming, number="4", title="เรื่อง", votes_for=3)
    assert "outcome" in errors_of(item)


def test_a_member_votes_once_per_item(council):
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(agenda_item=council.first_reading, member=council.members[0],
                            choice=VoteChoice.AGAINST)


def test_who_may_vote(council):
    assert "member" in errors_of(Vote(agenda_item=council.first_reading, member=council.secretary,
                                      choice=VoteChoice.FOR))
    Attendance.objects.filter(member=council.members[2]).update(status=AttendanceStatus.LEAVE)
    assert "member" in errors_of(Vote(agenda_item=council.first_reading, member=council.members[2],
                                      choice=VoteChoice.FOR))
    Vote(agenda_item=council.first_reading, member=council.members[1], choice=VoteChoice.AGAINST).full_clean()


def test_members_of_another_term_neither_attend_nor_vote(council):
    other = Term.objects.create(number=2, starts_on=datetime.date(2020, 1, 1))
    stranger = CouncilMember.objects.create(term=other, name="สมาชิกชุดอื่น")
    assert "member" in errors_of(Attendance(meeting=council.meeting, member=stranger))
    vote = Vote(agenda_item=council.first_reading, member=stranger, choice=VoteChoice.FOR)
    assert "member" in errors_of(vote)


def test_a_linked_person_gives_the_name(council):
    from municipality.models import Person

    person = Person.objects.create(body=Person.Body.COUNCIL, position="ประธานสภาเทศบาล",
                                   name="นายทดสอบ ชื่อจริง")
    member = council.members[0]
    member.person = person
    member.save()
    assert str(member) == "นายทดสอบ ชื่อจริง"
    assert str(council.members[1]) == "สมาชิกทดสอบ 2"
