"""Thai error pages. The 500 and 503 pages render without the database: it may be the cause."""
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotFound
from django.template import loader

from . import budget

DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable():
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


def page_not_found(request, exception):
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request):
    # Django calls this inside its exception handler for failures outside the view too: a
    # session saved by SessionMiddleware, the 404 page's context processors. A lost database
    # there is still an outage, not a bug: answer 503 like DatabaseUnavailableMiddleware does.
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable()
    return HttpResponse(loader.render_to_string("500.html"), status=500)


class DatabaseUnavailableMiddleware:
    """Answer a lost database with the Thai 503 page at once, not a 500 or a hung worker.

    process_exception sees only what the view raises (context processors run inside it);
    failures in other middleware reach server_error above.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return database_unavailable()
        if isinstance(exception, budget.Busy):
            return budget.busy_response()
        return None
