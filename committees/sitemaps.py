from django.contrib.sitemaps import Sitemap

from kpp_portal.sitemaps import NamedPagesSitemap

from .models import Committee, Consultation, Meeting


class ParticipationPagesSitemap(NamedPagesSitemap):
    names = ("committees:index", "committees:meetings", "committees:consultations")


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
