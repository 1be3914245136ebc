from kpp_portal.sitemaps import NamedPagesSitemap


class ComplaintPagesSitemap(NamedPagesSitemap):
    """Public pages only."""

    changefreq = "monthly"
    names = ("complaints:index", "complaints:manual", "complaints:report", "complaints:track",
             "complaints:stats")


SITEMAPS = {"complaints": ComplaintPagesSitemap}
