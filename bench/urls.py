"""The portal's URLs plus the measuring points the benchmarks need (bench settings only)."""
from django.urls import path

from kpp_portal.urls import handler404, handler500  # noqa: F401
from kpp_portal.urls import urlpatterns as portal_urlpatterns

from . import views

urlpatterns = [
    path("bench/bare", views.bare, name="bench-bare"),
    path("bench/ratelimit", views.ratelimit, name="bench-ratelimit"),
    path("bench/session", views.session, name="bench-session"),
    path("bench/upload", views.upload, name="bench-upload"),
    path("bench/files/<path:name>", views.download, name="bench-download"),
] + portal_urlpatterns
