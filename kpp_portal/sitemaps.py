"""sitemap.xml for the whole portal.

Each app may define `<app>/sitemaps.py` with `SITEMAPS = {"name": SitemapClass, ...}`
covering its public pages; all of them, this module's own included, are merged here.
"""
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .discovery import app_modules


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "privacy", "open_data"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": StaticPagesSitemap}


def all_sitemaps():
    sitemaps = {}
    for _app, module in app_modules("sitemaps"):
        sitemaps.update(module.SITEMAPS)
    return sitemaps
