from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import RequestType


class ServicePagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["services:index", "services:track", "services:stats", "services:register"]

    def location(self, item):
        return reverse(item)


class RequestTypeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return RequestType.objects.active().only("slug")


SITEMAPS = {"services": ServicePagesSitemap, "service-types": RequestTypeSitemap}
