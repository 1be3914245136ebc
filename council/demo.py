"""Demo content: the council term whose members are the council of the "who's who" page, two
sessions in the previous and the current fiscal year (the budget ordinance's three readings,
the development plan, fund transfers), attendance, adopted minutes and one vote recorded by name.
Dated by the day the demo is loaded; idempotent (everything is found by a natural key first)."""
import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from disclosures.models import Document
from kpp_portal.demo import SAMPLE, day_in, sample_pdf
from kpp_portal.thai import current_fiscal_year, fiscal_year_of
from municipality.models import Person

from .models import (
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

ROLES = {"ประธานสภาเทศบาล": CouncilRole.PRESIDENT, "รองประธานสภาเทศบาล": CouncilRole.VICE_PRESIDENT,
         "เลขานุการสภาเทศบาล": CouncilRole.SECRETARY}
SEATS = 12
CONFIRM_MINUTES = "รับรองรายงานการประชุมครั้งที่แล้ว"


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _members(term):
    if term.members.exists():
        return list(term.members.all())
    people = list(Person.objects.filter(body=Person.Body.COUNCIL).order_by("order", "pk"))
    seats = []
    for number in range(1, SEATS + 1):
        person = people[number - 1] if number <= len(people) else None
        seats.append(CouncilMember.objects.create(
            term=term, person=person, order=number, constituency=(number - 1) % 3 + 1,
            name=f"สมาชิกสภาเทศบาลตัวอย่าง คนที่ {number}",
            role=ROLES.get(person.position, CouncilRole.MEMBER) if person else CouncilRole.MEMBER))
    return seats


def _motion(reference, kind, title, day, document=None):
    motion, _ = Motion.objects.get_or_create(reference=reference, defaults={
        "kind": kind, "title": f"{title} {SAMPLE}", "submitted_on": day, "proposer": "นายกเทศมนตรี",
        "summary": "เอกสารตัวอย่างสำหรับการสาธิต", "catalogue_document": document})
    return motion


def _meeting(session, number, day, items, minutes_adopted_on=None, notice_on=None):
    meeting, created = Meeting.objects.get_or_create(session=session, number=number, defaults={
        "starts_at": _at(day, 10), "ends_at": _at(day, 15), "minutes_adopted_on": minutes_adopted_on,
        "notice_published_on": notice_on or day - datetime.timedelta(days=3),
        "notice": f"ประธานสภาเทศบาลเรียกประชุมสภาเทศบาล {session} ครั้งที่ {number} {SAMPLE}"})
    if not created:
        return meeting
    for order, (title, motion, reading, outcome, resolution) in enumerate(items, start=1):
        AgendaItem.objects.create(meeting=meeting, number=str(order), order=order, title=title, motion=motion,
                                  reading=reading, outcome=outcome, resolution=resolution)
    if minutes_adopted_on:
        _meeting_minutes(meeting)
    return meeting


def _attendance(meeting, members, on_leave=()):
    if meeting.attendance.exists() or meeting.starts_at > timezone.now():
        return
    Attendance.objects.bulk_create(Attendance(
        meeting=meeting, member=member,
        status=AttendanceStatus.LEAVE if member.order in on_leave else AttendanceStatus.PRESENT)
        for member in members)


def _session(term, kind, number, start, days=15):
    session, _ = Session.objects.get_or_create(
        fiscal_year=fiscal_year_of(start), kind=kind, number=number,
        defaults={"term": term, "starts_on": start, "ends_on": start + datetime.timedelta(days=days)})
    return session


def load(stdout):
    today = timezone.localdate()
    current = current_fiscal_year()
    previous = current - 1
    term, _ = Term.objects.get_or_create(number=1, defaults={
        "starts_on": datetime.date(2025, 5, 11), "ends_on": datetime.date(2029, 5, 10)})
    members = _members(term)
    budget_document = Document.objects.filter(
        title=f"เทศบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {current} {SAMPLE}").first()
    plan_document = Document.objects.filter(title__startswith="แผนพัฒนาท้องถิ่น (พ.ศ.").first()

    # The previous fiscal year: an ordinary session for the plan and a transfer, and the one that
    # passes the next year's budget ordinance in three readings.
    first, budget_day = day_in(previous, 130), day_in(previous, 315)
    plan = _motion(f"ญ.1/{previous}", MotionKind.PLAN,
                   f"ญัตติขอความเห็นชอบแผนพัฒนาท้องถิ่น (เพิ่มเติม) พ.ศ. {previous}",
                   first - datetime.timedelta(days=7), plan_document)
    transfer = _motion(f"ญ.2/{previous}", MotionKind.TRANSFER,
                       "ญัตติขอความเห็นชอบโอนงบประมาณรายจ่ายไปตั้งจ่ายเป็นรายการใหม่ (ค่าปรับปรุงรางระบายน้ำ)",
                       first - datetime.timedelta(days=7))
    budget = _motion(f"ร.1/{previous}", MotionKind.BUDGET_ORDINANCE,
                     f"ร่างเทศบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {current}",
                     budget_day - datetime.timedelta(days=10), budget_document)
    session_1 = _session(term, SessionKind.ORDINARY, 1, first)
    meeting_1 = _meeting(session_1, 1, first, [
        ("เรื่องที่ประธานแจ้งต่อที่ประชุม", None, None, Outcome.NOTED, "ที่ประชุมรับทราบ"),
        (plan.title, plan, None, Outcome.ADOPTED, "ที่ประชุมมีมติเห็นชอบแผนพัฒนาท้องถิ่น (เพิ่มเติม)"),
        (transfer.title, transfer, None, Outcome.ADOPTED, "ที่ประชุมมีมติเห็นชอบให้โอนงบประมาณ"),
    ], minutes_adopted_on=budget_day)
    session_2 = _session(term, SessionKind.ORDINARY, 2, budget_day)
    reading_1 = _meeting(session_2, 1, budget_day, [
        (CONFIRM_MINUTES, None, None, Outcome.ADOPTED, "ที่ประชุมมีมติรับรองรายงานการประชุม"),
        (budget.title, budget, 1, Outcome.ADOPTED,
         "ที่ประชุมมีมติรับหลักการ และตั้งคณะกรรมการแปรญัตติ 5 คน กำหนดยื่นคำแปรญัตติภายใน 3 วัน"),
    ], minutes_adopted_on=budget_day + datetime.timedelta(days=7))
    readings_2_3 = _meeting(session_2, 2, budget_day + datetime.timedelta(days=7), [
        (CONFIRM_MINUTES, None, None, Outcome.ADOPTED, "ที่ประชุมมีมติรับรองรายงานการประชุม"),
        (budget.title, budget, 2, Outcome.ADOPTED, "ที่ประชุมเห็นชอบตามที่คณะกรรมการแปรญัตติเสนอ ไม่มีการแก้ไข"),
        (budget.title, budget, 3, Outcome.ADOPTED, "ที่ประชุมมีมติเห็นชอบให้ตราเป็นเทศบัญญัติ"),
    ])
    for meeting in (meeting_1, reading_1):
        _attendance(meeting, members)
    _attendance(readings_2_3, members, on_leave={SEATS})

    # The one vote recorded by name: the third reading, the president abstaining as is customary.
    third = readings_2_3.agenda_items.get(reading=3)
    if not third.votes.exists():
        present = [m for m in members if m.order != SEATS and m.has_vote]
        Vote.objects.bulk_create(Vote(agenda_item=third, member=member, choice=VoteChoice.ABSTAIN
                                      if member.role == CouncilRole.PRESIDENT else VoteChoice.FOR)
                                 for member in present)
        abstaining = sum(m.role == CouncilRole.PRESIDENT for m in present)
        AgendaItem.objects.filter(pk=third.pk).update(
            votes_for=len(present) - abstaining, votes_against=0, abstentions=abstaining)

    # The current fiscal year: an extraordinary session for an urgent transfer, and the next
    # ordinary session, announced and still ahead.
    urgent = day_in(current, 40)
    flood = _motion(f"ญ.1/{current}", MotionKind.TRANSFER,
                    "ญัตติขอความเห็นชอบจ่ายขาดเงินสะสมเพื่อซ่อมแซมถนนที่เสียหายจากอุทกภัย",
                    urgent - datetime.timedelta(days=3))
    extraordinary = _session(term, SessionKind.EXTRAORDINARY, 1, urgent, days=7)
    urgent_meeting = _meeting(extraordinary, 1, urgent, [
        (CONFIRM_MINUTES, None, None, Outcome.ADOPTED, "ที่ประชุมมีมติรับรองรายงานการประชุม"),
        (flood.title, flood, None, Outcome.ADOPTED, "ที่ประชุมมีมติเห็นชอบให้จ่ายขาดเงินสะสม"),
    ])
    _attendance(urgent_meeting, members)
    if not readings_2_3.minutes_adopted_on:
        readings_2_3.minutes_adopted_on = urgent
        readings_2_3.save(update_fields=["minutes_adopted_on"])
        _meeting_minutes(readings_2_3)
    ahead = today + datetime.timedelta(days=20)
    next_session = _session(term, SessionKind.ORDINARY, 1, ahead)
    _meeting(next_session, 1, ahead, [
        (CONFIRM_MINUTES, None, None, "", ""),
        ("รายงานผลการติดตามและประเมินผลแผนพัฒนาท้องถิ่น", None, None, "", ""),
        ("ญัตติขอความเห็นชอบโอนงบประมาณรายจ่ายประจำปี (ครุภัณฑ์งานป้องกันและบรรเทาสาธารณภัย)", None, None, "", ""),
    ], notice_on=today)
    stdout.write(f"สภาเทศบาล: สมาชิก {len(members)} คน สมัยประชุม {Session.objects.count()} "
                 f"การประชุม {Meeting.objects.count()} ญัตติ {Motion.objects.count()}")


def _meeting_minutes(meeting):
    content = ContentFile(sample_pdf(f"รายงานการประชุม {meeting}"), name="minutes.pdf")
    MeetingDocument.objects.create(meeting=meeting, kind=DocumentKind.MINUTES, file=content,
                                   title=f"รายงานการประชุม ครั้งที่ {meeting.number} {SAMPLE}")
