"""sitemap.xml for the whole portal.

Each app may define `<app>/sitemaps.py` with `SITEMAPS = {"name": SitemapClass, ...}`
covering its public pages; all of them, this module's own included, are merged here.
"""
import importlib
import importlib.util

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .roles import PORTAL_APPS


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "complaints:index", "feedback:index"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": StaticPagesSitemap}


def all_sitemaps():
    sitemaps = {}
    for app in PORTAL_APPS:
        if importlib.util.find_spec(f"{app}.sitemaps") is not None:
            sitemaps.update(importlib.import_module(f"{app}.sitemaps").SITEMAPS)
    return sitemaps
