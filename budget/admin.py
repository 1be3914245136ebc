from django.contrib import admin
from django.urls import path, reverse
from django.utils.translation import gettext as _

from kpp_portal import importing

from .importing import BudgetImportForm
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
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="budget_budgetline_import")] + super().get_urls()

    def import_view(self, request):
        """Upload → preview with row-level errors → confirm; nothing is saved unless every row is valid."""
        return importing.import_view(
            self, request, BudgetImportForm, IMPORT_SESSION_KEY,
            title=_("นำเข้ารายการงบประมาณและผลการเบิกจ่ายจากไฟล์"),
            done_url=lambda target: (reverse("admin:budget_budgetline_changelist")
                                     + f"?budget_year__id__exact={target['budget_year']}"))
