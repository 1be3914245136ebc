from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ComplaintPagesSitemap(Sitemap):
    """Public pages only (the entrance is listed by kpp_portal's own sitemap)."""

    changefreq = "monthly"

    def items(self):
        return ["complaints:manual", "complaints:report", "complaints:track", "complaints:stats"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"complaints": ComplaintPagesSitemap}
