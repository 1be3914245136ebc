"""E-Service: online requests and official-information requests, apart from /complaints/ and /feedback/."""
from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("", views.index, name="index"),
    path("request/<slug:slug>/", views.request_form, name="request_form"),
    path("sent/", views.sent, name="sent"),
    path("track/", views.track, name="track"),
    path("track/request/", views.track_request, name="track_request"),
    path("track/rate/", views.rate, name="rate"),
    path("track/file/<int:file_id>/", views.track_file, name="track_file"),
    path("track/publication/", views.track_publication, name="track_publication"),
    path("track/your-data/", views.track_personal_data, name="track_personal_data"),
    path("track/end/", views.track_end, name="track_end"),
    path("stats/", views.stats, name="stats"),
    path("stats/<int:fiscal_year>/", views.stats, name="stats_year"),
    path("stats/<int:fiscal_year>.csv", views.stats_csv, name="stats_csv"),
    path("stats/<int:fiscal_year>.json", views.stats_json, name="stats_json"),
    path("register/", views.register, name="register"),
    path("register.csv", views.register_csv, name="register_csv"),
    path("register/<str:reference>/", views.register_entry, name="register_entry"),
    path("register/<str:reference>/file/<int:file_id>/", views.register_file, name="register_file"),
]
