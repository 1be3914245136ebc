"""Rendered pieces of public pages that are the same for every visitor, kept between requests.

The page cache (pagecache.py) serves whole pages to anonymous readers only; staff, a reader
with a session, a form's page and PAGE_CACHE_SECONDS=0 render in full. Most of that cost is
the part drawn from the portal's data (lists, tables, counts), which depends on nothing about
the visitor. Such a part is wrapped in `{% fragment "name" value … %}…{% endfragment %}`
(kpp_portal/templatetags/fragments.py) or rendered through `cached()`, and is kept:

- under the page cache's generation, so a save by staff or a command shows at once (one
  invalidation signal for both caches; other processes see it within a second), plus the
  active language and the values it varies on;
- in this process's memory (no round trip) and, behind it, in the shared cache, so a new
  worker or another app server does not render it again (pagecache.kept/keep);
- for FRAGMENT_CACHE_SECONDS at most, which bounds how late a write without signals or a
  scheduled publication shows (0 turns fragments off).

Never for anything personal: no CSRF token, message, session or user value may sit inside a
fragment. A form only as the query string shows it to anyone who opens that address (a
list's filters, the fragment varied on page_query()) or blank ({% blank_form %}, which puts
each request's tokens back); what a person posted is never kept. From the anti-corruption
channel only its public statistics and its report form shown blank.
A kept part draws its data from the page's section: the view passes `section(compute)`, where
`compute()` gives {name: value}, and the tag (`{% fragment "name" vary… using section %}`) calls
it only when it renders the part, with those names in the context. A hit runs no query, and
the view wires no laziness of its own.

A part drawn from the code alone (the menu: URLs, translations, the page's place in it) is not
data and no save changes it: `{% constant "name" vary… %}…{% endconstant %}` renders it once per
process for each language and vary values (`constant()`), whatever FRAGMENT_CACHE_SECONDS says.
"""
import hashlib

from django.conf import settings
from django.dispatch import receiver
from django.test.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf
from django.utils.functional import cached_property
from django.utils.translation import get_language

from . import pagecache


class Section:
    """What a kept part of a page shows from the portal's data, computed at most once, and only
    when the part is rendered (not kept)."""

    do_not_call_in_templates = True  # the template tag asks for it; a variable lookup must not

    def __init__(self, compute):
        self._compute = compute

    @cached_property
    def values(self):
        return dict(self._compute())

    def __getitem__(self, name):  # for tests and code that read one value
        return self.values[name]


def section(compute):
    return Section(compute)


def _key(name, vary):
    digest = hashlib.sha256("\x1f".join(str(value) for value in vary).encode()).hexdigest()[:32]
    return f"fragment:{pagecache.generation()}:{get_language()}:{name}:{digest}"


def page_query(request, parameters=None):
    """The vary value of a fragment drawn from the page's query string: its parameters in one
    order, or None (not kept) when the view does not read all of them (`parameters`, or those
    the view declares with pagecache.reads_query)."""
    return pagecache.normalised_query(request, parameters)


def cached(name, vary, render, seconds=None):
    """render() (a string, or any value that pickles), or the copy kept for this name, vary
    values, language and generation, for `seconds` (FRAGMENT_CACHE_SECONDS by default). A vary
    value of None means "this variant is not kept": it is rendered."""
    seconds = settings.FRAGMENT_CACHE_SECONDS if seconds is None else seconds
    if seconds <= 0 or any(value is None for value in vary):
        return render()
    key = _key(name, vary)
    value = pagecache.kept(key)
    if value is None:
        value = render()
        pagecache.keep(key, value, seconds, len(value) if isinstance(value, str) else 4096)
    return value


_constants = {}


def constant(name, vary, render):
    """render(), once per process for this name, vary values, language, URL conf and script
    prefix: for parts that read no data (kept in no shared cache, never invalidated). DEBUG
    renders it each time, so an edited template shows."""
    if settings.DEBUG:
        return render()
    key = (name, get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), *vary)
    value = _constants.get(key)
    if value is None:
        value = _constants[key] = render()
    return value


@receiver(setting_changed)
def _forget_constants(**_kwargs):
    # A test that changes a setting (URLs, languages, templates) sees the parts drawn again.
    _constants.clear()
