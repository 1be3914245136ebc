import io

from django.conf import settings
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from kpp_portal import fragments, thai
from kpp_portal.charts import Bar, BarChart
from kpp_portal.exports import export_response
from kpp_portal.pagecache import reads_query
from kpp_portal.paging import page_of

from . import charts, exports, gifts
from .checklists import DOCUMENTS_PER_ITEM, checklist_rows
from .forms import CatalogueFilterForm
from .models import (
    NACC_GIFT_LIMIT,
    AssessmentYear,
    Category,
    Document,
    EITSurvey,
    EthicsActivity,
    EthicsAssessment,
    Indicator,
    IndicatorValue,
    IntegrityMeasure,
    ITAAnalysis,
    MeasureUpdate,
    RiskEntry,
)


def _catalogue(request):
    """(form, documents) for the catalogue and its open-data exports: the same filters."""
    categories = list(Category.objects.all())
    years = list(
        Document.objects.published().order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct()
    )
    form = CatalogueFilterForm(request.GET or None, categories=categories, years=years)
    documents = form.filter(Document.objects.published().select_related("category"))
    return form, documents


def _catalogue_page(request):
    form, documents = _catalogue(request)
    return {"form": form, "page": page_of(documents, request),
            "latest_year": AssessmentYear.objects.current()}


@reads_query("q", "category", "year", "oit", "page")
def index(request):
    # The open-data links carry the same filters, without the page number.
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "disclosures/index.html", {
        "query": query.urlencode(),
        "fragment_query": fragments.page_query(request),
        "catalogue": fragments.section(lambda: _catalogue_page(request)),
    })


def _visible_document(request, pk):
    """A published document; editors may also see one that is not published yet (preview)."""
    document = get_object_or_404(Document.objects.select_related("category"), pk=pk)
    if not document.is_public and not request.user.has_perm("disclosures.view_document"):
        raise Http404
    return document


def document_detail(request, pk, slug=None):
    document = _visible_document(request, pk)
    if slug != document.slug:
        # The id is the stable part; an old or missing title part leads to the current URL.
        return redirect(document, permanent=True)
    oit_items = document.oit_items.filter(assessment_year__confirmed_at__isnull=False).order_by(
        "-assessment_year", "order")
    return render(request, "disclosures/document_detail.html", {"document": document, "oit_items": oit_items})


def document_download(request, pk, slug):
    document = _visible_document(request, pk)
    if not document.attachment:
        raise Http404
    try:
        handle = document.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # PDFs and images open in the browser; office files download. Both under their real name.
    inline = document.content_type == "application/pdf" or document.content_type.startswith("image/")
    return FileResponse(
        handle,
        as_attachment=not inline,
        filename=document.original_filename or document.attachment.name.rsplit("/", 1)[-1],
        content_type=document.content_type or "application/octet-stream",
    )


CATALOGUE_HEADER = ["id", "title", "category", "category_slug", "fiscal_year_be", "publication_date",
                    "summary", "url", "file_url", "file_type", "file_size", "external_url"]


def _catalogue_records(documents):
    for document in documents.iterator(chunk_size=2000):
        yield {
            "id": document.pk,
            "title": document.title,
            "category": document.category.name,
            "category_slug": document.category.slug,
            "fiscal_year_be": document.fiscal_year,
            "publication_date": document.publication_date.isoformat(),
            "summary": document.summary,
            "url": exports.absolute(document.get_absolute_url()),
            "file_url": exports.absolute(document.get_download_url()) if document.attachment else "",
            "file_type": document.content_type,
            "file_size": document.file_size,
            "external_url": document.external_url,
        }


@reads_query("q", "category", "year", "oit")
def catalogue_csv(request):
    _form, documents = _catalogue(request)
    rows = ([record[column] for column in CATALOGUE_HEADER] for record in _catalogue_records(documents))
    return export_response("csv", "disclosures-catalogue.csv", CATALOGUE_HEADER, rows)


@reads_query("q", "category", "year", "oit")
def catalogue_json(request):
    _form, documents = _catalogue(request)
    return JsonResponse(
        {"source": settings.SITE_URL, "documents": list(_catalogue_records(documents))},
        json_dumps_params={"ensure_ascii": False},
    )


def open_data(request):
    return render(request, "disclosures/open_data.html", {"categories": Category.objects.all()})


