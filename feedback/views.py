from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kpp_portal import fragments
from kpp_portal.antispam import over_limit
from kpp_portal.forms import file_once

from . import statistics
from .forms import FeedbackForm, FollowUpForm
from .models import FeedbackMessage

SENT_SESSION_KEY = "feedback_sent"


@require_http_methods(["GET", "POST"])
def index(request):
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if over_limit(request, "feedback", form):
            form.add_error(None, _("ส่งเรื่องบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
            status = 429
        elif form.is_valid():

            def submit():
                message, code = FeedbackMessage.submit(
                    **{name: form.cleaned_data[name] for name in FeedbackForm.Meta.fields}
                )
                # Shown once on the next page; never in a URL, so never in a log.
                request.session[SENT_SESSION_KEY] = {"reference": message.reference, "code": code}

            file_once(request, form, submit)
            return redirect("feedback:sent")
        else:
            status = 400
    figures = fragments.lazy(lambda: statistics.current_year_figures(timezone.localdate()))
    return render(request, "feedback/index.html", {"form": form, "figures": figures}, status=status)


@never_cache
def sent(request):
    shown = request.session.pop(SENT_SESSION_KEY, None)
    if not shown:
        messages.info(request, _("เรื่องของท่านส่งถึงเทศบาลแล้ว เลขที่อ้างอิงและรหัสติดตามแสดงเพียงครั้งเดียว"))
        return redirect("feedback:index")
    return render(request, "feedback/sent.html", {"sent": shown})


@never_cache
@require_http_methods(["GET", "POST"])
def follow_up(request):
    # POST only for the lookup: the code must not end up in URLs, history or server logs.
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    found = None
    status = 200
    if request.method == "POST" and form.is_valid():
        if over_limit(request, "feedback-lookup", form):
            form.add_error(None, _("ตรวจสอบบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
            status = 429
        else:
            found = FeedbackMessage.find_for_follow_up(
                form.cleaned_data["reference"], form.cleaned_data["code"]
            )
            if found is None:
                form.add_error(None, _("ไม่พบเรื่องที่ตรงกับเลขที่อ้างอิงและรหัสติดตามนี้ กรุณาตรวจสอบอีกครั้ง"))
                status = 404
    elif request.method == "POST":
        status = 400
    return render(request, "feedback/follow_up.html", {"form": form, "found": found}, status=status)
