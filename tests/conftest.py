"""Shared fixtures: named users per role (one who must be refused), the demo content, and the
browser harness."""
import io
import itertools
import os
import re
import shutil

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from complaints import roles as complaint_roles
from kpp_portal import roles

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]
PASSWORD = "correct-horse-battery-staple"
IN_CI = os.environ.get("CI", "").lower() == "true"

_BLOCK_TAG = re.compile(
    r"\s*(</?(?:address|article|aside|blockquote|caption|dd|details|div|dl|dt|fieldset|figcaption|figure|"
    r"footer|form|h[1-6]|header|legend|li|main|nav|ol|option|p|section|summary|table|tbody|td|tfoot|th|"
    r"thead|tr|ul)\b[^>]*>)\s*")


def page_html(page):
    """A response's HTML (or a rendered string) with its whitespace as a browser lays it out: each
    run one space, none next to a block-level tag. What a test looks for then does not depend on
    where a long template line is wrapped."""
    page = page if isinstance(page, str) else page.content.decode()
    return _BLOCK_TAG.sub(r"\1", " ".join(page.split()))


def _file_settings(root, storages):
    """Uploads under `root`: a test's own folder, or that of the demo its module loaded once."""
    return {
        "MEDIA_ROOT": root / "media",
        "PRIVATE_MEDIA_ROOT": root / "private",
        "STORAGES": {
            **storages,
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": root / "private", "base_url": None},
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path, request):
    root = request.getfixturevalue("_demo_once") if "_demo_once" in request.fixturenames else tmp_path
    for name, value in _file_settings(root, settings.STORAGES).items():
        setattr(settings, name, value)
    # No complaint key root pinned unless the test pins one, as `first_legal_officer` does
    # (tests/complaints/conftest.py `hold_keys` pins the first legal officer's key).
    settings.COMPLAINT_KEY_ROOTS = []


@pytest.fixture(scope="session", autouse=True)
def _quick_password_hashing():
    """Django's PBKDF2 takes about half a second a password by design, and every staff fixture
    hashes one and every login checks one: the test run spent minutes on it. Passwords are not
    what these tests are about (the settings keep Django's hashers; the complaint channel's own
    key derivation has its test costs in tests/env.py)."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def demo_content(db):
    """The demo content (manage.py load_demo) for this test alone: for a transactional test (a
    live server), which cannot share a module's `demo`."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content loaded once for the tests of a module that ask for `demo`, in a
    transaction each test's own nests in (as a savepoint) and that is rolled back after the last
    of them; its files in a folder of its own, which the tests keep (_test_settings)."""
    from django.conf import settings

    root = tmp_path_factory.mktemp("demo")
    with override_settings(**_file_settings(root, settings.STORAGES)), django_db_blocker.unblock(), \
            transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        with django_db_blocker.block():
            yield root
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once, db):
    """The demo content (manage.py load_demo, about 3 s), loaded once for the module's tests that
    ask for it; what a test writes is rolled back after it as ever. Not for transactional tests
    (see _demo_tests_last_in_their_module): they load it themselves with demo_content."""


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    from kpp_portal import pagecache

    for cache in caches.all():
        cache.clear()
    pagecache.forget_local()
    yield
    for cache in caches.all():
        cache.clear()
    pagecache.forget_local()


@pytest.fixture
def staff_roles(db):
    call_command("setup_roles", stdout=open(os.devnull, "w"))


def seat(user, group_name):
    """Put `user` in a staff group as a fixture. Through user.groups, joining a group that reads
    corruption reports only files a request for a second person to approve (complaints/accounts.py,
    tested there); fixtures write the membership row itself."""
    group = Group.objects.get(name=group_name)
    type(user).groups.through.objects.get_or_create(user_id=user.pk, group_id=group.pk)


def _make_user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(username=username, password=PASSWORD, **extra)
    if group:
        seat(user, group)
    return user


def _role_fixture(username, group):
    @pytest.fixture
    def fixture(staff_roles, django_user_model):
        return _make_user(django_user_model, username, group, is_staff=True)

    fixture.__doc__ = f"A staff user in the group {group or '(none)'}."
    return fixture


editor = _role_fixture("editor", roles.CONTENT_EDITORS)
legal_officer = _role_fixture("legal", complaint_roles.LEGAL_AFFAIRS)
supervisor = _role_fixture("supervisor", complaint_roles.SUPERVISORS)
procurement_officer = _role_fixture("procurement", roles.PROCUREMENT_OFFICERS)
general_affairs = _role_fixture("general", roles.GENERAL_AFFAIRS)
# Staff with admin access but no role: must be refused everything protected.
refused_staff = _role_fixture("refused", None)


@pytest.fixture
def outsider_superuser(staff_roles, django_user_model):
    """A superuser outside the legal-affairs group: need to know beats superuser."""
    return django_user_model.objects.create_superuser(username="root", password=PASSWORD)


def _chromium_missing_reason():
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        try:
            import playwright  # noqa: F401
        except ImportError:
            return "the playwright package is not installed"
        return None
    return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"


def require(reason):
    """A gate whose tool is missing (`reason`) is skipped on a developer's machine and fails in CI."""
    if reason:
        if IN_CI:
            pytest.fail(f"this gate must run in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    require(_chromium_missing_reason())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        locale="th-TH", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.hookimpl(trylast=True)  # after pytest-django has put the transactional tests last
def pytest_collection_modifyitems(config, items):
    _long_tests_first(items)
    _demo_tests_last_in_their_module(items)
    from django.conf import settings

    if settings.IS_POSTGRES:
        return
    if IN_CI:
        raise pytest.UsageError("CI must run the tests against PostgreSQL: set DATABASE_URL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)"))


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(item.fixturenames))


def _demo_tests_last_in_their_module(items):
    """The demo a module loads once (`demo`) stays until pytest leaves the module: its tests go
    after the module's others, which may count on an empty database. A module with transactional
    tests could go on straight into them, so it cannot share its demo."""
    shared = {item.path for item in items if "_demo_once" in item.fixturenames}
    for item in items:
        if item.path in shared and _transactional(item):
            raise pytest.UsageError(f"{item.nodeid}: a transactional test in a module that loads the demo "
                                    "once (`demo`): move it to a module of its own")
    runs = itertools.groupby(items, key=lambda item: item.path)
    items[:] = [item for _path, run in runs
                for item in sorted(run, key=lambda item: "_demo_once" in item.fixturenames)]


def _long_tests_first(items):
    """Tests marked `long` (minutes each) go first among the transactional tests: started at the
    end, one would run alone while the other test process had nothing left to do."""
    long = [item for item in items if item.get_closest_marker("long")]
    for item in long:
        if not _transactional(item):
            raise pytest.UsageError(f"{item.nodeid}: only transactional tests are marked long")
        items.remove(item)
    start = next((index for index, item in enumerate(items) if _transactional(item)), len(items))
    items[start:start] = long
