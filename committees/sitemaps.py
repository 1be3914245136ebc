from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Committee, Consultation, Meeting


class ParticipationPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["committees:index", "committees:meetings", "committees:consultations"]

    def location(self, item):
        return reverse(item)


class CommitteeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Committee.objects.order_by("pk")


class MeetingSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Meeting.objects.published().order_by("pk")

    def lastmod(self, meeting):
        return meeting.updated_at


class ConsultationSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Consultation.objects.published().order_by("pk")


SITEMAPS = {
    "participation": ParticipationPagesSitemap,
    "committees": CommitteeSitemap,
    "meetings": MeetingSitemap,
    "consultations": ConsultationSitemap,
}
