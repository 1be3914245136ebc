from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kpp_portal import filing, fragments
from kpp_portal.antispam import over_limit

from . import statistics
from .forms import FeedbackForm, FollowUpForm
from .models import FeedbackMessage


@require_http_methods(["GET", "POST"])
def index(request):
    form = FeedbackForm(request.POST if request.method == "POST" else None)

    def file():
        said = {name: form.cleaned_data[name] for name in FeedbackForm.Meta.fields}
        message, code = FeedbackMessage.submit(**said)
        filing.keep(request, "feedback", {"reference": message.reference, "code": code})

    # The year's figures, kept with the page's other kept parts (one store, one generation).
    figures = fragments.section(lambda: {"figures": statistics.current_year_figures(timezone.localdate())})
    return filing.answer(
        request, form, limit="feedback", file=file, then="feedback:sent",
        page=lambda status: render(request, "feedback/index.html", {"form": form, "figures_section": figures},
                                   status=status))


sent = filing.shown_once_view(
    "feedback", "feedback/sent.html", back="feedback:index",
    note=gettext_lazy("เรื่องของท่านส่งถึงเทศบาลแล้ว เลขที่อ้างอิงและรหัสติดตามแสดงเพียงครั้งเดียว"))


@never_cache
@require_http_methods(["GET", "POST"])
def follow_up(request):
    # POST only for the lookup: the code must not end up in URLs, history or server logs.
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    found = None
    status = 200
    if request.method == "POST" and form.is_valid():
        if over_limit(request, "feedback-lookup", form):
            filing.refuse_too_often(form, _("ตรวจสอบบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
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
