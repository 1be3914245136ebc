"""The council's public pages: the session calendar, a meeting, a member, a motion; the iCal feed."""
import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kpp_portal import ical
from kpp_portal.pagecache import reads_query
from kpp_portal.paging import page_of
from kpp_portal.thai import current_fiscal_year, fiscal_year_range, validate_be_year

from .models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CouncilMember,
    Meeting,
    MeetingDocument,
    Motion,
    Session,
    Term,
    Vote,
)

# The feed holds the past twelve months and every meeting ahead: a subscribed calendar reads the
# whole feed again at every refresh, so it stays the size of a year of sessions however long the
# record grows, and last year's same session (the budget readings) is still there to compare.
# Older meetings are on the calendar page, a fiscal year at a time, and in the OParl API.
ICAL_DAYS_BACK = 365


def _members():
    return CouncilMember.objects.select_related("person")


def index(request, fiscal_year=None):
    """One fiscal year's sessions with their meetings (the current year unless the address names
    another), with links to the nearest years that have sessions; the current term's members."""
    current = current_fiscal_year()
    year = current if fiscal_year is None else fiscal_year
    try:
        validate_be_year(year)  # what a session's year can be; also keeps the query in range
    except ValidationError as error:
        raise Http404 from error
    sessions = list(Session.objects.filter(fiscal_year=year).prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.published().order_by("starts_at"))))
    if not sessions and year != current:
        raise Http404  # only years the record holds get a page of their own
    nearest = Session.objects.aggregate(previous=Max("fiscal_year", filter=Q(fiscal_year__lt=year)),
                                        next=Min("fiscal_year", filter=Q(fiscal_year__gt=year)))
    term = next((term for term in Term.objects.all() if term.is_current()), None)
    return render(request, "council/index.html", {
        "year": year, "is_current_year": year == current, "year_range": fiscal_year_range(year),
        "sessions": sessions, "previous_year": nearest["previous"], "next_year": nearest["next"],
        "term": term,
        "members": _members().filter(term=term) if term else [],
        "upcoming": Meeting.objects.published().filter(starts_at__gte=timezone.now(), cancelled=False)
        .select_related("session").order_by("starts_at")[:3],
        "webcal_url": "webcal://" + request.get_host() + reverse("council:calendar"),
    })


def meeting_detail(request, pk):
    votes = Prefetch("votes", queryset=Vote.objects.select_related("member__person"))
    items = AgendaItem.objects.select_related("motion").prefetch_related(votes)
    meeting = get_object_or_404(Meeting.objects.published().select_related("session__term").prefetch_related(
        Prefetch("agenda_items", queryset=items),
        Prefetch("documents", queryset=MeetingDocument.objects.public().select_related("catalogue_document")),
        Prefetch("attendance", queryset=Attendance.objects.select_related("member__person")
                 .order_by("member__order", "member__pk")),
    ), pk=pk)
    attendance = list(meeting.attendance.all())
    return render(request, "council/meeting_detail.html", {
        "meeting": meeting,
        "attendance": attendance,
        "present": sum(row.status == AttendanceStatus.PRESENT for row in attendance),
    })


def _attendance_counts(member):
    """How often the member came, was on leave, was absent: counted by the database."""
    counted = dict(member.attendance.filter(meeting__is_published=True).order_by().values_list("status")
                   .annotate(Count("pk")))
    return [(label, counted.get(value, 0)) for value, label in AttendanceStatus.choices]


@reads_query("page")
def member_detail(request, pk):
    member = get_object_or_404(_members().select_related("term"), pk=pk)
    # A member of several terms votes on thousands of items: a page of them at a time.
    votes = page_of(member.votes.filter(agenda_item__meeting__is_published=True)
                    .select_related("agenda_item__meeting__session", "agenda_item__motion")
                    .order_by("-agenda_item__meeting__starts_at", "-pk"), request)
    return render(request, "council/member_detail.html", {
        "member": member, "votes": votes, "counts": _attendance_counts(member),
    })


@reads_query("page")
def member_attendance(request, pk):
    """The member's attendance meeting by meeting, newest first, a page at a time (a member of
    several terms sits through hundreds of meetings)."""
    member = get_object_or_404(_members().select_related("term"), pk=pk)
    attendance = page_of(member.attendance.filter(meeting__is_published=True)
                         .select_related("meeting__session").order_by("-meeting__starts_at", "-pk"), request)
    return render(request, "council/member_attendance.html", {
        "member": member, "attendance": attendance, "counts": _attendance_counts(member),
    })


def motion_detail(request, pk):
    motion = get_object_or_404(Motion.objects.select_related("catalogue_document"), pk=pk)
    history = (motion.agenda_items.filter(meeting__is_published=True).select_related("meeting__session")
               .annotate(named_votes=Count("votes")).order_by("meeting__starts_at", "order"))
    return render(request, "council/motion_detail.html", {"motion": motion, "history": history})


def calendar(request):
    """The council's meetings for phone calendars (subscribe to this address)."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    since = timezone.now() - datetime.timedelta(days=ICAL_DAYS_BACK)
    meetings = (Meeting.objects.published().filter(starts_at__gte=since, cancelled=False)
                .select_related("session").prefetch_related("agenda_items").order_by("starts_at"))
    events = [{
        "uid_part": f"council-meeting-{meeting.pk}",
        "start": meeting.starts_at,
        "end": meeting.ends_at,
        "updated": meeting.updated_at,
        "summary": str(meeting),
        "location": meeting.place,
        "description": "\n".join(f"{item.number}. {item.title}" for item in meeting.agenda_items.all()),
        "url": settings.SITE_URL + meeting.get_absolute_url(),
    } for meeting in meetings]
    body = ical.calendar(events, _("การประชุมสภาเทศบาล"), host)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="council.ics"'
    return response

