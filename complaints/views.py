"""Public side of the anti-corruption channel: entrance, manual, report form, receipt,
follow-up, statistics. Nothing here records who the visitor is."""
import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kpp_portal import filing, fragments
from kpp_portal.antispam import over_limit
from kpp_portal.exports import export_response

from . import crypto, keys, services, session, statistics
from .forms import ReplyForm, ReportForm, TrackForm
from .models import CorruptionReport, ReportMessage

TRACK_SESSION_KEY = "complaint_track"
# The vault slot (session.py) holding the tracked report's data key, opened by the receipt.
TRACK_VAULT_SLOT = "track"


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
    """The form, and the answer to its POST: the receipt itself.

    The receipt opens the report, so it goes nowhere but into this one response: not into the
    session, a cache or a log, where a copy of the server (or the old row versions a database
    keeps on disk) would hold it. A repeat of the same POST (reload, back and resend) files
    nothing and shows no receipt: the browser history of a shared computer replays nothing."""
    posted = request.method == "POST"
    form = ReportForm(request.POST if posted else None, request.FILES if posted else None)

    def file():
        data = form.cleaned_data
        return data, services.file_report(
            category=data["category"], description=data["description"], accused=form.accused_text(),
            when_where=data["when_where"], reporter_identity=data["reporter_name"],
            reporter_contact=data["reporter_contact"], files=data["prepared"],
        )

    def receipt(filed):
        data, (report, code) = filed
        return render(request, "complaints/receipt.html", {
            "report": report, "file_count": len(data["prepared"]),
            "receipt_groups": crypto.format_receipt(code).split("-"),
        })

    return filing.answer(
        request, form, limit="complaint-submit", file=file, then=receipt,
        repeat=lambda: render(request, "complaints/filed_once.html", status=409),
        too_often=_("มีการส่งเรื่องจากเครือข่ายนี้บ่อยเกินไป โปรดรอสักครู่แล้วลองใหม่ หรือใช้ช่องทางอื่นด้านล่าง"),
        page=lambda status: render(request, "complaints/report.html", {"form": form}, status=status))


@private_page
def receipt(request):
    """The receipt's old address: the receipt is only ever in the answer to the report's POST."""
    messages.info(request, _("ใบรับเรื่องแสดงได้เพียงครั้งเดียว หากท่านจดรหัสติดตามไว้แล้ว ติดตามเรื่องได้ที่นี่"))
    return redirect("complaints:track")


def _tracked_report(request):
    """The report this browser opened with its receipt, unless the follow-up went idle.

    Which report it is lives in the session vault (session.py), sealed under a key only the
    browser's cookie holds: a copy of the database cannot tell which report a session follows,
    and no cache has to be up for a follow-up to work. The session keeps the time of the last
    page, so an idle follow-up is refused even while the browser still sends its cookie."""
    seen = request.session.get(TRACK_SESSION_KEY)
    opened = session.vault_get(request, TRACK_VAULT_SLOT) if seen else None
    if not opened or time.time() - seen > settings.COMPLAINT_TRACK_IDLE_SECONDS:
        if seen:
            request.session.pop(TRACK_SESSION_KEY, None)
            session.vault_drop(request, TRACK_VAULT_SLOT)
            messages.info(request, _("หมดเวลาการติดตามเรื่องเนื่องจากไม่มีการใช้งาน โปรดกรอกรหัสติดตามอีกครั้ง"))
        return None
    request.session[TRACK_SESSION_KEY] = time.time()
    report_pk, _separator, data_key = opened.partition(b"|")
    if data_key:
        keys.keyring().add(data_key[:32].decode("ascii"), data_key[32:])
    return CorruptionReport.objects.filter(pk=int(report_pk), purged_at__isnull=True).first()


