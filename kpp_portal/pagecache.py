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

Keys. A page is cached under its path and, if it has one, its query string normalised
(parameters in one order), and only when every parameter is one its view reads
(QUERY_PARAMETERS, by URL name): `?utm=1`, `?x=<random>` or any other unknown parameter is
rendered but never stored. A path keeps at most MAX_QUERY_VARIANTS query variants per
PAGE_CACHE_SECONDS, so even unique values of known parameters (`?page=93817`, `?q=<random>`)
cannot fill the shared cache. Rate-limit counters live in another cache (settings.CACHES
"limits"), out of reach of this one's eviction.

Invalidation: a save or delete of portal data by staff, a management command or the shell
bumps a generation number that is part of every key, so the next reader sees the change at
once (on another process or server: within GENERATION_CHECK_SECONDS). A save made while
serving a visitor who is not staff never does: the public forms
(questions, opinions, hearing comments, general messages, corruption reports) only create
rows that nobody sees until staff act, and letting them empty the cache would let anyone who
submits forms keep every page uncached. The one public figure they change, the complaint
statistics, lags by PAGE_CACHE_SECONDS at most. Writes that send no signal (bulk_create,
QuerySet.update, raw SQL) show after PAGE_CACHE_SECONDS at most, or at once when the writer
calls invalidate(), as bench.dataset does. Time-based changes (scheduled publication) show
after PAGE_CACHE_SECONDS at most.
"""
import contextvars
import hashlib
import pickle
import secrets
import threading
import time
from collections import OrderedDict
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve

GENERATION_KEY = "pagecache:generation"
NEVER_CACHED = ("/admin/", "/complaints/", "/healthz", "/i18n/")
ALWAYS_PUBLIC = ("/complaints/stats/",)
FIXED_PAGES = ("/complaints/", "/complaints/manual/")
# Saves invalidate them at once like every page; this bounds only how long a deployment's new
# text or a write without signals takes to show.
FIXED_PAGE_SECONDS = 300
MAX_BYTES = 512 * 1024
# The query parameters each public view reads; a page with any other is never stored.
QUERY_PARAMETERS = {
    "committees:meetings": {"page"},
    "disclosures:index": {"q", "category", "year", "oit", "page"},
    "disclosures:catalogue_csv": {"q", "category", "year", "oit"},
    "disclosures:catalogue_json": {"q", "category", "year", "oit"},
    "disclosures:integrity": {"year"},
    "municipality:news": {"category", "page"},
    "procurement:plan": {"method", "division", "page"},
    "procurement:announcements": {"kind", "page"},
    "services:register": {"q", "page"},
}
MAX_QUERY_VARIANTS = 50

_serving = contextvars.ContextVar("pagecache_serving", default=None)  # the request being served

# Each process keeps its own copy of what it last read or stored in the shared cache, under the
# same key (so the generation retires both), until the shared copy's own expiry: a hit then
# costs no round trip to the shared cache. Bounded by size, oldest use first. Anything but a
# string is kept pickled, so each request gets its own object, as from the shared cache.
LOCAL_BYTES = 32 * 1024 * 1024
_local = OrderedDict()  # key -> (expires at, value, size)
_local_size = 0
_local_lock = threading.Lock()


def _local_get(key):
    global _local_size
    with _local_lock:
        entry = _local.get(key)
        if entry is None:
            return None
        if entry[0] < time.time():
            _local_size -= _local.pop(key)[2]
            return None
        _local.move_to_end(key)
        value = entry[1]
    return value if isinstance(value, str) else pickle.loads(value)


def _local_set(key, expires_at, value, size):
    global _local_size
    if size > LOCAL_BYTES // 16:
        return
    if not isinstance(value, str):
        value = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    with _local_lock:
        if key in _local:
            _local_size -= _local.pop(key)[2]
        _local[key] = (expires_at, value, size)
        _local_size += size
        while _local_size > LOCAL_BYTES:
            _local_size -= _local.popitem(last=False)[1][2]


def kept(key):
    """The value stored under key by keep(), from this process's copy or the shared cache."""
    value = _local_get(key)
    if value is not None:
        return value
    entry = cache.get(key)
    if entry is None:
        return None
    expires_at, value, size = entry
    _local_set(key, expires_at, value, size)
    return value


