"""/council/oparl/v1/: the OParl 1.1 System, its one Body, and every object's own URL."""
from django.urls import path

from . import oparl_views as views

app_name = "oparl"

urlpatterns = [
    path("", views.system, name="system"),
    path("bodies/", views.bodies, name="bodies"),
    path("body/", views.body, name="body"),
    path("body/location/", views.body_location, name="body_location"),
    path("body/organizations/", views.organizations, name="organizations"),
    path("body/people/", views.people, name="people"),
    path("body/meetings/", views.meetings, name="meetings"),
    path("body/papers/", views.papers, name="papers"),
    path("body/agenda-items/", views.agenda_items, name="agenda_items"),
    path("body/consultations/", views.consultations, name="consultations"),
    path("body/files/", views.files, name="files"),
    path("body/legislative-terms/", views.legislative_terms, name="legislative_terms"),
    path("organization/<int:pk>/", views.organization, name="organization"),
    path("legislative-term/<int:pk>/", views.legislative_term, name="legislative_term"),
    path("person/<int:pk>/", views.person, name="person"),
    path("membership/<int:pk>/", views.membership, name="membership"),
    path("meeting/<int:pk>/", views.meeting, name="meeting"),
    path("meeting/<int:pk>/location/", views.meeting_location, name="meeting_location"),
    path("agenda-item/<int:pk>/", views.agenda_item, name="agenda_item"),
    path("consultation/<int:pk>/", views.consultation, name="consultation"),
    path("paper/<int:pk>/", views.paper, name="paper"),
    path("file/<int:pk>/", views.file, name="file"),
]
