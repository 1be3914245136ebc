"""Public side of E-Service: the catalogue, a request form per type, the follow-up with the
reference and code, the rating, the service statistics and the register of information
requests."""
import datetime
import functools
import json
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kpp_portal import antispam, filing, fragments
from kpp_portal.antispam import count_against, limit_reached, over_limit
from kpp_portal.exports import export_response
from kpp_portal.pagecache import reads_query
from kpp_portal.paging import page_of
from kpp_portal.words import Query
from search.results import rank_objects

from . import correspondence, duplicates, statistics, submission
from .forms import FollowUpForm, PublicationForm, RatingForm, RequestForm
from .models import OUTCOMES_WITH_GROUNDS, InformationAppeal, RequestType, ServiceRequest, WorkflowError
from .notices import queue_receipt
from .queue import data_file_response, file_response

SENT = "services"  # the name of what filing.keep holds for the page after a request
TRACK_SESSION_KEY = "service_track"
# Failures are logged without the request body: operators learn that saving failed, not what was asked.
logger = logging.getLogger(__name__)


def index(request):
    request_types = RequestType.objects.active().select_related("unit")
    return render(request, "services/index.html", {"request_types": request_types})


@require_http_methods(["GET", "POST"])
def request_form(request, slug):
    request_type = get_object_or_404(
        RequestType.objects.active().select_related("unit", "form_document", "manual_document")
        .prefetch_related("fields"), slug=slug)
    form = RequestForm(request_type, request.POST or None, request.FILES or None)

    def sent_already():
        fingerprint = _fingerprint(request_type, form.submission())
        earlier = next((sent for sent in _recent_filings(request) if sent.get("fingerprint") == fingerprint),
                       None)
        if earlier is None:
            # The same request from another browser (or a twin committed meanwhile).
            twin = duplicates.earlier(duplicates.fingerprint(request_type, form.submission()))
            return _already_filed(request, twin) if twin is not None else None
        # Back, then send again: the same request from the same browser files nothing new.
        filing.keep(request, SENT, earlier, settings.SERVICE_SENT_KEEP_SECONDS)  # shown last
        messages.info(request, _("ท่านยื่นคำร้องนี้ไปแล้วเมื่อสักครู่ ระบบไม่ได้ยื่นซ้ำ "
                                 "เลขที่คำร้องและรหัสติดตามเดิมแสดงอยู่ในหน้านี้"))
        return redirect("services:sent")

    def file():
        fields = form.submission()
        filed, code = submission.submit(request_type, **fields)
        duplicates.remember(duplicates.fingerprint(request_type, fields), filed)
        if filed.email:
            queue_receipt(filed, code)
        # Shown on the next page, and again on a reload in this browser for a while. The session
        # ends with the browser.
        filing.keep(request, SENT, {
            "reference": filed.reference, "code": code, "due": filed.due_date.isoformat(),
            "emailed": bool(filed.email), "fingerprint": _fingerprint(request_type, fields)},
            settings.SERVICE_SENT_KEEP_SECONDS)
        if not request.user.is_authenticated:
            request.session.set_expiry(0)

    return filing.answer(
        request, form, limit="service-submit", file=file, then="services:sent", instead=sent_already,
        too_often=_("มีการยื่นคำร้องจากเครือข่ายนี้บ่อยเกินไป โปรดรอสักครู่แล้วลองใหม่"),
        page=lambda status: render(request, "services/request_form.html",
                                   {"request_type": request_type, "form": form}, status=status))


def _already_filed(request, twin):
    """The same request came from another browser (or this one's session is gone): nothing is
    filed; the reference is named, the follow-up code is not (only its first browser, or the
    e-mail, has it)."""
    messages.info(request, _(
        "คำร้องเดียวกันนี้ยื่นถึงเทศบาลแล้วเมื่อสักครู่ เลขที่คำร้อง %(reference)s ระบบไม่ได้ยื่นซ้ำ "
        "รหัสติดตามแสดงในเบราว์เซอร์ที่ใช้ยื่น และส่งทางอีเมลหากให้อีเมลไว้") % {"reference": twin.reference})
    return redirect("services:index")


def _fingerprint(request_type, submission):
    """A keyed digest of what a request says (not its files): the same request sent twice has
    the same one, and the session holds no copy of the text."""
    said = {name: str(value) for name, value in submission.items() if name != "files"}
    return salted_hmac("services.sent.fingerprint", json.dumps([request_type.pk, said], sort_keys=True,
                                                               ensure_ascii=False)).hexdigest()


def _recent_filings(request):
    """What this browser filed within SERVICE_SENT_KEEP_SECONDS, oldest first."""
    return filing.kept(request, SENT, settings.SERVICE_SENT_KEEP_SECONDS)


