from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.index, name="index"),
    path("manual/", views.manual, name="manual"),
    path("report/", views.report, name="report"),
    path("report/receipt/", views.receipt, name="receipt"),
    path("track/", views.track, name="track"),
    path("track/report/", views.track_report, name="track_report"),
    path("track/end/", views.track_end, name="track_end"),
    path("stats/", views.stats, name="stats"),
    path("stats.csv", views.stats_csv, name="stats_csv"),
    path("stats.json", views.stats_json, name="stats_json"),
]
