"""Whole public pages from the shared cache, for readers without a session.

Rendering a page costs several milliseconds of template work; serving it again from Redis
costs a fraction of one, and every app server shares the same copy. What may be cached is
decided by the response, so no section has to opt in or out:

- only GET, only visitors whose cookies are at most the language choice and a CSRF token
  (a session or a flash message means the page may be personal);
- only 200 responses that set no cookie, are not streamed, and do not say private/no-store;
- never under NEVER_CACHED (the anti-corruption channel, where a cached page could hold a
  receipt's status; only its public statistics are cached), the back office, or health checks;
- except FIXED_PAGES, the channel's entrance and manual: fixed text and the identity record,
  the same for every visitor, no form and no cookie. They keep their no-store header (for the
  browser and any proxy) and are kept here, on the server, for FIXED_PAGE_SECONDS whatever
  PAGE_CACHE_SECONDS says: 0 turns off the cache of pages drawn from the portal's data, not of
  these two, so the channel's front door stays cheap under load. Only the anonymous visitor's
  request is ever served from or stored in the cache (the cookie rule above), and what is
  stored is the response alone.

Invalidation: any save or delete of a portal model (except corruption reports, see
NOT_INVALIDATING_APPS) bumps a generation number that is part of every key, so the next reader
sees the change at once. Writes that send no signal (bulk_create,
QuerySet.update, raw SQL) show after PAGE_CACHE_SECONDS at most, or at once when the writer
calls invalidate(), as bench.dataset does. Time-based changes (scheduled publication) show
after PAGE_CACHE_SECONDS at most.
"""
import hashlib
import time

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "pagecache:generation"
# Corruption reports reach public pages only as the aggregated statistics, which may lag by
# PAGE_CACHE_SECONDS; letting every filed report empty the whole cache would hand anyone who
# files reports a way to keep every page uncached.
NOT_INVALIDATING_APPS = ("complaints",)
NEVER_CACHED = ("/admin/", "/complaints/", "/healthz", "/i18n/")
ALWAYS_PUBLIC = ("/complaints/stats/",)
FIXED_PAGES = ("/complaints/", "/complaints/manual/")
# Saves invalidate them at once like every page; this bounds only how long a deployment's new
# text or a write without signals takes to show.
FIXED_PAGE_SECONDS = 300
MAX_BYTES = 512 * 1024


def invalidate(**_signal_kwargs):
    """Every cached page is stale from now on (a new generation; old entries expire alone)."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def _language(request):
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _seconds(request):
    """How long this page may be kept (0: not at all)."""
    return FIXED_PAGE_SECONDS if request.path in FIXED_PAGES else settings.PAGE_CACHE_SECONDS


def _cacheable_request(request):
    if request.method != "GET" or _seconds(request) <= 0:
        return False
    path = request.path
    if path.startswith(NEVER_CACHED) and not path.startswith(ALWAYS_PUBLIC) and path not in FIXED_PAGES:
        return False
    allowed_cookies = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    return set(request.COOKIES) <= allowed_cookies


def _cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    # A fixed page's no-store speaks to the browser and proxies (see FIXED_PAGES).
    shared_anyway = request.path in FIXED_PAGES and "private" not in cache_control
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and (shared_anyway or not any(word in cache_control for word in ("private", "no-store", "no-cache")))
        and len(response.content) <= MAX_BYTES
    )


def _key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"pagecache:{generation()}:{_language(request)}:{digest}"


class PublicPageCacheMiddleware:
    """Placed before the session middleware, so a hit skips sessions, auth and rendering."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if _cacheable_response(request, response):
            cache.set(key, response, _seconds(request))
        return response
