"""Thai error pages. The 500 and 503 pages render without the database: it may be the cause."""
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotFound
from django.template import loader


def page_not_found(request, exception):
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request):
    return HttpResponse(loader.render_to_string("500.html"), status=500)


class DatabaseUnavailableMiddleware:
    """Answer a lost database with the Thai 503 page at once, not a 500 or a hung worker."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            response = HttpResponse(loader.render_to_string("503.html"), status=503)
            response["Retry-After"] = "30"
            return response
        return None

