from kpp_portal.sitemaps import NamedPagesSitemap


class FeedbackPagesSitemap(NamedPagesSitemap):
    changefreq = "monthly"
    names = ("feedback:index", "feedback:follow_up")


SITEMAPS = {"feedback": FeedbackPagesSitemap}