@private_page
def track(request):
    form = TrackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if over_limit(request, "complaint-track", form):
            filing.refuse_too_often(form, _("ลองรหัสติดตามหลายครั้งเกินไป โปรดรอ 15 นาทีแล้วลองใหม่"))
            return render(request, "complaints/track.html", {"form": form}, status=429)
        # A code that is not 25 digits opens nothing: it gets a wrong code's answer without the
        # Argon2id a well-formed one costs (the cheap check first). Every well-formed code costs
        # the same lookup, right or wrong.
        typed = request.POST.get("receipt", "")
        found = CorruptionReport.objects.for_receipt(typed) if crypto.normalise_receipt(typed) else None
        if found is None or found.purged_at:
            form.is_valid()
            form.add_error(None, _("รหัสติดตามไม่ถูกต้องหรือไม่พบเรื่อง โปรดตรวจสอบตัวเลขแล้วลองใหม่"))
            return render(request, "complaints/track.html", {"form": form}, status=400)
        request.session.cycle_key()
        session.new_vault(request)
        opened = str(found.pk).encode("ascii") + b"|"
        if found.receipt_data_key:
            opened += found.data_key_id.encode("ascii") + found.receipt_data_key
        session.vault_put(request, TRACK_VAULT_SLOT, opened)
        request.session[TRACK_SESSION_KEY] = time.time()
        request.session.set_expiry(0)  # a browser-session cookie; _tracked_report times the follow-up out
        return redirect("complaints:track_report")
    return render(request, "complaints/track.html", {"form": form})


@private_page
def track_report(request):
    tracked = _tracked_report(request)
    if tracked is None:
        return redirect("complaints:track")
    posted = request.method == "POST"
    form = ReplyForm(request.POST if posted else None, request.FILES if posted else None)

    def page(status):
        conversation = tracked.messages.exclude(kind=ReportMessage.Kind.INTERNAL_NOTE)
        return render(request, "complaints/track_report.html", {
            "report": tracked, "timeline": tracked.public_timeline(),
            "conversation": conversation.prefetch_related("files"),
            "form": form, "idle_minutes": settings.COMPLAINT_TRACK_IDLE_SECONDS // 60,
            "acknowledge_days": settings.COMPLAINT_ACKNOWLEDGE_DAYS,
            "conclude_days": settings.COMPLAINT_CONCLUDE_DAYS,
        }, status=status)

    return filing.answer(
        request, form, limit="complaint-reply", page=page, then="complaints:track_report",
        file=lambda: services.add_message(tracked, ReportMessage.Kind.FROM_REPORTER,
                                          form.cleaned_data["body"], files=form.cleaned_data["prepared"]),
        too_often=_("ส่งข้อความบ่อยเกินไป โปรดรอสักครู่แล้วลองใหม่"),
        filed_message=_("ส่งข้อความถึงฝ่ายนิติการแล้ว"))


@require_POST
@private_page
def track_end(request):
    request.session.pop(TRACK_SESSION_KEY, None)
    session.vault_drop(request, TRACK_VAULT_SLOT)
    request._vault_forget = True
    request.session.cycle_key()
    messages.info(request, _("ออกจากการติดตามเรื่องแล้ว"))
    return redirect("complaints:track")


def stats(request):
    # Counts only, the same for everyone, up to the end of the last closed month: a kept
    # fragment (kpp_portal/fragments.py) per closed month, computed only when it is not kept.
    until = statistics.published_until()
    return render(request, "complaints/stats.html", {
        "until": until, "counts": fragments.section(lambda: {"table": statistics.yearly_table(until)})})


def stats_csv(request):
    until = statistics.published_until()
    return export_response("csv", f"complaint-statistics-{until.isoformat()}.csv", statistics.CSV_HEADER,
                           statistics.csv_rows(statistics.yearly_table(until), until))


def stats_json(request):
    until = statistics.published_until()
    return JsonResponse(
        {"counted_until": until.isoformat(), "rows": statistics.json_rows(statistics.yearly_table(until))},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
