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
    path("ita/<int:year>/", views.checklist, name="checklist"),
    path("ita/<int:year>/export.csv", views.checklist_export, {"fmt": "csv"}, name="checklist_csv"),
    path("ita/<int:year>/export.xlsx", views.checklist_export, {"fmt": "xlsx"}, name="checklist_xlsx"),
    # Integrity measures, the ITA analysis and indicators; the corruption-risk register
    path("integrity/", views.integrity, name="integrity"),
    path("risks/", views.risks_latest, name="risks_latest"),
    path("risks/<int:year>/", views.risks, name="risks"),
]
