from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import CouncilMember, Meeting, Motion


class CouncilPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["council:index"]

    def location(self, item):
        return reverse(item)


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
    "council-meetings": CouncilMeetingSitemap,
    "council-members": CouncilMemberSitemap,
    "council-motions": MotionSitemap,
}
