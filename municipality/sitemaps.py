from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import NewsItem, Page


class AboutSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        names = ["about", "structure", "executives", "contact", "social", "news", "questions"]
        return names + list(Page.objects.filter(is_published=True).values_list("kind", flat=True))

    def location(self, item):
        return reverse(f"municipality:{item}")


class NewsSitemap(Sitemap):
    changefreq = "never"
    limit = 1000

    def items(self):
        return NewsItem.objects.published().only("pk", "slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"municipality": AboutSitemap, "news": NewsSitemap}
