"""Public side of the anti-corruption channel: entrance, manual, report form, receipt,
follow-up, statistics. Nothing here records who the visitor is."""
import logging
import secrets
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kpp_portal import fragments
from kpp_portal.antispam import over_limit
from kpp_portal.exports import export_response
from kpp_portal.forms import file_once

from . import crypto, keys, services, session, statistics
from .forms import ReplyForm, ReportForm, TrackForm
from .models import CorruptionReport, ReportMessage

TRACK_SESSION_KEY = "complaint_track"
# The vault slot (session.py) holding the tracked report's data key, opened by the receipt.
TRACK_VAULT_SLOT = "track"
RECEIPT_SESSION_KEY = "complaint_receipt"
# Failures are logged without the request: operators learn that saving failed, not who tried.
logger = logging.getLogger(__name__)


class _NoReferrerCsrf(CsrfViewMiddleware):
    """CSRF for pages served with Referrer-Policy: no-referrer.

    Under that policy a browser posts the page's own forms with `Origin: null` and no
    Referer, which Django's origin/referer checks refuse. The token check stays: the csrftoken
    cookie is SameSite=Lax, so a cross-site form cannot send it. Any other Origin is checked
    as usual. (Overrides two private methods of Django's middleware; covered by the browser
    tests, which fail if Django changes them.)"""

    def _origin_verified(self, request):
        return request.META["HTTP_ORIGIN"] == "null" or super()._origin_verified(request)

    def _check_referer(self, request):
        if request.META.get("HTTP_REFERER"):
            super()._check_referer(request)


_no_referrer_csrf = decorator_from_middleware(_NoReferrerCsrf)


