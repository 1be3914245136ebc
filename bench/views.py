"""Measuring points for the benchmarks, reachable only through bench.settings.

`bare` is the ceiling: the same gunicorn, middleware and settings as every page, no template,
no query, and never from the public page cache (Django's whole request cycle). The others
prove that two app servers share state through the shared services:
the rate limit (Django's cache), the session (the database) and files (the storage API).
"""
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kpp_portal import antispam

# A look-up limit of the portal's table: every attempt counts, as on the follow-up forms.
RATE_LIMIT_NAME = "feedback-lookup"
RATE_LIMIT = antispam.LIMITS[RATE_LIMIT_NAME].limit


# never_cache: each answer must come from the view (the public page cache would serve them).
@never_cache
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def ratelimit(request):
    """The portal's own limiter (kpp_portal.antispam), as a public form uses it."""
    if antispam.over_limit(request, RATE_LIMIT_NAME):
        return HttpResponse("limited", status=429, content_type="text/plain")
    return HttpResponse("allowed", content_type="text/plain")


@never_cache
def session(request):
    """?set=VALUE stores VALUE in the session; without it, answers what the session holds."""
    if "set" in request.GET:
        request.session["bench"] = request.GET["set"]
    return JsonResponse({"value": request.session.get("bench")})


@csrf_exempt
@require_POST
def upload(request):
    uploaded = request.FILES["file"]
    name = default_storage.save(f"bench/{uploaded.name}", uploaded)
    return JsonResponse({"name": name})


@never_cache
def download(request, name):
    if not name.startswith("bench/") or not default_storage.exists(name):
        raise Http404
    return FileResponse(default_storage.open(name, "rb"))
