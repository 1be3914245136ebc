from django.urls import path

from . import views

app_name = "disclosures"

urlpatterns = [
    path("", views.index, name="index"),
]
