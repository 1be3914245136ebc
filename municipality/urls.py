from django.urls import path

from . import views

app_name = "municipality"

urlpatterns = [
    path("about/", views.about, name="about"),
]