def _sees_drafts(request):
    """Staff who keep the checklist also see years not yet confirmed against the NACC manual.
    A reader without a session is not asked who they are: reading request.user would mark the
    page as varying by cookie, and it could no longer be cached for everyone."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.has_perm("disclosures.view_oititem")


def _assessment_years(request):
    """Years with items the visitor may see, newest first: confirmed ones, and drafts for staff."""
    years = AssessmentYear.objects.filter(items__isnull=False).distinct().order_by("-year")
    if not _sees_drafts(request):
        years = years.confirmed()
    return list(years)


def _visible_year(request, assessment_year):
    assessment = get_object_or_404(AssessmentYear, year=assessment_year)
    if not (assessment.is_confirmed or _sees_drafts(request)):
        raise Http404
    return assessment


def checklist_latest(request):
    """The newest year confirmed against the NACC manual (staff without one: the newest draft)."""
    current = AssessmentYear.objects.current()
    if current:
        return redirect("disclosures:checklist", assessment_year=current.year)
    years = _assessment_years(request)
    confirmed = [year for year in years if year.is_confirmed]
    if not (confirmed or years):
        raise Http404
    return redirect("disclosures:checklist", assessment_year=(confirmed or years)[0].year)


def _year_with_items(assessment_year):
    assessment = AssessmentYear.objects.filter(year=assessment_year).first()
    return assessment, bool(assessment and assessment.items.exists())


def _checklist(request, assessment_year):
    rows = checklist_rows(assessment_year, documents_per_item=DOCUMENTS_PER_ITEM)
    return {"rows": rows, "met": sum(row.is_met for row in rows),
            "partial": sum(row.is_partial for row in rows), "total": len(rows),
            "years": _assessment_years(request)}


def checklist(request, assessment_year):
    # Kept like a fragment, so a kept page runs no query.
    assessment, has_items = fragments.cached("disclosures:assessment-year", [assessment_year],
                                             lambda: _year_with_items(assessment_year))
    if not (has_items and (assessment.is_confirmed or _sees_drafts(request))):
        raise Http404
    # A confirmed year's table is a kept fragment (kpp_portal/fragments.py); a draft is staff's
    # alone and always rendered (its vary value is None).
    response = render(request, "disclosures/checklist.html", {
        "year": assessment_year,
        "assessment_year": assessment,
        "checklist": fragments.section(lambda: _checklist(request, assessment_year)),
        "fragment_vary": assessment_year if assessment.is_confirmed and not _sees_drafts(request) else None,
    })
    if not assessment.is_confirmed:
        patch_cache_control(response, private=True, no_store=True)
    return response



def checklist_export(request, assessment_year, fmt):
    assessment = _visible_year(request, assessment_year)
    rows = checklist_rows(assessment_year)
    if not rows:
        raise Http404
    # A draft sheet says so in its name: it must not be mistaken for the confirmed list.
    draft = not assessment.is_confirmed
    response = exports.checklist_response(fmt, assessment_year, rows, draft=draft)
    if draft:
        patch_cache_control(response, private=True, no_store=True)
    return response


@reads_query("year")
def integrity(request):
    published = Document.objects.published().select_related("category")
    measures = IntegrityMeasure.objects.prefetch_related(
        Prefetch("updates", queryset=MeasureUpdate.objects.prefetch_related(
            Prefetch("documents", queryset=published, to_attr="published_documents"))),
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("order")))),
    )
    measures = list(measures)
    for measure in measures:
        for indicator in measure.indicators.all():
            title = _("%(title)s (ปีงบประมาณ %(year)s)") % {
                "title": indicator.title, "year": indicator.fiscal_year}
            bars = [Bar(row.label, (row.value,), notes=(row.level,)) for row in indicator.values.all()]
            indicator.chart = BarChart(
                title, bars, label_heading=_("ช่วงที่วัด"), series=(indicator.unit,),
                note_headings=(_("ระดับความรู้"),), scale=100,  # the values are percentages
            )
    return render(request, "disclosures/integrity.html", {
        "measures": measures,
        "analyses": ITAAnalysis.objects.only("assessment_year", "score", "level"),
    })


def _newest(queryset):
    """A redirect to the newest record's page (the model's ordering says which), or 404."""
    newest = queryset.first()
    if newest is None:
        raise Http404
    return redirect(newest)


def ita_analysis_latest(request):
    return _newest(ITAAnalysis.objects.all())


def ita_analysis(request, assessment_year):
    """One year's analysis of its ITA result and the measures taken: its own page."""
    published = Document.objects.published()
    analyses = ITAAnalysis.objects.prefetch_related(
        Prefetch("documents", queryset=published, to_attr="published_documents"))
    analysis = get_object_or_404(analyses, assessment_year=assessment_year)
    return render(request, "disclosures/ita_analysis.html", {
        "analysis": analysis,
        "rows": analysis.rows.order_by("order"),
        "years": list(ITAAnalysis.objects.values_list("assessment_year", flat=True)),
    })


