"""Whole public pages from the shared cache, for readers without a session.

Serving a page again from Redis costs a fraction of rendering it, and every app server shares
the copy. The response decides what is kept (see _cacheable_request, _cacheable_response), so no
section opts in; a view declares the query parameters it reads (reads_query), and a save by
staff starts a new generation of every key (see invalidate).
"""
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

from . import serving
from .discovery import is_portal_app, is_private, private_cached_pages

GENERATION_KEY = "pagecache:generation"
# Never cached: the back office, health checks, the language switch, and the private paths
# (kpp_portal.discovery: the anti-corruption channel, where a cached page could hold a receipt's
# status) but for the pages their app declares the same for every visitor (CACHED_PAGES).
NEVER_CACHED = ("/admin/", "/healthz", "/i18n/")
MAX_BYTES = 512 * 1024
# A path keeps at most this many query variants per PAGE_CACHE_SECONDS, so even unique values of
# known parameters (`?page=93817`, `?q=<random>`) cannot fill the shared cache. Rate-limit
# counters live in another cache (settings.CACHES "limits"), out of reach of this one's eviction.
MAX_QUERY_VARIANTS = 50

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


# Invalidation: a save or delete of portal data by staff, a management command or the shell bumps
# the generation that is part of every key, so the next reader sees the change at once (on
# another process or server: within GENERATION_CHECK_SECONDS). A save made while serving a
# visitor who is not staff never does: the public forms only create rows that nobody sees until
# staff act, and letting them empty the cache would let anyone who submits forms keep every page
# uncached (the complaint statistics, the one public figure they change, lag by
# PAGE_CACHE_SECONDS at most). Writes that send no signal (bulk_create, QuerySet.update, raw SQL)
# and scheduled publication show after PAGE_CACHE_SECONDS at most, or at once when the writer
# calls invalidate(), as bench.dataset does.
def invalidate(**_signal_kwargs):
    """Every cached page is stale from now on (a new generation; old entries expire alone)."""
    global _known_generation
    value = _new_generation()
    cache.set(GENERATION_KEY, value, None)
    _known_generation = (value, time.monotonic())
    request = serving.current()
    if request is not None:
        request._pagecache_generation = value


def portal_data_changed(sender, **kwargs):
    """Receiver of save, delete and m2m signals: see "Invalidation" above invalidate()."""
    if not is_portal_app(sender._meta.app_label):
        return  # sessions, users, admin log entries: never on a public page
    request = serving.current()
    user = getattr(request, "user", None)
    if request is not None and not (user is not None and user.is_authenticated and user.is_staff):
        return
    invalidate()


def generation():
    """The current generation; read once per request (the page and its fragments share it)."""
    request = serving.current()
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
    """How long this page may be kept (0: not at all). A private path's page that is the same for
    every visitor (the channel's entrance and manual) may name its own time: it is kept that long
    whatever PAGE_CACHE_SECONDS says (0 turns off the cache of pages drawn from the portal's
    data, not of fixed text), so the channel's front door stays cheap under load."""
    seconds = private_cached_pages().get(request.path)
    return settings.PAGE_CACHE_SECONDS if seconds is None else seconds


def _cacheable_request(request):
    """Only GET, only visitors whose cookies are at most the language choice and a CSRF token (a
    session or a flash message means the page may be personal), never under NEVER_CACHED."""
    if request.method != "GET" or _seconds(request) <= 0:
        return False
    path = request.path
    if path.startswith(NEVER_CACHED) or (is_private(path) and path not in private_cached_pages()):
        return False
    allowed_cookies = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    return set(request.COOKIES) <= allowed_cookies


def _cacheable_response(request, response):
    """Only 200 responses that set no cookie, are not streamed and do not say private/no-store;
    a private path's page of fixed text (CACHED_PAGES with its own seconds) keeps its no-store
    for the browser and any proxy, and is kept here, on the server, all the same (only the
    anonymous visitor's response, nothing else)."""
    cache_control = response.get("Cache-Control", "")
    shared_anyway = private_cached_pages().get(request.path) is not None and "private" not in cache_control
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and (shared_anyway or not any(word in cache_control for word in ("private", "no-store", "no-cache")))
        and len(response.content) <= MAX_BYTES
    )


def reads_query(*names):
    """Declare the query parameters a view reads: a page with any other is rendered but never
    stored (`?utm=1`, `?x=<random>`), and its query string is part of the key in one order."""

    def declare(view):
        view.query_parameters = frozenset(names)
        return view

    return declare


def normalised_query(request, known=None):
    """The query string in one order, "" without one, None if the view reads not all of it
    (its parameters: `known`, or what the view declares with reads_query)."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    if not pairs:
        return ""
    if known is None:
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            return None
        known = getattr(view, "query_parameters", ())
    if any(name not in known for name, _value in pairs):
        return None
    # By name only: a repeated parameter keeps its values' order (the view reads the last).
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _key(request, query):
    # The path and its normalised query string; the generation retires every key at once.
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
