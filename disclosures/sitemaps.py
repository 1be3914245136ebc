from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kpp_portal.sitemaps import NamedPagesSitemap

from . import gifts
from .models import AssessmentYear, Document, EITSurvey, ITAAnalysis, RiskEntry


class DisclosurePagesSitemap(NamedPagesSitemap):
    names = ("disclosures:index", "disclosures:integrity", "disclosures:open_data", "disclosures:ethics",
             "disclosures:no_gift")


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Document.objects.published().only("pk", "title", "updated_at").order_by("pk")

    def lastmod(self, document):
        return document.updated_at


class YearPagesSitemap(Sitemap):
    """The pages kept per year: the checklist of every confirmed assessment year, its EIT survey
    and ITA analysis, the risk register and the gift report of every fiscal year."""

    changefreq = "monthly"

    def items(self):
        pages = [
            ("disclosures:checklist", AssessmentYear.objects.confirmed().filter(items__isnull=False)
             .values_list("year", flat=True)),
            ("disclosures:eit", EITSurvey.objects.values_list("assessment_year", flat=True)),
            ("disclosures:ita_analysis", ITAAnalysis.objects.values_list("assessment_year", flat=True)),
            ("disclosures:risks", RiskEntry.objects.values_list("fiscal_year", flat=True)),
        ]
        items = [(name, year) for name, years in pages for year in sorted(set(years.order_by()))]
        return items + [("disclosures:no_gift_year", report.fiscal_year) for report in gifts.yearly_report()]

    def location(self, item):
        name, year = item  # the assessment year of the ITA pages, the fiscal year of the others
        return reverse(name, args=[year])


SITEMAPS = {
    "disclosure-pages": DisclosurePagesSitemap,
    "documents": DocumentSitemap,
    "disclosure-years": YearPagesSitemap,
}
