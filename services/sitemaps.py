from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import statistics
from .models import RequestType


class ServicePagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["services:index", "services:track", "services:stats", "services:register"]

    def location(self, item):
        return reverse(item)


class StatisticsYearSitemap(Sitemap):
    """Each fiscal year's statistics keep their own address (the ITA evidence links to them)."""

    changefreq = "monthly"

    def items(self):
        return statistics.available_years()

    def location(self, year):
        return reverse("services:stats_year", args=[year])


class RequestTypeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return RequestType.objects.active().only("slug")


SITEMAPS = {"services": ServicePagesSitemap, "service-statistics": StatisticsYearSitemap,
            "service-types": RequestTypeSitemap}