def private_page(view):
    """No caching anywhere and no Referer leaving the page: a shared computer's history,
    a proxy cache or the next site visited must learn nothing."""

    @csrf_exempt  # replaced, not dropped: _NoReferrerCsrf checks the token
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = _no_referrer_csrf(view)(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, max-age=0"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


@private_page
def index(request):
    return render(request, "complaints/index.html", {"max_files": settings.COMPLAINT_MAX_FILES})


@private_page
def manual(request):
    return render(request, "complaints/manual.html", {
        "acknowledge_days": settings.COMPLAINT_ACKNOWLEDGE_DAYS,
        "conclude_days": settings.COMPLAINT_CONCLUDE_DAYS,
    })


@private_page
def report(request):
    posted = request.method == "POST"
    form = ReportForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST":
        if over_limit(request, "complaint-submit", form):
            messages.error(
                request, _("มีการส่งเรื่องจากเครือข่ายนี้บ่อยเกินไป โปรดรอสักครู่แล้วลองใหม่ หรือใช้ช่องทางอื่นด้านล่าง")
            )
            return render(request, "complaints/report.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data

            def file():
                filed, receipt = services.file_report(
                    category=data["category"], description=data["description"], accused=form.accused_text(),
                    when_where=data["when_where"], reporter_identity=data["reporter_name"],
                    reporter_contact=data["reporter_contact"], files=data["prepared"],
                )
                # Shown once by the next page, then gone; the session ends soon if it is never shown.
                request.session[RECEIPT_SESSION_KEY] = {
                    "report": filed.pk,
                    "receipt": crypto.format_receipt(receipt),
                    "files": len(data["prepared"]),
                }
                request.session.set_expiry(settings.COMPLAINT_TRACK_IDLE_SECONDS)

            try:
                file_once(request, form, file)
            except Exception:
                # Nothing was kept (one transaction, stored files removed); say so plainly.
                request.session.pop(RECEIPT_SESSION_KEY, None)
                logger.exception("saving a corruption report failed; nothing was kept")
                messages.error(request, _("บันทึกเรื่องไม่สำเร็จ ระบบไม่ได้เก็บข้อมูลใด ๆ ไว้ โปรดลองส่งใหม่อีกครั้ง"))
                return render(request, "complaints/report.html", {"form": form}, status=503)
            return redirect("complaints:receipt")
    return render(request, "complaints/report.html", {"form": form}, status=400 if form.is_bound else 200)


def _track_key(handle):
    return f"complaint-track:{handle}"


@private_page
def receipt(request):
    """The receipt of the report this browser has just filed: shown once, a reload shows nothing."""
    shown = request.session.pop(RECEIPT_SESSION_KEY, None)
    report = shown and CorruptionReport.objects.filter(pk=shown["report"], purged_at__isnull=True).first()
    if not report:
        messages.info(request, _("ใบรับเรื่องแสดงได้เพียงครั้งเดียว หากท่านจดรหัสติดตามไว้แล้ว ติดตามเรื่องได้ที่นี่"))
        return redirect("complaints:track")
    return render(request, "complaints/receipt.html", {
        "report": report, "receipt_groups": shown["receipt"].split("-"), "file_count": shown["files"],
    })


def _tracked_report(request):
    """The report this browser opened with its receipt, unless the follow-up went idle.

    The session holds only a random handle; which report it opens lives in the cache for the
    idle time, so it is gone the moment the follow-up expires, although the session row stays
    in the database until `clearsessions` runs."""
    handle = request.session.get(TRACK_SESSION_KEY)
    if not handle:
        return None
    report_pk = cache.get(_track_key(handle))
    if report_pk is None:
        request.session.pop(TRACK_SESSION_KEY, None)
        messages.info(request, _("หมดเวลาการติดตามเรื่องเนื่องจากไม่มีการใช้งาน โปรดกรอกรหัสติดตามอีกครั้ง"))
        return None
    cache.set(_track_key(handle), report_pk, settings.COMPLAINT_TRACK_IDLE_SECONDS)
    opened = session.vault_get(request, TRACK_VAULT_SLOT)
    if opened:
        key_id, data_key = opened[:32].decode("ascii"), opened[32:]
        keys.keyring().add(key_id, data_key)
    return CorruptionReport.objects.filter(pk=report_pk, purged_at__isnull=True).first()


@private_page
def track(request):
    form = TrackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if over_limit(request, "complaint-track", form):
            form.is_valid()
            form.add_error(None, _("ลองรหัสติดตามหลายครั้งเกินไป โปรดรอ 15 นาทีแล้วลองใหม่"))
            return render(request, "complaints/track.html", {"form": form}, status=429)
        # Always one lookup, whatever was typed: a malformed code costs what a wrong one does.
        found = CorruptionReport.objects.for_receipt(request.POST.get("receipt", ""))
        if found is None or found.purged_at:
            form.is_valid()
            form.add_error(None, _("รหัสติดตามไม่ถูกต้องหรือไม่พบเรื่อง โปรดตรวจสอบตัวเลขแล้วลองใหม่"))
            return render(request, "complaints/track.html", {"form": form}, status=400)
        request.session.cycle_key()
        handle = secrets.token_urlsafe(32)
        cache.set(_track_key(handle), found.pk, settings.COMPLAINT_TRACK_IDLE_SECONDS)
        request.session[TRACK_SESSION_KEY] = handle
        if found.receipt_data_key:
            session.new_vault(request)
            opened = found.data_key_id.encode("ascii") + found.receipt_data_key
            session.vault_put(request, TRACK_VAULT_SLOT, opened)
        request.session.set_expiry(0)  # a browser-session cookie; the cache times the follow-up out
        return redirect("complaints:track_report")
    return render(request, "complaints/track.html", {"form": form})


@private_page
def track_report(request):
    tracked = _tracked_report(request)
    if tracked is None:
        return redirect("complaints:track")
    posted = request.method == "POST"
    form = ReplyForm(request.POST if posted else None, request.FILES if posted else None)
    limited = posted and over_limit(request, "complaint-reply", form)
    if limited:
        messages.error(request, _("ส่งข้อความบ่อยเกินไป โปรดรอสักครู่แล้วลองใหม่"))
    elif request.method == "POST" and form.is_valid():
        try:
            sent = file_once(request, form, lambda: services.add_message(
                tracked, ReportMessage.Kind.FROM_REPORTER, form.cleaned_data["body"],
                files=form.cleaned_data["prepared"]))
        except Exception:
            logger.exception("saving a reporter's message failed; nothing was kept")
            messages.error(request, _("ส่งข้อความไม่สำเร็จ ระบบไม่ได้เก็บข้อมูลใด ๆ ไว้ โปรดลองใหม่อีกครั้ง"))
        else:
            if sent:
                messages.success(request, _("ส่งข้อความถึงฝ่ายนิติการแล้ว"))
            return redirect("complaints:track_report")
    conversation = tracked.messages.exclude(kind=ReportMessage.Kind.INTERNAL_NOTE).prefetch_related("files")
    return render(request, "complaints/track_report.html", {
        "report": tracked, "timeline": tracked.public_timeline(), "conversation": conversation, "form": form,
        "idle_minutes": settings.COMPLAINT_TRACK_IDLE_SECONDS // 60,
        "acknowledge_days": settings.COMPLAINT_ACKNOWLEDGE_DAYS,
        "conclude_days": settings.COMPLAINT_CONCLUDE_DAYS,
    }, status=429 if limited else 400 if form.is_bound else 200)


@require_POST
@private_page
def track_end(request):
    handle = request.session.pop(TRACK_SESSION_KEY, None)
    if handle:
        cache.delete(_track_key(handle))
    session.vault_drop(request, TRACK_VAULT_SLOT)
    request._vault_forget = True
    request.session.cycle_key()
    messages.info(request, _("ออกจากการติดตามเรื่องแล้ว"))
    return redirect("complaints:track")


def stats(request):
    # Counts only, the same for everyone: a kept fragment (kpp_portal/fragments.py), computed
    # only when it is not kept.
    return render(request, "complaints/stats.html", {"table": fragments.lazy(statistics.yearly_table)})


def stats_csv(request):
    return export_response("csv", "complaint-statistics.csv", statistics.CSV_HEADER,
                           statistics.csv_rows(statistics.yearly_table()))


def stats_json(request):
    return JsonResponse(
        {"rows": statistics.json_rows(statistics.yearly_table())},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
