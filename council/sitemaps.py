from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kpp_portal.sitemaps import NamedPagesSitemap

from .models import CouncilMember, Meeting, Motion, Session


class CouncilPagesSitemap(NamedPagesSitemap):
    names = ("council:index",)


class CouncilYearSitemap(Sitemap):
    """The calendar of each fiscal year the record holds: the section shows one year a page."""

    changefreq = "monthly"

    def items(self):
        return Session.objects.order_by("fiscal_year").values_list("fiscal_year", flat=True).distinct()

    def location(self, year):
        return reverse("council:year", args=[year])


class CouncilMeetingSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Meeting.objects.published().order_by("pk")

    def lastmod(self, meeting):
        return meeting.updated_at


class CouncilMemberSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return CouncilMember.objects.order_by("pk")


class MotionSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Motion.objects.order_by("pk")

    def lastmod(self, motion):
        return motion.updated_at


SITEMAPS = {
    "council": CouncilPagesSitemap,
    "council-years": CouncilYearSitemap,
    "council-meetings": CouncilMeetingSitemap,
    "council-members": CouncilMemberSitemap,
    "council-motions": MotionSitemap,
}
