"""A small council built through the ORM: one term with voting members and a non-voting
secretary, one session, a held meeting (budget ordinance's first reading) and an upcoming one;
Council.grow adds a record of earlier meetings."""
import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from council.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CouncilMember,
    CouncilRole,
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
from kpp_portal.thai import fiscal_months, fiscal_year_of, fiscal_year_range


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class Council:
    """Handles to the objects of the small council, and a way to grow it."""

    def __init__(self):
        today = timezone.localdate()
        self.term = Term.objects.create(number=1, starts_on=today - datetime.timedelta(days=400))
        self.members = [CouncilMember.objects.create(term=self.term, name=f"สมาชิกทดสอบ {n}", order=n,
                                                     constituency=n)
                        for n in range(1, 4)]
        self.secretary = CouncilMember.objects.create(term=self.term, name="เลขานุการทดสอบ", order=9,
                                                      role=CouncilRole.SECRETARY, has_vote=False)
        start = today - datetime.timedelta(days=10)
        self.session = Session.objects.create(term=self.term, kind=SessionKind.ORDINARY, number=1,
                                              fiscal_year=fiscal_year_of(start), starts_on=start,
                                              ends_on=today + datetime.timedelta(days=20))
        self.budget = Motion.objects.create(reference="ร.1/ทดสอบ", kind=MotionKind.BUDGET_ORDINANCE,
                                            title="ร่างเทศบัญญัติงบประมาณรายจ่ายทดสอบ", submitted_on=start,
                                            proposer="นายกเทศมนตรี")
        self.meeting = Meeting.objects.create(session=self.session, number=1, starts_at=at(start),
                                              minutes_adopted_on=None)
        self.first_reading = AgendaItem.objects.create(
            meeting=self.meeting, number="1", order=1, title=self.budget.title, motion=self.budget, reading=1,
            outcome=Outcome.ADOPTED, resolution="รับหลักการ", votes_for=2, votes_against=1, abstentions=0)
        Attendance.objects.bulk_create(Attendance(meeting=self.meeting, member=m) for m in self.members)
        Vote.objects.create(agenda_item=self.first_reading, member=self.members[0], choice=VoteChoice.FOR)
        self.upcoming = Meeting.objects.create(session=self.session, number=2,
                                               starts_at=at(today + datetime.timedelta(days=5)))
        self.minutes = MeetingDocument.objects.create(
            meeting=self.meeting, kind=DocumentKind.MINUTES, title="รายงานการประชุมครั้งที่ 1",
            file=ContentFile(sample_pdf("minutes"), name="minutes.pdf"))
        self.grown, self.sessions = 0, {}

    def grow(self, n):
        """n more held meetings before the first, a month apart back in time (a town council's
        pace: 500 meetings are some 40 years), each with agenda items, documents, attendance and
        named votes."""
        for _ in range(n):
            self.grown += 1
            number = self.grown
            starts_at = self.meeting.starts_at - datetime.timedelta(days=30 * number)
            session = self._session_of(timezone.localdate(starts_at))
            meeting = Meeting.objects.create(session=session, number=number, starts_at=starts_at,
                                             minutes_adopted_on=timezone.localdate())
            for order in (1, 2):
                motion = Motion.objects.create(reference=f"ญ.{number}-{order}", title=f"ญัตติ {number}",
                                               submitted_on=timezone.localdate(), proposer="นายก")
                item = AgendaItem.objects.create(meeting=meeting, number=str(order), order=order,
                                                 title="เรื่อง", motion=motion, outcome=Outcome.ADOPTED)
                for member in self.members:
                    Vote.objects.create(agenda_item=item, member=member, choice=VoteChoice.FOR)
            for kind in (DocumentKind.NOTICE, DocumentKind.MINUTES):
                MeetingDocument.objects.create(meeting=meeting, kind=kind, title=kind,
                                               file=ContentFile(sample_pdf(kind), name=f"{kind}.pdf"))
            Attendance.objects.bulk_create(
                Attendance(meeting=meeting, member=m, status=AttendanceStatus.PRESENT) for m in self.members)

    def _session_of(self, day):
        """The ordinary session of the fiscal quarter holding day (numbered from 2: number 1 of
        this year is the fixture's own session)."""
        year = fiscal_year_of(day)
        months = fiscal_months(year)
        quarter = next(q for q in (3, 2, 1, 0) if months[3 * q] <= day)
        if (year, quarter) not in self.sessions:
            last_day = fiscal_year_range(year)[1]
            ends_on = last_day if quarter == 3 else months[3 * quarter + 3] - datetime.timedelta(days=1)
            self.sessions[year, quarter] = Session.objects.create(
                term=self.term, kind=SessionKind.ORDINARY, number=quarter + 2, fiscal_year=year,
                starts_on=months[3 * quarter], ends_on=ends_on)
        return self.sessions[year, quarter]


@pytest.fixture
def council(db):
    return Council()