sent = filing.shown_once_view(
    SENT, "services/sent.html", back="services:index",
    keep_seconds=lambda: settings.SERVICE_SENT_KEEP_SECONDS,
    note=lambda: _("เลขที่คำร้องและรหัสติดตามแสดงซ้ำได้เฉพาะในเบราว์เซอร์ที่ใช้ยื่น ภายใน %(minutes)s นาทีหลังยื่น "
                   "หากท่านให้อีเมลไว้ ระบบส่งเลขที่คำร้องและรหัสติดตามไปทางอีเมลแล้ว")
    % {"minutes": settings.SERVICE_SENT_KEEP_SECONDS // 60},
    context=lambda shown: {"due": datetime.date.fromisoformat(shown["due"]),
                           "keep_minutes": settings.SERVICE_SENT_KEEP_SECONDS // 60})


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    # POST for the look-up: the code must not end up in URLs, history or server logs.
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if over_limit(request, "service-lookup", form):
            filing.refuse_too_often(form, _("ตรวจสอบบ่อยเกินไป โปรดรอสักครู่แล้วลองใหม่"))
            status = 429
        elif form.is_valid() and limit_reached("service-lookup-reference", _reference(form)):
            # Wrong codes for this reference from any number of addresses: its follow-up rests.
            form.add_error(None, _("มีการลองรหัสติดตามของคำร้องนี้ผิดหลายครั้ง เพื่อความปลอดภัยโปรดลองใหม่ใน "
                                   "%(minutes)d นาที หรือติดต่อหน่วยงานผู้รับผิดชอบ")
                           % {"minutes": antispam.rate("service-lookup-reference").window // 60})
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            found = submission.find_for_follow_up(data["reference"], data["code"])
            if found is None:
                count_against("service-lookup-reference", _reference(form))
            else:
                request.session.cycle_key()
                request.session[TRACK_SESSION_KEY] = {"id": found.pk, "seen": time.time()}
                request.session.set_expiry(settings.SERVICE_TRACK_IDLE_SECONDS)
                return redirect("services:track_request")
            form.add_error(None, _("ไม่พบคำร้องที่ตรงกับเลขที่คำร้องและรหัสติดตามนี้ โปรดตรวจสอบอีกครั้ง"))
            status = 404
        else:
            status = 400
    return render(request, "services/track.html", {"form": form}, status=status)


def _reference(form):
    return form.cleaned_data["reference"].strip().upper()


def _tracked(request):
    """The request this browser opened with its code, unless the session went idle."""
    state = request.session.get(TRACK_SESSION_KEY)
    if not state:
        return None
    if time.time() - state["seen"] > settings.SERVICE_TRACK_IDLE_SECONDS:
        request.session.pop(TRACK_SESSION_KEY, None)
        messages.info(request, _("หมดเวลาการติดตามเนื่องจากไม่มีการใช้งาน โปรดกรอกเลขที่คำร้องและรหัสติดตามอีกครั้ง"))
        return None
    state["seen"] = time.time()
    request.session[TRACK_SESSION_KEY] = state
    return ServiceRequest.objects.select_related("request_type", "unit").filter(pk=state["id"]).first()


def _following(view):
    """A follow-up page: it works on the request this browser opened with its code, and sends
    a browser without one (or whose session went idle) back to the follow-up form."""
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        tracked = _tracked(request)
        if tracked is None:
            return redirect("services:track")
        return view(request, tracked, *args, **kwargs)
    return wrapped


@never_cache
@_following
def track_request(request, tracked):
    return _tracking_page(request, tracked)


def _tracking_page(request, tracked, rating_form=None):
    """The followed request's page; with a refused rating form, that form and its errors."""
    may_rate = tracked.is_closed and tracked.rated_at is None
    withheld = tracked.outcome in OUTCOMES_WITH_GROUNDS
    context = {
        "item": tracked,
        "events": tracked.public_events(),
        "submitted_files": tracked.files.filter(event__isnull=True),
        "grounds": tracked.refusal_grounds.all() if withheld else [],
        "appeal_routes": tracked.appeal_routes() if withheld else [],
        "rating_form": (rating_form or RatingForm()) if may_rate else None,
        "publication_form": PublicationForm(initial={
            "publish_request_text": tracked.publish_request_text, "publish_replies": tracked.publish_replies})
        if tracked.request_type.is_information_request and not tracked.register_opt_out else None,
        "idle_minutes": settings.SERVICE_TRACK_IDLE_SECONDS // 60,
    }
    return render(request, "services/track_request.html", context, status=400 if rating_form else 200)


@never_cache
@require_POST
@_following
def rate(request, tracked):
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            tracked.rate(form.cleaned_data["score"], form.cleaned_data["comment"])
        except WorkflowError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("ขอบคุณที่ประเมินความพึงพอใจ"))
        return redirect("services:track_request")
    return _tracking_page(request, tracked, rating_form=form)


@never_cache
def track_file(request, file_id):
    tracked = _tracked(request)
    if tracked is None:
        raise Http404
    response = file_response(get_object_or_404(tracked.files, pk=file_id))
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_POST
@_following
def track_publication(request, tracked):
    """The person chooses what of their correspondence the public register shows."""
    form = PublicationForm(request.POST)
    if form.is_valid() and not tracked.register_opt_out:
        chosen = form.cleaned_data
        tracked.set_publication(chosen["publish_request_text"], chosen["publish_replies"])
        messages.success(request, _("บันทึกการเลือกเผยแพร่แล้ว"))
    return redirect("services:track_request")


@never_cache
def track_personal_data(request):
    """An access or portability request granted: the person's data as a file, built now."""
    tracked = _tracked(request)
    if tracked is None or not tracked.hands_over_data:
        raise Http404
    return data_file_response(tracked)


@require_POST
def track_end(request):
    request.session.pop(TRACK_SESSION_KEY, None)
    request.session.cycle_key()
    messages.info(request, _("ออกจากการติดตามคำร้องแล้ว"))
    return redirect("services:track")


# -- public figures -------------------------------------------------------------------------------
def _fiscal_year(fiscal_year):
    # Kept like a fragment: the page's one query otherwise, and it changes once a year.
    years = fragments.cached("services:stats-years", [], statistics.available_years)
    fiscal_year = fiscal_year or years[0]
    if fiscal_year not in years:
        raise Http404
    return fiscal_year, years


def stats(request, fiscal_year=None):
    fiscal_year, years = _fiscal_year(fiscal_year)
    return render(request, "services/stats.html", {
        "year": fiscal_year, "years": years, "stats": fragments.section(lambda: _figures(fiscal_year))})


def _figures(fiscal_year):
    figures = statistics.year_figures(fiscal_year)
    return {"figures": figures, "charts": statistics.charts(figures)}


def stats_csv(request, fiscal_year):
    fiscal_year, _years = _fiscal_year(fiscal_year)
    return export_response("csv", f"service-statistics-{fiscal_year}.csv", statistics.CSV_HEADER,
                           statistics.csv_rows(statistics.year_figures(fiscal_year)))


def stats_json(request, fiscal_year):
    fiscal_year, _years = _fiscal_year(fiscal_year)
    return JsonResponse(statistics.json_document(statistics.year_figures(fiscal_year)),
                        json_dumps_params={"ensure_ascii": False, "indent": 1})


@reads_query("q", "page")
def register(request):
    query = request.GET.get("q", "").strip()[:100]
    entries = ServiceRequest.objects.in_register().select_related("request_type").order_by(
        "-register_published_at", "-pk")
    if query:
        entries = rank_objects(entries, Query(query))
    return render(request, "services/register.html", {
        "today": timezone.localdate().isoformat(),
        "listing": fragments.section(lambda: {"page": page_of(entries, request)}),
        "query": query, "query_prefix": f"{urlencode({'q': query})}&" if query else "",
        "fragment_query": fragments.page_query(request)})


REGISTER_COLUMNS = ["reference", "subject", "request_type", "received_on", "status", "outcome", "closed_on",
                    "published_on", "url"]


def register_csv(request):
    """The register as open data: what the page shows of each entry (subjects as staff rewrote
    them, never the request itself)."""
    entries = ServiceRequest.objects.in_register().select_related("request_type").order_by(
        "register_published_at", "pk")

    def day(moment):
        return timezone.localdate(moment).isoformat() if moment else None

    rows = ((entry.reference, entry.register_subject, entry.request_type.title, day(entry.received_at),
             entry.get_status_display(), entry.get_outcome_display(), day(entry.closed_at),
             day(entry.register_published_at), settings.SITE_URL + entry.get_register_url())
            for entry in entries.iterator(chunk_size=2000))
    return export_response("csv", "information-request-register.csv", REGISTER_COLUMNS, rows)


def register_entry(request, reference):
    entry = get_object_or_404(ServiceRequest.objects.in_register().select_related("request_type"),
                              reference=reference)
    withheld = entry.outcome in OUTCOMES_WITH_GROUNDS
    return render(request, "services/register_entry.html", {
        "entry": entry, "files": entry.register_files(), "correspondence": correspondence.published(entry),
        "appeal": InformationAppeal.objects.filter(request=entry).first(),
        "grounds": entry.refusal_grounds.all() if withheld else []})


def register_file(request, reference, file_id):
    entry = get_object_or_404(ServiceRequest.objects.in_register(), reference=reference)
    return file_response(get_object_or_404(entry.register_files(), pk=file_id))

