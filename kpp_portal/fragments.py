"""Rendered pieces of public pages that are the same for every visitor, kept between requests.

The page cache (pagecache.py) serves whole pages to anonymous readers only; staff, a reader
with a session, a form's page and PAGE_CACHE_SECONDS=0 render in full. Most of that cost is
the part drawn from the portal's data (lists, tables, counts), which depends on nothing about
the visitor. Such a part is wrapped in `{% fragment "name" value … %}…{% endfragment %}`
(kpp_portal/templatetags/fragments.py) or rendered through `cached()`, and is kept:

- under the page cache's generation, so a save by staff or a command shows at once (one
  invalidation signal for both caches), plus the active language and the values it varies on;
- in this process's memory (no round trip, no unpickling) and, behind it, in the shared cache,
  so a new worker or another app server does not render it again;
- for FRAGMENT_CACHE_SECONDS at most, which bounds how late a write without signals or a
  scheduled publication shows (0 turns fragments off).

Never for anything personal: no CSRF token, form, message, session or user value may sit
inside a fragment, and nothing from the anti-corruption channel but its public statistics.
The view keeps its queries lazy (querysets, or `lazy()` below) so a hit runs none of them.
"""
import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from . import pagecache

# Per process: enough for every fixed fragment and the recent query variants of the lists.
LOCAL_ENTRIES = 300
LOCAL_MAX_CHARS = 256 * 1024

_local = OrderedDict()  # key -> (expires at, text), time.time() like the shared copy
_lock = threading.Lock()


def lazy(compute):
    """A context value computed only if a template reads it (not when its fragment is kept)."""
    return SimpleLazyObject(compute)


def _key(name, vary):
    digest = hashlib.sha256("\x1f".join(str(value) for value in vary).encode()).hexdigest()[:32]
    return f"fragment:{pagecache.generation()}:{get_language()}:{name}:{digest}"


def _local_get(key):
    with _lock:
        entry = _local.get(key)
        if entry is None:
            return None
        if entry[0] < time.time():
            del _local[key]
            return None
        _local.move_to_end(key)
        return entry[1]


def _local_set(key, entry):
    if len(entry[1]) > LOCAL_MAX_CHARS:
        return
    with _lock:
        _local[key] = entry
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def page_query(request):
    """The vary value of a fragment drawn from the page's query string: its parameters in one
    order, or None (not kept) when the view does not read all of them (pagecache.QUERY_PARAMETERS)."""
    return pagecache.normalised_query(request)


def cached(name, vary, render):
    """render() (a string), or the copy kept for this name, vary values, language and
    generation. A vary value of None means "this variant is not kept": it is rendered."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if seconds <= 0 or any(value is None for value in vary):
        return render()
    key = _key(name, vary)
    text = _local_get(key)
    if text is not None:
        return text
    # The shared copy carries its expiry, so the local one never outlives it.
    entry = cache.get(key)
    if entry is None:
        entry = (time.time() + seconds, render())
        cache.set(key, entry, seconds)
    _local_set(key, entry)
    return entry[1]
