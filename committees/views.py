from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kpp_portal import filing, fragments, ical
from kpp_portal.pagecache import reads_query
from kpp_portal.paging import page_of

from .forms import OpinionForm
from .models import Committee, CommitteeTerm, Consultation, Meeting, MeetingPhoto


def _terms_with_members():
    return Prefetch("terms", queryset=CommitteeTerm.objects.with_composition().prefetch_related("members"))


def index(request):
    committees = Committee.objects.prefetch_related(
        Prefetch("terms", queryset=CommitteeTerm.objects.with_composition())
    )
    return render(
        request,
        "committees/index.html",
        {
            "committees": committees,
            "upcoming": Meeting.objects.upcoming().select_related("committee")[:5],
            "open_consultations": Consultation.objects.open_now(),
        },
    )


def _terms(pk):
    terms = list(Committee.objects.prefetch_related(_terms_with_members()).get(pk=pk).terms.all())
    current = next((term for term in terms if term.is_current()), None)
    return {"current_term": current, "other_terms": [term for term in terms if term is not current]}


def committee_detail(request, pk):
    # Kept like a fragment, so a kept page runs no query (an unknown pk is looked up each time).
    committee = fragments.cached("committees:committee-row", [pk], Committee.objects.filter(pk=pk).first)
    if committee is None:
        raise Http404
    return render(
        request,
        "committees/committee_detail.html",
        {
            "committee": committee,
            "terms": fragments.section(lambda: _terms(pk)),
            "meetings": committee.meetings.published().order_by("-starts_at")[:10],
        },
    )


@reads_query("page")
def meeting_list(request):
    past = page_of(Meeting.objects.past().select_related("committee"), request)
    return render(
        request,
        "committees/meeting_list.html",
        {
            "upcoming": Meeting.objects.upcoming().select_related("committee"),
            "past": past,
            # webcal:// makes phones offer "subscribe" (updates) instead of a one-off import
            "webcal_url": "webcal://" + request.get_host() + reverse("committees:meetings_ics"),
        },
    )


def meeting_detail(request, pk):
    meeting = get_object_or_404(
        Meeting.objects.published()
        .select_related("committee")
        .prefetch_related(
            Prefetch("photos", queryset=MeetingPhoto.objects.all()),
            Prefetch("consultations", queryset=Consultation.objects.published()),
        ),
        pk=pk,
    )
    return render(request, "committees/meeting_detail.html", {"meeting": meeting})


def meetings_ics(request):
    """Upcoming meetings for phone calendars (subscribe to this address)."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    events = [
        {
            "uid_part": f"meeting-{meeting.pk}",
            "start": meeting.starts_at,
            "end": meeting.ends_at,
            "updated": meeting.updated_at,
            "summary": meeting.title,
            "location": meeting.place,
            "description": meeting.agenda,
            "url": settings.SITE_URL + meeting.get_absolute_url(),
        }
        for meeting in Meeting.objects.upcoming()
    ]
    body = ical.calendar(events, _("การประชุมและเวทีประชาคม เทศบาลเมืองกำแพงเพชร"), host)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


def consultation_list(request):
    consultations = Consultation.objects.published()
    return render(request, "committees/consultation_list.html", {"consultations": consultations})


@require_http_methods(["GET", "POST"])
def consultation_detail(request, pk):
    consultation = get_object_or_404(Consultation.objects.published().select_related("meeting"), pk=pk)
    is_open = consultation.is_open()
    form = OpinionForm(request.POST if request.method == "POST" else None) if is_open else None

    def page(status):
        return render(request, "committees/consultation_detail.html", {
            "consultation": consultation, "form": form, "is_open": is_open,
            "opinions": consultation.opinions.published().order_by("created_at"),
        }, status=status)

    if not is_open:
        if request.method == "POST":
            messages.error(
                request,
                _("การรับฟังความคิดเห็นนี้ยังไม่เปิดรับความคิดเห็น")
                if consultation.has_not_opened()
                else _("การรับฟังความคิดเห็นนี้ปิดแล้ว ไม่สามารถส่งความคิดเห็นเพิ่มได้"),
            )
            return page(403)
        return page(200)

    def file():
        form.instance.consultation = consultation
        form.save()

    return filing.answer(
        request, form, limit="opinion", file=file, then=consultation, page=page,
        too_often=_("ส่งความคิดเห็นบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"),
        filed_message=_("ได้รับความคิดเห็นของท่านแล้ว จะเผยแพร่หลังเจ้าหน้าที่ตรวจสอบ ขอบคุณที่ร่วมแสดงความคิดเห็น"))
