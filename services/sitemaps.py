from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kpp_portal.sitemaps import NamedPagesSitemap

from . import statistics
from .models import RequestType


class ServicePagesSitemap(NamedPagesSitemap):
    names = ("services:index", "services:track", "services:stats", "services:register")


class StatisticsYearSitemap(Sitemap):
    """Each fiscal year's statistics keep their own address (the ITA evidence links to them)."""

    changefreq = "monthly"

    def items(self):
        return statistics.available_years()

    def location(self, fiscal_year):
        return reverse("services:stats_year", args=[fiscal_year])


class RequestTypeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return RequestType.objects.active().only("slug")


SITEMAPS = {"services": ServicePagesSitemap, "service-statistics": StatisticsYearSitemap,
            "service-types": RequestTypeSitemap}