def keep(key, value, seconds, size):
    """Store value (about `size` bytes) in the shared cache and this process's copy for `seconds`.
    The shared entry carries its expiry, so no process's copy outlives it."""
    expires_at = time.time() + seconds
    cache.set(key, (expires_at, value, size), seconds)
    _local_set(key, expires_at, value, size)


# The generation a process read last, and when. Reading it costs a round trip to the shared
# cache; under load that wait, not the CPU, bounds a sync worker's pages per second, so each
# process reads it at most once per GENERATION_CHECK_SECONDS. The process that saves sees its
# change at once; the other processes and servers within that second.
GENERATION_CHECK_SECONDS = 1.0
_known_generation = (None, 0.0)


def _new_generation():
    # Random, not the clock: two invalidations within one tick (or under a frozen test clock)
    # must still differ.
    return secrets.token_hex(8)


def invalidate(**_signal_kwargs):
    """Every cached page is stale from now on (a new generation; old entries expire alone)."""
    global _known_generation
    value = _new_generation()
    cache.set(GENERATION_KEY, value, None)
    _known_generation = (value, time.monotonic())
    request = _serving.get()
    if request is not None:
        request._pagecache_generation = value


def portal_data_changed(sender, **kwargs):
    """Receiver of save, delete and m2m signals: see "Invalidation" above."""
    from .discovery import is_portal_app

    if not is_portal_app(sender._meta.app_label):
        return  # sessions, users, admin log entries: never on a public page
    request = _serving.get()
    user = getattr(request, "user", None)
    if request is not None and not (user is not None and user.is_authenticated and user.is_staff):
        return
    invalidate()


def generation():
    """The current generation; read once per request (the page and its fragments share it)."""
    request = _serving.get()
    value = getattr(request, "_pagecache_generation", None)
    if value is None:
        value = _shared_generation()
        if request is not None:
            request._pagecache_generation = value
    return value


def _shared_generation():
    global _known_generation
    value, read_at = _known_generation
    now = time.monotonic()
    if value is not None and now - read_at < GENERATION_CHECK_SECONDS:
        return value
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = _new_generation()
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    _known_generation = (value, now)
    return value


def forget_local():
    """Drop this process's copies and its last-read generation (the tests, after clearing the
    shared cache under them)."""
    global _known_generation, _local_size
    with _local_lock:
        _local.clear()
        _local_size = 0
    _known_generation = (None, 0.0)


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


def normalised_query(request, known=None):
    """The query string in one order, "" without one, None if the view reads not all of it
    (its parameters: `known`, or QUERY_PARAMETERS)."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    if not pairs:
        return ""
    if known is None:
        try:
            known = QUERY_PARAMETERS.get(resolve(request.path_info).view_name, ())
        except Resolver404:
            return None
    if any(name not in known for name, _value in pairs):
        return None
    # By name only: a repeated parameter keeps its values' order (the view reads the last).
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _key(request, query):
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    # "v2": entries carry their expiry (keep()); a server of an older release, sharing the cache
    # during a rolling deployment, must not read them, nor this one its entries.
    return f"pagecache:v2:{generation()}:{_language(request)}:{_digest(address)}"


def _within_variant_budget(request):
    budget = f"pagecache:{generation()}:variants:{_digest(request.get_host() + request.path)}"
    cache.add(budget, 0, _seconds(request))
    try:
        return cache.incr(budget) <= MAX_QUERY_VARIANTS
    except ValueError:  # expired between add and incr: a new period begins
        cache.set(budget, 1, _seconds(request))
        return True


class PublicPageCacheMiddleware:
    """Placed before the session middleware, so a hit skips sessions, auth and rendering."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        serving = _serving.set(request)
        try:
            return self._respond(request)
        finally:
            _serving.reset(serving)

    def _respond(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        query = normalised_query(request)
        if query is None:
            return self.get_response(request)
        key = _key(request, query)
        cached = kept(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if _cacheable_response(request, response) and (not query or _within_variant_budget(request)):
            keep(key, response, _seconds(request), len(response.content))
        return response
