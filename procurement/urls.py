from django.urls import path

from . import notices, views

app_name = "procurement"

urlpatterns = [
    path("", views.index, name="index"),
    path("plan/<int:fiscal_year>/", views.plan, name="plan"),
    path("plan/<int:fiscal_year>.csv", views.plan_export, {"fmt": "csv"}, name="plan_csv"),
    path("plan/<int:fiscal_year>.xlsx", views.plan_export, {"fmt": "xlsx"}, name="plan_xlsx"),
    path("plan/<int:fiscal_year>/notice.pdf", notices.plan_notice, name="plan_notice"),
    path("announcement/<int:pk>/notice.pdf", notices.announcement_notice, name="announcement_notice"),
    path("project/<int:pk>/", views.project, name="project"),
    path("hearing/<int:pk>/", views.hearing, name="hearing"),
    path("announcements/", views.announcements, name="announcements"),
    # สขร.1: the month's results as a page, CSV and XLSX (BE year in the address, as people say it)
    path("monthly/", views.monthly_index, name="monthly_index"),
    path("monthly/<int:year_be>/<int:month>/", views.monthly_results, name="monthly"),
    path("monthly/<int:year_be>/<int:month>/csv/", views.monthly_results, {"file_format": "csv"},
         name="monthly_csv"),
    path("monthly/<int:year_be>/<int:month>/xlsx/", views.monthly_results, {"file_format": "xlsx"},
         name="monthly_xlsx"),
    path("monthly/<int:year_be>/<int:month>/pdf/", views.monthly_results, {"file_format": "pdf"},
         name="monthly_pdf"),
    path("report/<int:fiscal_year>/", views.annual_report, name="annual_report"),
    path("progress/<int:fiscal_year>/", views.progress, name="progress"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/ocds-<int:fiscal_year>.json", views.ocds_package, name="ocds"),
    path("open-data/ocds-<int:fiscal_year>-records.json", views.ocds_package, {"records": True},
         name="ocds_records"),
    # One address per contracting process: its record package (releases and compiled release).
    path("open-data/ocds/<str:ocid>.json", views.ocds_record, name="ocds_record"),
]
