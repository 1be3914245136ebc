from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ComplaintPagesSitemap(Sitemap):
    """Public pages only."""

    changefreq = "monthly"

    def items(self):
        return ["complaints:index", "complaints:manual", "complaints:report", "complaints:track",
                "complaints:stats"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"complaints": ComplaintPagesSitemap}
