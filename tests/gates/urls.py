"""The portal's URLs plus views that exercise the middleware around them."""
from collections import Counter

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_control

from kpp_portal.urls import handler404, handler500, urlpatterns as portal_urlpatterns  # noqa: F401

CALLS = Counter()  # view name → times it ran


def remember_in_session(request):
    """Its only database work happens after it returns: SessionMiddleware saves the session."""
    request.session["seen"] = True
    return HttpResponse("ok")


def sets_a_cookie(request):
    CALLS["sets-cookie"] += 1
    response = HttpResponse("cookie")
    response.set_cookie("chosen", "1")
    return response


@cache_control(private=True)
def private_page(request):
    CALLS["private"] += 1
    return HttpResponse("private")


def counted(request):
    CALLS["counted"] += 1
    return HttpResponse(f"rendered {CALLS['counted']}")


urlpatterns = [
    path("test/session-write", remember_in_session),
    path("test/sets-cookie", sets_a_cookie),
    path("test/private", private_page),
    path("test/counted", counted),
] + portal_urlpatterns
