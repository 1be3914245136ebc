from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _

from kpp_portal import importing
from kpp_portal.exports import FORMATS, export_response

from .importing import COLUMNS, BudgetImportForm
from .models import BudgetLine, BudgetYear

IMPORT_SESSION_KEY = "budget-line-import"


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ("plan", "programme", "category", "amount", "spent_half", "spent_year")


@admin.register(BudgetYear)
class BudgetYearAdmin(admin.ModelAdmin):
    list_display = ("fiscal_year", "enacted_on", "published_on", "half_report_on", "year_report_on")
    inlines = [BudgetLineInline]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ("plan", "programme", "category", "amount", "spent_half", "spent_year", "budget_year")
    list_filter = ("budget_year", "category")
    search_fields = ("plan", "programme")
    list_select_related = ("budget_year",)
    change_list_template = "budget/admin/budgetline_changelist.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [path("import/", wrap(self.import_view), name="budget_budgetline_import"),
                path("import/sheet.<str:fmt>", wrap(self.sheet_view), name="budget_budgetline_sheet"),
                ] + super().get_urls()

    def sheet_view(self, request, fmt):
        """The newest year's lines under the import's headings: the sheet a spending report is
        filled into and imported back."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if fmt not in FORMATS:
            raise Http404
        year = BudgetYear.objects.order_by("-fiscal_year").first()
        lines = year.lines.all() if year else []
        rows = [[line.plan, line.programme, line.get_category_display(), line.amount, line.spent_half,
                 line.spent_year] for line in lines]
        name = f"budget-{year.fiscal_year if year else 'sample'}-import.{fmt}"
        return export_response(fmt, name, list(COLUMNS.values()), rows, sheet_name="budget")

    def import_view(self, request):
        """Upload → preview with row-level errors → confirm; nothing is saved unless every row is valid."""
        return importing.import_view(
            self, request, BudgetImportForm, IMPORT_SESSION_KEY,
            title=_("นำเข้ารายการงบประมาณและผลการเบิกจ่ายจากไฟล์"),
            samples=[(_("รายการของปีล่าสุด %(format)s") % {"format": fmt.upper()},
                      reverse("admin:budget_budgetline_sheet", args=[fmt])) for fmt in FORMATS],
            done_url=lambda target: (reverse("admin:budget_budgetline_changelist")
                                     + f"?budget_year__id__exact={target['budget_year']}"))
