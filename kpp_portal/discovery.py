"""The portal's own apps, and the modules each may offer the whole portal.

An app takes part by having the module: `roles.py` (its permissions per staff group, and
DEMO_ACCOUNTS for its own groups: see demo_accounts()),
`demo.py` (its demo content), `ita.py` (its pages that are ITA evidence), `sitemaps.py`,
`search.py` (what the portal-wide search finds, see search/sources.py), `opendata.py` (its
datasets in the DCAT catalogue, see kpp_portal/opendata.py), `alerts.py` (the news one can
subscribe to by e-mail, see alerting.py), `privacy.py` (its entries in the privacy notice, and
PRIVATE_PATHS: see private_paths()), `personal_data.py` (what it holds about a person, for a data
subject's request: see kpp_portal.personal_data). What a view reads from the query
string is declared on the view itself (pagecache.reads_query).
Apps are this project's top-level packages in INSTALLED_APPS, in that order (which is also the
order demo content loads in); Django's and libraries' apps are never asked.
"""
import functools
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule


@functools.cache
def portal_app_labels():
    return tuple(
        config.label for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR
    )


def is_portal_app(label):
    return label in portal_app_labels()


def app_modules(name):
    """[(app label, module)] for each portal app that has a `<name>` module."""
    found = []
    for label in portal_app_labels():
        config = apps.get_app_config(label)
        if module_has_submodule(config.module, name):
            found.append((label, import_module(f"{config.name}.{name}")))
    return found


def demo_accounts():
    """[(username, group name, (full name, position))]: the demo logins each app's
    roles.DEMO_ACCOUNTS offers for the groups only it knows."""
    return [account for _app, module in app_modules("roles")
            for account in getattr(module, "DEMO_ACCOUNTS", ())]


@functools.cache
def private_paths():
    """The path prefixes where nothing may outlive the visit (each app's privacy.PRIVATE_PATHS):
    the log filter drops their requests, their CSRF cookie ends with the browser session, and
    the page cache keeps none of their pages but the app's CACHED_PAGES."""
    modules = app_modules("privacy")
    return tuple(path for _app, module in modules for path in getattr(module, "PRIVATE_PATHS", ()))


def is_private(path):
    return path.startswith(private_paths())


@functools.cache
def private_cached_pages():
    """{path: seconds or None} of the private paths' pages that are the same for every visitor."""
    pages = {}
    for _app, module in app_modules("privacy"):
        pages.update(getattr(module, "CACHED_PAGES", {}))
    return pages


@functools.cache
def alert_topics():
    """{key: Topic} of every app's `alerts.py` TOPICS (kpp_portal/alerting.py)."""
    topics = {}
    for _app, module in app_modules("alerts"):
        for topic in getattr(module, "TOPICS", ()):
            topics[topic.key] = topic
    return topics
