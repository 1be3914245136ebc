"""The staff login is throttled so that guessing is bounded and nobody can lock anyone else out.

Three counts of failed staff logins, in the rate-limit cache (AXES_CACHE):
- per account *and* address together (django-axes): five wrong passwords from one address lock
  that account from that address only; the officer, elsewhere, still logs in;
- per address (django-axes): one address trying many accounts is locked out;
- per account from every address together (the named limit "staff-login-account", slower):
  a guess spread over many addresses is bounded too. Once it is used up, the account's password
  is tried only from a browser that has logged in to it before (a signed device cookie, set at
  each successful staff login), so a stranger with many addresses still cannot lock the
  officer out of their own browser.
Only the admin's login counts. A failed authentication anywhere else, above all under
/complaints/, stores nothing, so no address of a reporter ever reaches the cache. django-axes
hashes its keys (MD5), ours are HMACs under the key of the day (kpp_portal/antispam.py); a
counter expires by itself. Nothing goes to the database. django-axes logs one line per failed
staff login, with user name and address masked.
"""
import math

from axes.backends import AxesStandaloneBackend
from axes.handlers.cache import AxesCacheHandler
from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.contrib import admin
from django.core.cache import caches
from django.shortcuts import render
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from kpp_portal.antispam import count_against, limit_reached, rate

ACCOUNT_LIMIT = "staff-login-account"
DEVICE_COOKIE = "kpp_staff_device"
_DEVICE_SALT = "complaints.login_throttle.device"
DEVICE_DAYS = 180


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


def _device_mark(username):
    # The account's mark in the browser: no user name in the cookie, only an HMAC of it.
    return salted_hmac(_DEVICE_SALT, username).hexdigest()[:32]


def _known_device(request, username):
    mark = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=_DEVICE_SALT,
                                     max_age=DEVICE_DAYS * 24 * 3600)
    return bool(username) and constant_time_compare(mark, _device_mark(username))


class StaffLoginHandler(AxesCacheHandler):
    # Read from settings each time (django-axes keeps the cache it found at start), so a test or
    # a reconfigured cache is honoured.
    cache = property(lambda self: caches[settings.AXES_CACHE], lambda self, value: None)

    def is_locked(self, request, credentials=None):
        if super().is_locked(request, credentials):
            return True
        username = get_client_username(request, credentials)
        return (bool(username) and limit_reached(ACCOUNT_LIMIT, username)
                and not _known_device(request, username))

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None and is_staff_login(request):
            if not getattr(request, "axes_locked_out", False):
                username = get_client_username(request, credentials)
                if username:
                    count_against(ACCOUNT_LIMIT, username)
            super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        if request is not None and is_staff_login(request):
            super().user_logged_in(sender, request, user, **kwargs)
            request._staff_device_mark = _device_mark(user.get_username())

    def user_logged_out(self, sender, request, user, **kwargs):
        if request is not None and is_staff_login(request):
            super().user_logged_out(sender, request, user, **kwargs)

    def get_failures(self, request, credentials=None):
        return super().get_failures(request, credentials) if is_staff_login(request) else 0


def lockout_response(request, original_response=None, credentials=None):
    """The Thai page a locked-out login gets (429), saying how long to wait."""
    seconds = get_cool_off(request).total_seconds()
    username = get_client_username(request, credentials)
    if username and limit_reached(ACCOUNT_LIMIT, username):  # the account's window, not axes' lock
        seconds = max(seconds, rate(ACCOUNT_LIMIT).window)
    minutes = math.ceil(seconds / 60)
    context = {**admin.site.each_context(request), "title": _("เข้าสู่ระบบไม่ได้ชั่วคราว"), "minutes": minutes}
    return render(request, "complaints/admin/lockout.html", context, status=429)


class StaffDeviceMiddleware:
    """Sets the device cookie after a successful staff login (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        mark = getattr(request, "_staff_device_mark", None)
        if mark:
            response.set_signed_cookie(
                DEVICE_COOKIE, mark, salt=_DEVICE_SALT, max_age=DEVICE_DAYS * 24 * 3600,
                path=reverse("admin:index"), httponly=True, secure=settings.SESSION_COOKIE_SECURE,
                samesite="Strict")
        return response
