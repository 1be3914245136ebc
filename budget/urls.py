from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:fiscal_year>/", views.year, name="year"),
    path("<int:fiscal_year>.csv", views.export, {"fmt": "csv"}, name="csv"),
    path("<int:fiscal_year>.xlsx", views.export, {"fmt": "xlsx"}, name="xlsx"),
    path("<int:fiscal_year>.json", views.export, {"fmt": "json"}, name="json"),
]
