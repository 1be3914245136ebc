from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import AssessmentYear, Document, RiskEntry


class DisclosurePagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["disclosures:index", "disclosures:integrity", "disclosures:open_data"]

    def location(self, item):
        return reverse(item)


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Document.objects.published().only("pk", "title", "updated_at").order_by("pk")

    def lastmod(self, document):
        return document.updated_at


class YearPagesSitemap(Sitemap):
    """The checklist of every confirmed assessment year and the risk register of every fiscal year."""

    changefreq = "monthly"

    def items(self):
        checklists = (AssessmentYear.objects.confirmed().filter(items__isnull=False)
                      .values_list("year", flat=True).distinct().order_by())
        registers = RiskEntry.objects.values_list("fiscal_year", flat=True).distinct().order_by()
        return [("disclosures:checklist", year) for year in sorted(checklists)] + [
            ("disclosures:risks", year) for year in sorted(registers)
        ]

    def location(self, item):
        name, year = item
        return reverse(name, kwargs={"year": year})


SITEMAPS = {
    "disclosure-pages": DisclosurePagesSitemap,
    "documents": DocumentSitemap,
    "disclosure-years": YearPagesSitemap,
}
