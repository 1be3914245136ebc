"""The general opinion channel (ช่องทางการรับฟังความคิดเห็น): its own URL space, never /complaints/."""

from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.index, name="index"),
    path("sent/", views.sent, name="sent"),
    path("follow-up/", views.follow_up, name="follow_up"),
]
