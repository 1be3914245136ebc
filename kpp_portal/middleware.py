from django.conf import settings
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template import loader
from django.utils import translation

from .discovery import is_private


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """Thai unless the visitor chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so most phones
    set to English would never see the Thai site; here only the switch's cookie counts.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RequestSizeLimitMiddleware:
    """Refuse a body over REQUEST_MAX_BYTES from its Content-Length, with the Thai 413 page.

    Early in the stack, before anything reads the body: Django would otherwise stream a
    200 MB upload into a temporary file before any form, size check or rate limit ran. The
    reverse proxy refuses the same bodies first (client_max_body_size); this holds where it
    does not. A body without Content-Length is never read by Django, so it costs nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # as Django reads it: no body
        if length > settings.REQUEST_MAX_BYTES:
            return HttpResponse(loader.render_to_string("413.html"), status=413)
        return self.get_response(request)


class SessionCsrfCookieMiddleware:
    """On the private paths (the anti-corruption channel) the CSRF cookie ends with the browser session.

    Its forms need the cookie, but a year-long cookie set there stays on a phone that may be
    shared; the entrance page tells the reporter that it goes when the browser is closed.
    Placed before (outside) CsrfViewMiddleware, which sets the cookie on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        cookie = response.cookies.get(settings.CSRF_COOKIE_NAME)
        if cookie is not None and is_private(request.path):
            cookie["max-age"] = ""
            cookie["expires"] = ""
        return response
