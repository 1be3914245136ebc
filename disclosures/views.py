from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kpp_portal import thai
from kpp_portal.charts import Bar, BarChart
from kpp_portal.exports import export_response

from . import charts, exports
from .checklists import DOCUMENTS_PER_ITEM, checklist_rows
from .forms import AnalysisYearForm, CatalogueFilterForm
from .models import (
    Category,
    Document,
    Indicator,
    IndicatorValue,
    IntegrityMeasure,
    ITAAnalysisRow,
    MeasureUpdate,
    OITItem,
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


def index(request):
    form, documents = _catalogue(request)
    page = Paginator(documents, settings.DISCLOSURES_PAGE_SIZE).get_page(request.GET.get("page"))
    # The open-data links carry the same filters, without the page number.
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "disclosures/index.html", {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "latest_year": (
            OITItem.objects.order_by("-assessment_year").values_list("assessment_year", flat=True).first()
        ),
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
    oit_items = document.oit_items.order_by("-assessment_year", "order")
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


def catalogue_csv(request):
    _form, documents = _catalogue(request)
    rows = ([record[column] for column in CATALOGUE_HEADER] for record in _catalogue_records(documents))
    return export_response("csv", "disclosures-catalogue.csv", CATALOGUE_HEADER, rows)


def catalogue_json(request):
    _form, documents = _catalogue(request)
    return JsonResponse(
        {"source": settings.SITE_URL, "documents": list(_catalogue_records(documents))},
        json_dumps_params={"ensure_ascii": False},
    )


def open_data(request):
    return render(request, "disclosures/open_data.html", {"categories": Category.objects.all()})


def _assessment_years():
    return list(
        OITItem.objects.order_by("-assessment_year").values_list("assessment_year", flat=True).distinct()
    )


def checklist_latest(request):
    years = _assessment_years()
    if not years:
        raise Http404
    return redirect("disclosures:checklist", year=years[0])


def checklist(request, year):
    rows = checklist_rows(year, documents_per_item=DOCUMENTS_PER_ITEM)
    if not rows:
        raise Http404
    met = sum(row.is_met for row in rows)
    return render(request, "disclosures/checklist.html", {
        "year": year,
        "rows": rows,
        "met": met,
        "total": len(rows),
        "years": _assessment_years(),
    })


def checklist_export(request, year, fmt):
    rows = checklist_rows(year)
    if not rows:
        raise Http404
    return exports.checklist_response(fmt, year, rows)


def integrity(request):
    published = Document.objects.published().select_related("category")
    measures = IntegrityMeasure.objects.prefetch_related(
        Prefetch("updates", queryset=MeasureUpdate.objects.prefetch_related(
            Prefetch("documents", queryset=published, to_attr="published_documents"))),
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("order")))),
    )
    analysis_years = list(
        ITAAnalysisRow.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct()
    )
    analysis_year = _chosen_year(request.GET.get("year"), analysis_years)
    analysis = ITAAnalysisRow.objects.filter(fiscal_year=analysis_year).order_by("order")
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
        "analysis": list(analysis),
        "analysis_year": analysis_year,
        "year_form": AnalysisYearForm(years=analysis_years, initial={"year": analysis_year}),
    })


def _chosen_year(raw, years):
    """The year asked for if there is data for it, else the latest one."""
    try:
        year = int(raw)
    except (TypeError, ValueError):
        year = None
    if year in years:
        return year
    return years[0] if years else None


def _risk_years():
    return list(RiskEntry.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct())


def risks_latest(request):
    years = _risk_years()
    if not years:
        return render(request, "disclosures/risks.html", {"entries": [], "years": []})
    return redirect("disclosures:risks", year=years[0])


def risks(request, year):
    entries = list(RiskEntry.objects.filter(fiscal_year=year).order_by("-likelihood", "-impact", "pk"))
    if not entries:
        raise Http404
    return render(request, "disclosures/risks.html", {
        "year": year,
        "entries": entries,
        "matrix": charts.risk_matrix(entries),
        "years": _risk_years(),
        "fiscal_range": thai.fiscal_year_range(year),
    })
