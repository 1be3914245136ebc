from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class FeedbackPagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["feedback:index", "feedback:follow_up"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"feedback": FeedbackPagesSitemap}
