from django.conf import settings
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from kpp_portal.exports import export_response
from kpp_portal.models import MunicipalityProfile

from .models import BudgetYear
from .report import COLUMNS, YearFigures


def index(request):
    years = BudgetYear.objects.published().annotate(total=Sum("lines__amount")).order_by("-fiscal_year")
    return render(request, "budget/index.html", {"years": years})


def _year(fiscal_year):
    return get_object_or_404(BudgetYear.objects.published(), fiscal_year=fiscal_year)


def year(request, fiscal_year):
    budget_year = _year(fiscal_year)
    figures = YearFigures(budget_year)
    return render(request, "budget/year.html", {
        "budget_year": budget_year, "figures": figures, "charts": figures.charts(), "total": figures.total(),
        "years": BudgetYear.objects.published().values_list("fiscal_year", flat=True)})


def export(request, fiscal_year, fmt):
    budget_year = _year(fiscal_year)
    figures = YearFigures(budget_year)
    if fmt == "json":
        return JsonResponse(figures.json_document(settings.SITE_URL + budget_year.get_absolute_url()),
                            json_dumps_params={"ensure_ascii": False, "indent": 1})
    return export_response(fmt, f"budget-{fiscal_year}.{fmt}", COLUMNS, figures.rows(),
                           title=[str(budget_year), MunicipalityProfile.current().name_th],
                           sheet_name=f"budget-{fiscal_year}")
