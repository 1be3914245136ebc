from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.static import serve

from .uploads import media_headers


def home(request):
    return render(request, "home.html")


def privacy(request):
    """The privacy notice under the Personal Data Protection Act B.E. 2562."""
    from . import privacy as notice

    return render(request, "privacy.html", {
        "channels": notice.all_channels(),
        "rights": notice.rights_request_urls(),
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "track_minutes": settings.COMPLAINT_TRACK_IDLE_SECONDS // 60,
    })


@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links: the logo. A temporary
    redirect, because the logo's hashed static name changes with the file."""
    return HttpResponseRedirect(static("img/logo.svg"))


@never_cache
def healthz(request):
    """200 after a database round-trip, 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def open_data(request):
    """Every app's datasets on one page, with the DCAT catalogue a harvester reads."""
    from . import opendata

    return render(request, "open_data.html", {"datasets": opendata.all_datasets(),
                                              "licence_url": settings.OPEN_DATA_LICENSE_URL,
                                              "licence_title": settings.OPEN_DATA_LICENSE_TITLE})


def open_data_catalog(request, fmt):
    from . import opendata

    content_type = "application/ld+json" if fmt == "jsonld" else "text/turtle"
    return HttpResponse(opendata.catalog(fmt),
                        content_type=f"{content_type}; charset=utf-8")


def media(request, path, document_root=None):
    """Public uploads with the headers the reverse proxy adds in production (DEBUG only)."""
    response = serve(request, path, document_root=document_root)
    for header, value in media_headers(path).items():
        response[header] = value
    return response
