from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.results, name="results"),
    path("files/<int:pk>/searchable.pdf", views.searchable_copy, name="searchable_copy"),
]
