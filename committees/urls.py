from django.urls import path

from . import views

app_name = "committees"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.committee_detail, name="committee"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings.ics", views.meetings_ics, name="meetings_ics"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
]
