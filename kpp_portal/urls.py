"""Every section of the portal, top-down."""
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from . import notices, views
from .sitemaps import all_sitemaps

admin.site.site_header = "ระบบจัดการเว็บไซต์เทศบาล"
admin.site.site_title = "ผู้ดูแลระบบ"
admin.site.index_title = "งานหลังบ้าน"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # The privacy notice (PDPA 2562), linked from the footer and every form that collects personal data
    path("privacy/", views.privacy, name="privacy"),
    # Open data: every section's datasets, and the DCAT catalogue national catalogues harvest
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/catalog.jsonld", views.open_data_catalog, {"fmt": "jsonld"}, name="open_data_jsonld"),
    path("open-data/catalog.ttl", views.open_data_catalog, {"fmt": "ttl"}, name="open_data_ttl"),
    # A4 notices for the boards at the service point (kpp_portal/notices.py)
    path("notices/e-service.pdf", notices.eservice_notice, name="notice_eservice"),
    path("notices/report-channel.pdf", notices.report_channel_notice, name="notice_report_channel"),
    path("sitemap.xml", sitemap, {"sitemaps": all_sitemaps()}, name="sitemap"),
    # Without CSRF: the switch only sets the language cookie, and a token on every page would
    # give every reader (whistleblowers too) a year-long cookie and make no page cacheable.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    # Public information and the ITA/OIT checklist
    path("disclosures/", include("disclosures.urls")),
    # Committees, community forums, consultations
    path("committees/", include("committees.urls")),
    # The municipal council: sessions, meetings, members, motions; the OParl API
    path("council/", include("council.urls")),
    # The general opinion channel: deliberately apart from /complaints/
    path("feedback/", include("feedback.urls")),
    # The budget ordinance and its spending reports, as data
    path("budget/", include("budget.urls")),
    # Procurement plans, announcements, monthly results, open data
    path("procurement/", include("procurement.urls")),
    # The anti-corruption channel (whistleblowers)
    path("complaints/", include("complaints.urls")),
    # One search over every section
    path("search/", include("search.urls")),
    # E-Service: online requests and official-information requests, with public statistics
    path("services/", include("services.urls")),
    # E-mail alerts on what each app declares, without an account
    path("alerts/", include("alerts.urls")),
    # About the municipality, news, Q&A
    path("", include("municipality.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, view=views.media, document_root=settings.MEDIA_ROOT)

handler404 = "kpp_portal.errors.page_not_found"
handler500 = "kpp_portal.errors.server_error"
