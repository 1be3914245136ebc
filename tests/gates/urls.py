"""The portal's URLs plus views that exercise the middleware around them."""
from collections import Counter

from django import forms
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_control

from kpp_portal import antispam
from kpp_portal.urls import handler404, handler500  # noqa: F401
from kpp_portal.urls import urlpatterns as portal_urlpatterns

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


class OneFieldForm(forms.Form):
    text = forms.CharField()


def limited_form(request):
    """A public form as the portal's views use the limit: refuse, else save only a valid form."""
    form = OneFieldForm(request.POST)
    if antispam.over_limit(request, "qa", form):
        return HttpResponse("limited", status=429)
    if form.is_valid():
        CALLS["saved"] += 1
        return HttpResponse("saved")
    return HttpResponse("invalid", status=400)


def limited_lookup(request):
    if antispam.over_limit(request, "feedback-lookup"):
        return HttpResponse("limited", status=429)
    return HttpResponse("found")


def poor_page(request):
    """What the Lighthouse gate must refuse: no doctype, language, title, description, field label
    or image text; an image from another host."""
    return HttpResponse(
        '<html><head></head><body><input type=text><img src="http://tracker.example/pixel.png"></body></html>'
    )


urlpatterns = [
    path("test/poor-page", poor_page),
    path("test/session-write", remember_in_session),
    path("test/sets-cookie", sets_a_cookie),
    path("test/private", private_page),
    path("test/counted", counted, name="counted"),
    path("test/limited-form", limited_form),
    path("test/limited-lookup", limited_lookup),
] + portal_urlpatterns
