"""The portal's URLs plus a view whose only database work happens after it returns: the
session it changes is saved by SessionMiddleware on the way out."""
from django.http import HttpResponse
from django.urls import path

from kpp_portal.urls import handler404, handler500, urlpatterns as portal_urlpatterns  # noqa: F401


def remember_in_session(request):
    request.session["seen"] = True
    return HttpResponse("ok")


urlpatterns = [path("test/session-write", remember_in_session)] + portal_urlpatterns
