
from django.conf import settings
from django.db.models import Count, Prefetch, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kpp_portal import filing, fragments, thai
from kpp_portal.exports import export_response
from kpp_portal.models import MunicipalityProfile
from kpp_portal.notices import pdf_response
from kpp_portal.pagecache import reads_query
from kpp_portal.paging import page_of

from . import monthly, notices, ocds
from .forms import AnnouncementFilterForm, HearingCommentForm, PlanFilterForm
from .models import (
    Announcement,
    AnnouncementKind,
    Award,
    ProcurementPlan,
    ProcurementProject,
    ProcurementThreshold,
    ProcurementYearReview,
)
from .reports import annual_figures


def index(request):
    # Newest first: a query with GROUP BY ignores Meta.ordering.
    plans = list(ProcurementPlan.objects.published().annotate(
        item_count=Count("items"), total=Sum("items__budget")).order_by("-fiscal_year"))
    latest = (Announcement.objects.published().exclude(kind=AnnouncementKind.DRAFT_TOR)
              .select_related("project").order_by("-announced_on", "-pk")[:10])
    hearings = (Announcement.objects.published().open_for_comment()
                .select_related("project").order_by("hearing_closes_on"))
    months = (Award.objects.published().annotate(month=TruncMonth("contract_date"))
              .values_list("month", flat=True).distinct().order_by("-month")[:12])
    return render(request, "procurement/index.html", {
        "plans": plans, "latest": latest, "hearings": hearings,
        "months": [(month.year, month.month, thai.format_thai_month(month.year, month.month),
                    thai.be_year(month.year)) for month in months],
    })


@reads_query("method", "division", "page")
def plan(request, fiscal_year):
    # Kept like a fragment, so a kept page runs no query (an unknown year is looked up each time).
    plan = fragments.cached("procurement:plan-row", [fiscal_year],
                            ProcurementPlan.objects.published().filter(fiscal_year=fiscal_year).first)
    if plan is None:
        raise Http404
    return render(request, "procurement/plan.html", {
        "plan": plan, "fragment_query": fragments.page_query(request),
        "listing": fragments.section(lambda: _plan_listing(request, plan, fiscal_year))})


PLAN_COLUMNS = ["fiscal_year_be", "title", "budget", "source_of_funds", "method", "planned_month", "division"]


def plan_export(request, fiscal_year, fmt):
    """The whole published plan as open data (the one exporter), one row per item."""
    plan = get_object_or_404(ProcurementPlan.objects.published(), fiscal_year=fiscal_year)
    items = plan.items.order_by("planned_month", "pk")
    rows = ((fiscal_year, item.title, item.budget, item.get_source_of_funds_display(),
             item.get_method_display(), item.planned_month.strftime("%Y-%m"), item.division)
            for item in items)
    return export_response(fmt, f"procurement-plan-{fiscal_year}.{fmt}", PLAN_COLUMNS, rows,
                           title=[str(plan), MunicipalityProfile.current().name_th])


def _plan_listing(request, plan, fiscal_year):
    items = plan.items.all()
    divisions = items.order_by("division").values_list("division", flat=True).distinct()
    filters = PlanFilterForm(request.GET or None, divisions=divisions)
    if filters.is_valid():
        if filters.cleaned_data["method"]:
            items = items.filter(method=filters.cleaned_data["method"])
        if filters.cleaned_data["division"]:
            items = items.filter(division=filters.cleaned_data["division"])
    totals = items.aggregate(total=Sum("budget"), count=Count("pk"))
    items = items.select_related("revision").prefetch_related(
        Prefetch(
            "projects",
            queryset=ProcurementProject.objects.order_by("pk").only("pk", "egp_number", "plan_item"),
        )
    )
    page = page_of(items, request)
    rules = ProcurementThreshold.objects.in_force(fiscal_year)
    rows = [(item, item.threshold_warning(rules)) for item in page]
    return {
        "revisions": plan.revisions.all(), "filters": filters, "page": page, "rows": rows,
        "totals": totals, "rules": sorted(rules.values(), key=lambda r: r.method),
    }


def project(request, pk):
    project = get_object_or_404(
        ProcurementProject.objects.published().select_related("plan_item__plan"), pk=pk)
    award = Award.objects.filter(project=project).select_related("winning_bid").first()
    progress = list(award.progress.all()) if award else []
    return render(request, "procurement/project.html", {
        "project": project,
        "announcements": project.announcements.filter(announced_on__lte=timezone.localdate()),
        "bids": project.bids.all(),
        "items": project.items.all(),
        # Names and positions only: the signed forms stay with the project's file.
        "committee": project.committee.only("name", "position", "role", "declared_on", "declaration"),
        "award": award,
        "progress": progress,
        "summary": award.progress_summary(progress) if award else None,
        # The process's record package, once OCDS is published (a registered ocid prefix).
        "ocid": ocds.ocid(project.plan_item) if settings.OCDS_OCID_PREFIX else None,
    })


def progress(request, fiscal_year):
    """Every contract signed in a fiscal year and where it stands: signed, in progress,
    delivered and inspected, paid."""
    get_object_or_404(ProcurementPlan.objects.published(), fiscal_year=fiscal_year)
    awards = list(Award.objects.published().in_fiscal_year(fiscal_year)
                  .select_related("project", "winning_bid").prefetch_related("progress")
                  .order_by("contract_date", "pk"))
    rows = [(award, *award.progress_summary()) for award in awards]
    return render(request, "procurement/progress.html", {"fiscal_year": fiscal_year, "rows": rows})


