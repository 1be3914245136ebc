"""The staff login is throttled per account and per address (django-axes, its cache handler).

Only the admin's login counts. A failed authentication anywhere else, above all under
/complaints/, stores nothing, so no address of a reporter ever reaches the cache. For /admin/
the cache holds two counters per failure: one under a key derived from the user name, one
under a key derived from the address (django-axes hashes each with MD5); a counter lives
STAFF_LOGIN_LOCKOUT_SECONDS from the failure that locked, then expires by itself. Nothing goes
to the database. django-axes logs one line per failed staff login, with user name and address
masked.
"""
import math

from axes.backends import AxesStandaloneBackend
from axes.handlers.cache import AxesCacheHandler
from axes.helpers import get_cool_off
from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _


def is_staff_login(request):
    path = getattr(request, "path", "") or ""
    return path.startswith(reverse("admin:index"))


class StaffLoginBackend(AxesStandaloneBackend):
    """Refuses a locked-out account or address before the password is checked. A call without
    a request (the shell, the test client's login()) is no web login and is not throttled."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not is_staff_login(request):
            return None
        return super().authenticate(request, username, password, **kwargs)


class StaffLoginHandler(AxesCacheHandler):
    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None and is_staff_login(request):
            super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        if request is not None and is_staff_login(request):
            super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(self, sender, request, user, **kwargs):
        if request is not None and is_staff_login(request):
            super().user_logged_out(sender, request, user, **kwargs)

    def get_failures(self, request, credentials=None):
        return super().get_failures(request, credentials) if is_staff_login(request) else 0


def lockout_response(request, original_response=None, credentials=None):
    """The Thai page a locked-out login gets (429), saying how long to wait."""
    minutes = math.ceil(get_cool_off(request).total_seconds() / 60)
    context = {**admin.site.each_context(request), "title": _("เข้าสู่ระบบไม่ได้ชั่วคราว"), "minutes": minutes}
    return render(request, "complaints/admin/lockout.html", context, status=429)
