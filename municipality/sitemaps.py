from django.contrib.sitemaps import Sitemap

from kpp_portal.sitemaps import NamedPagesSitemap

from .models import NewsItem, Page


class AboutSitemap(NamedPagesSitemap):
    changefreq = "monthly"
    names = ("about", "structure", "executives", "contact", "social", "news", "questions")

    def items(self):
        # After the fixed pages, each published page kind: every kind has a URL name of its own.
        kinds = Page.objects.filter(is_published=True).values_list("kind", flat=True)
        return [f"municipality:{name}" for name in (*self.names, *kinds)]


class NewsSitemap(Sitemap):
    changefreq = "never"
    limit = 1000

    def items(self):
        return NewsItem.objects.published().only("pk", "slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"municipality": AboutSitemap, "news": NewsSitemap}