@require_http_methods(["GET", "POST"])
def hearing(request, pk):
    announcement = get_object_or_404(
        Announcement.objects.published().select_related("project"), pk=pk, kind=AnnouncementKind.DRAFT_TOR)
    form = HearingCommentForm(request.POST if request.method == "POST" else None,
                              announcement=announcement)

    def page(status):
        return render(request, "procurement/hearing.html", {
            "announcement": announcement, "project": announcement.project,
            "is_open": announcement.is_open_for_comment(), "form": form,
            "answered": announcement.comments.exclude(response="").order_by("submitted_at", "pk"),
            "comment_count": announcement.comments.count(),
        }, status=status)

    return filing.answer(
        request, form, limit="procurement-hearing", file=form.save, page=page,
        then=reverse("procurement:hearing", args=[announcement.pk]),
        too_often=_("ส่งความคิดเห็นบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"),
        filed_message=_("ได้รับความคิดเห็นของท่านแล้ว เจ้าหน้าที่พัสดุจะพิจารณาและชี้แจงในหน้านี้"))


@reads_query("kind", "page")
def announcements(request):
    listed = Announcement.objects.published().select_related("project").order_by("-announced_on", "-pk")
    filters = AnnouncementFilterForm(request.GET or None)
    if filters.is_valid() and filters.cleaned_data["kind"]:
        listed = listed.filter(kind=filters.cleaned_data["kind"])
    page = page_of(listed, request)
    return render(request, "procurement/announcements.html", {"page": page, "filters": filters})


def _month_or_404(year_be, month):
    if not (1 <= month <= 12 and 2400 <= year_be <= 2800):
        raise Http404
    return thai.ce_year(year_be), month


def monthly_index(request):
    months = (Award.objects.published().annotate(month=TruncMonth("contract_date"))
              .values("month").annotate(count=Count("pk"), total=Sum("contract_amount")).order_by("-month"))
    return render(request, "procurement/monthly_index.html", {"months": [
        {**row, "label": thai.format_thai_month(row["month"].year, row["month"].month),
         "year_be": thai.be_year(row["month"].year)} for row in months]})


def monthly_results(request, year_be, month, file_format="html"):
    year_ce, month = _month_or_404(year_be, month)
    table = list(monthly.rows(monthly.awards_of_month(year_ce, month)))
    if file_format == "pdf":
        return pdf_response(notices.monthly_pdf(year_ce, month, table),
                            f"sor-kor-ror-1-{year_be}-{month:02d}.pdf")
    if file_format in ("csv", "xlsx"):
        return monthly.export(file_format, year_ce, month, table, MunicipalityProfile.current().name_th)
    return render(request, "procurement/monthly.html", {
        "title": monthly.page_title(year_ce, month), "columns": monthly.headings(),
        # Each cell with its column's heading, for the card layout on a phone.
        "table": [list(zip(monthly.headings(), row, strict=True)) for row in table],
        "year_be": year_be, "month": month,
    })


def annual_report(request, fiscal_year):
    get_object_or_404(ProcurementPlan.objects.published(), fiscal_year=fiscal_year)
    return render(request, "procurement/annual_report.html", {
        "figures": annual_figures(fiscal_year),
        "review": ProcurementYearReview.objects.filter(fiscal_year=fiscal_year).first(),
    })


def open_data(request):
    # Only years with items have a package (an empty plan has no release).
    years = (ProcurementPlan.objects.published().filter(items__isnull=False).distinct()
             .values_list("fiscal_year", flat=True))
    # The gettext calls sit outside the f-string: xgettext does not look inside one.
    year, item = _("ปีงบประมาณ"), _("เลขรายการในแผน")
    pattern = reverse("procurement:ocds_record", args=["OCID"]).replace(
        "OCID", f"{settings.OCDS_OCID_PREFIX}-<{year}>-<{item}>")
    return render(request, "procurement/open_data.html", {"years": years, "record_pattern": pattern,
                                                          "ocds_ready": bool(settings.OCDS_OCID_PREFIX)})


def ocds_package(request, fiscal_year, records=False):
    if not settings.OCDS_OCID_PREFIX:  # no ocid prefix registered yet: nothing that looks real
        raise Http404
    # A package holds at least one release (the schema says so): a plan without items has none.
    get_object_or_404(ProcurementPlan.objects.published().filter(items__isnull=False).distinct(),
                      fiscal_year=fiscal_year)
    chunks = ocds.record_package_chunks(fiscal_year) if records else ocds.package_chunks(fiscal_year)
    response = StreamingHttpResponse((chunk.encode("utf-8") for chunk in chunks),
                                     content_type="application/json; charset=utf-8")
    name = f"ocds-{fiscal_year}-records.json" if records else f"ocds-{fiscal_year}.json"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def ocds_record(request, ocid):
    package = ocds.record_package(ocid)  # None without a registered prefix, or for no such process
    if package is None:
        raise Http404
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'inline; filename="{ocid}.json"'
    return response

