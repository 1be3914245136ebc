from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from kpp_portal.sitemaps import NamedPagesSitemap

from .models import BudgetYear


class BudgetPagesSitemap(NamedPagesSitemap):
    changefreq = "monthly"
    names = ("budget:index",)


class BudgetYearSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return BudgetYear.objects.published().order_by("fiscal_year")

    def lastmod(self, budget_year):
        today = timezone.localdate()
        return max(day for day in (budget_year.published_on, budget_year.half_report_on,
                                   budget_year.year_report_on) if day and day <= today)


SITEMAPS = {"budget": BudgetPagesSitemap, "budget-years": BudgetYearSitemap}
