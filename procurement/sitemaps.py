from django.contrib.sitemaps import Sitemap

from kpp_portal.sitemaps import NamedPagesSitemap

from .models import ProcurementPlan, ProcurementProject


class ProcurementPagesSitemap(NamedPagesSitemap):
    names = ("procurement:index", "procurement:announcements", "procurement:monthly_index",
             "procurement:open_data")


class ProcurementPlanSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ProcurementPlan.objects.published().order_by("fiscal_year")


class ProcurementProjectSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return ProcurementProject.objects.published().order_by("pk").only("pk")


SITEMAPS = {
    "procurement": ProcurementPagesSitemap,
    "procurement-plans": ProcurementPlanSitemap,
    "procurement-projects": ProcurementProjectSitemap,
}
