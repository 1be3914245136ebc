from django.urls import path

from . import feeds, views

app_name = "disclosures"

urlpatterns = [
    # The catalogue of published documents and each document
    path("", views.index, name="index"),
    path("<int:pk>/", views.document_detail, name="document_short"),
    path("<int:pk>-<str:slug>/", views.document_detail, name="document"),
    path("<int:pk>-<str:slug>/file/", views.document_download, name="download"),
    # Open data: the catalogue as CSV/JSON and feeds (documented at open-data/)
    path("open-data/", views.open_data, name="open_data"),
    path("catalogue.csv", views.catalogue_csv, name="catalogue_csv"),
    path("catalogue.json", views.catalogue_json, name="catalogue_json"),
    path("feed/rss/", feeds.DocumentsFeed(), name="feed_rss"),
    path("feed/atom/", feeds.DocumentsAtomFeed(), name="feed_atom"),
    path("feed/<slug:slug>/rss/", feeds.DocumentsFeed(), name="category_feed_rss"),
    path("feed/<slug:slug>/atom/", feeds.DocumentsAtomFeed(), name="category_feed_atom"),
    # The ITA/OIT checklist per assessment year, and its submission sheet
    path("ita/", views.checklist_latest, name="checklist_latest"),
    path("ita/<int:assessment_year>/", views.checklist, name="checklist"),
    path("ita/<int:assessment_year>/export.csv", views.checklist_export, {"fmt": "csv"},
         name="checklist_csv"),
    path("ita/<int:assessment_year>/export.xlsx", views.checklist_export, {"fmt": "xlsx"},
         name="checklist_xlsx"),
    # The NACC's survey of service users (EIT) per assessment year, with its QR code
    path("ita/<int:assessment_year>/eit/", views.eit, name="eit"),
    path("ita/<int:assessment_year>/eit/qr.svg", views.eit_qr, name="eit_qr"),
    path("eit/", views.eit_latest, name="eit_latest"),
    # Integrity measures and indicators, the yearly analysis of the ITA result; the corruption-risk register
    path("integrity/", views.integrity, name="integrity"),
    path("ita-analysis/", views.ita_analysis_latest, name="ita_analysis_latest"),
    path("ita-analysis/<int:assessment_year>/", views.ita_analysis, name="ita_analysis"),
    # Ethics: the code, activities and assessments; the No Gift Policy and the gift register
    path("ethics/", views.ethics, name="ethics"),
    path("no-gift/", views.no_gift, name="no_gift"),
    path("no-gift/<int:fiscal_year>/", views.no_gift_year, name="no_gift_year"),
    path("no-gift/<int:fiscal_year>.csv", views.no_gift_export, {"fmt": "csv"}, name="no_gift_csv"),
    path("no-gift/<int:fiscal_year>.xlsx", views.no_gift_export, {"fmt": "xlsx"}, name="no_gift_xlsx"),
    path("risks/", views.risks_latest, name="risks_latest"),
    path("risks/<int:fiscal_year>/", views.risks, name="risks"),
]
