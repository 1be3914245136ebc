"""sitemap.xml for the whole portal.

Each app may define `<app>/sitemaps.py` with `SITEMAPS = {"name": SitemapClass, ...}`
covering its public pages; all of them, this module's own included, are merged here.
"""
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .discovery import app_modules


class NamedPagesSitemap(Sitemap):
    """Pages with no object behind them, listed by their URL names (`names`): an app's index,
    its fixed lists and forms."""

    changefreq = "weekly"
    names = ()

    def items(self):
        return list(self.names)

    def location(self, name):
        return reverse(name)


class StaticPagesSitemap(NamedPagesSitemap):
    names = ("home", "privacy", "open_data")


SITEMAPS = {"pages": StaticPagesSitemap}


def all_sitemaps():
    sitemaps = {}
    for _app, module in app_modules("sitemaps"):
        sitemaps.update(module.SITEMAPS)
    return sitemaps
