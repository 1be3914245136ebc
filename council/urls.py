from django.urls import include, path

from . import feeds, views

app_name = "council"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:fiscal_year>/", views.index, name="year"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("members/<int:pk>/", views.member_detail, name="member"),
    path("members/<int:pk>/attendance/", views.member_attendance, name="member_attendance"),
    path("motions/<int:pk>/", views.motion_detail, name="motion"),
    path("calendar.ics", views.calendar, name="calendar"),
    path("feeds/meetings/", feeds.NewMeetingsRss(), name="meetings_rss"),
    path("feeds/meetings/atom/", feeds.NewMeetingsAtom(), name="meetings_atom"),
    path("feeds/minutes/", feeds.AdoptedMinutesRss(), name="minutes_rss"),
    path("feeds/minutes/atom/", feeds.AdoptedMinutesAtom(), name="minutes_atom"),
    path("oparl/v1/", include("council.oparl_urls")),
]