def ethics(request):
    """The code of ethics and its Do's & Don'ts (versioned pages), activities and assessments."""
    from municipality.models import Page

    published = Document.objects.published()
    evidence = Prefetch("documents", queryset=published, to_attr="published_documents")
    activities = EthicsActivity.objects.exclude(kind=EthicsActivity.Kind.NO_GIFT).prefetch_related(evidence)
    return render(request, "disclosures/ethics.html", {
        "pages": Page.objects.filter(is_published=True,
                                     kind__in=[Page.Kind.ETHICS_CODE, Page.Kind.ETHICS_GUIDE])
                             .only("kind", "title", "updated_at"),
        "activities": _by_fiscal_year(activities, lambda activity: activity.fiscal_year),
        "assessments": EthicsAssessment.objects.prefetch_related(evidence),
    })


def _by_fiscal_year(records, year_of):
    """[(fiscal year, [records])], newest year first, records in their own order."""
    grouped = {}
    for record in records:
        grouped.setdefault(year_of(record), []).append(record)
    return sorted(grouped.items(), reverse=True)


def no_gift(request):
    """The No Gift Policy: each year's declaration, culture activities and the gift report."""
    published = Document.objects.published()
    return render(request, "disclosures/no_gift.html", {
        "years": gifts.yearly_report(),
        "activities": _by_fiscal_year(
            EthicsActivity.objects.filter(kind=EthicsActivity.Kind.NO_GIFT).prefetch_related(
                Prefetch("documents", queryset=published, to_attr="published_documents")),
            lambda activity: activity.fiscal_year),
        "limit": NACC_GIFT_LIMIT,
    })


def no_gift_year(request, fiscal_year):
    report = gifts.year_report(fiscal_year)
    if report is None:
        raise Http404
    return render(request, "disclosures/no_gift_year.html", {"report": report, "limit": NACC_GIFT_LIMIT})


def no_gift_export(request, fiscal_year, fmt):
    report = gifts.year_report(fiscal_year)
    if report is None:
        raise Http404
    return exports.gift_register_response(fmt, report)


def eit_latest(request):
    current = AssessmentYear.objects.current()
    surveys = EITSurvey.objects.all()
    if current and surveys.filter(assessment_year=current.year).exists():
        surveys = surveys.filter(assessment_year=current.year)
    return _newest(surveys)


def eit(request, assessment_year):
    survey = get_object_or_404(EITSurvey, assessment_year=assessment_year)
    return render(request, "disclosures/eit.html", {"survey": survey, "is_open": survey.is_open()})


def eit_qr(request, assessment_year):
    """The survey's link as a QR code, drawn here as SVG: no third-party QR service sees who scans."""
    import qrcode
    import qrcode.image.svg

    survey = get_object_or_404(EITSurvey, assessment_year=assessment_year)
    image = qrcode.make(survey.url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def _risk_years():
    return list(RiskEntry.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct())


def risks_latest(request):
    years = _risk_years()
    if not years:
        return render(request, "disclosures/risks.html", {"entries": [], "years": []})
    return redirect("disclosures:risks", fiscal_year=years[0])


def risks(request, fiscal_year):
    entries = list(RiskEntry.objects.filter(fiscal_year=fiscal_year).order_by("-likelihood", "-impact", "pk"))
    if not entries:
        raise Http404
    return render(request, "disclosures/risks.html", {
        "year": fiscal_year,
        "entries": entries,
        "matrix": charts.risk_matrix(entries),
        "years": _risk_years(),
        "fiscal_range": thai.fiscal_year_range(fiscal_year),
    })
