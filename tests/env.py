"""Environment defaults for the test run, loaded as a plugin (`-p tests.env`) so they are in
place before pytest-django imports the settings. DEBUG stays off: tests see production
behaviour; the HTTPS redirect is off because the test client and live server speak HTTP."""
import os
import tempfile
import urllib.parse

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Playwright's sync API runs an event loop in the test thread, which also uses the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The public page cache (kpp_portal.pagecache) is off in tests so a test that writes with
# QuerySet.update() sees its change at once; tests/gates/test_page_cache.py turns it on.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# Every e-mail is sent from the outbox as soon as its transaction commits (kpp_portal/outbox.py);
# tests of the cron sender run `send_outbox` themselves.
os.environ.setdefault("OUTBOX_SEND_AT_ONCE", "true")
# A test database lost in a crash is made again: commits need not wait for the disk (about 2 ms
# each here, and the transactional tests and their demo loads commit thousands of times).
os.environ.setdefault("PGOPTIONS", "-c synchronous_commit=off")
# complaints: test-only Fernet key and receipt pepper (never used outside tests).
os.environ.setdefault("COMPLAINT_ENCRYPTION_KEYS", "dGVzdC1vbmx5LWNvbXBsYWludC1rZXktMDAwMDAwMDA=")
os.environ.setdefault("COMPLAINT_RECEIPT_PEPPER", "test-only-receipt-pepper")

# complaints: the smallest Argon2id costs, so tests that log in or file many reports stay quick
# (bench/keys.py measures the production costs).
os.environ.setdefault("COMPLAINT_PERSON_KDF_MEMORY_KIB", "64")
os.environ.setdefault("COMPLAINT_PERSON_KDF_ITERATIONS", "1")
os.environ.setdefault("COMPLAINT_RECEIPT_KDF_MEMORY_KIB", "64")
os.environ.setdefault("COMPLAINT_RECEIPT_KDF_ITERATIONS", "1")

# Two test processes (pytest-xdist, `make test`): each its own scratch Redis database, counting
# down from the one REDIS_TEST_URL names, since the Redis tests read every key in theirs.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_TEST_URL"):
    _url = urllib.parse.urlsplit(os.environ["REDIS_TEST_URL"])
    _database = int(_url.path.strip("/") or 0) - int(_worker[2:])
    os.environ["REDIS_TEST_URL"] = urllib.parse.urlunsplit(_url._replace(path=f"/{_database}"))

# kpp_portal.budget: each test process its own slots, so parallel test processes (and parallel
# checkouts) never wait on each other's file checks; the budget tests set their own.
os.environ.setdefault("WORK_SLOTS_DIR", f"{tempfile.gettempdir()}/kpp-test-slots-{os.getpid()}")
