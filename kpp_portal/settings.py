"""Settings for the Kamphaeng Phet transparency portal.

Everything that differs between a laptop and production comes from environment variables,
read here once through small typed helpers. A `NAME_FILE` variable (a path) takes precedence
over `NAME` for secrets, so they can come from mounted secret files. The README lists them all.
"""
import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default):
    return _env_number(name, default, int, "a whole number")


def env_float(name, default):
    return _env_number(name, default, float, "a number")


def _env_number(name, default, kind, description):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return kind(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be {description}, not {value!r}") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_rate_limits(name):
    """{limit name: (allowance, window in seconds)} from "complaint-submit=10/3600,qa=3/3600"."""
    limits = {}
    for item in env_list(name):
        limit_name, _, value = item.partition("=")
        allowance, _, window = value.partition("/")
        try:
            limits[limit_name.strip()] = (int(allowance), int(window))
        except ValueError:
            raise ImproperlyConfigured(f"{name}: write name=allowance/seconds, not {item!r}") from None
    return limits


def env_secret(name, default=""):
    """A secret from NAME_FILE (a path, e.g. a Docker/Kubernetes secret) or from NAME."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


DEBUG = env_bool("DEBUG", False)
# A development key only works with DEBUG on; production must set SECRET_KEY.
SECRET_KEY = env_secret("SECRET_KEY", "dev-insecure-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE), or DEBUG=true for development.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Absolute address of the portal, for feeds, exports, e-mails and the ITA submission sheet.
# Unset, it is the development server's, on the port `make run` was given (PORT).
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")
# The licence every dataset of the DCAT catalogue (/open-data/) is published under.
OPEN_DATA_LICENSE_URL = env_str("OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/")
OPEN_DATA_LICENSE_TITLE = env_str("OPEN_DATA_LICENSE_TITLE", "Creative Commons Attribution 4.0 (CC BY 4.0)")

INSTALLED_APPS = [
    "kpp_portal.admin_apps.PortalAdminConfig",  # django.contrib.admin with Buddhist-Era dates
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "kpp_portal.admin_apps.OutboxConfig",  # django-post-office, named in Thai
    "kpp_portal",
    "disclosures",
    "committees",
    "feedback",
    "procurement",
    "complaints",
    "municipality",
    "council",
    "search",
    "services",
    "budget",
    "alerts",
]

MIDDLEWARE = [
    # First, so that every later layer sees the request being served (kpp_portal/serving.py).
    "kpp_portal.serving.ServingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Refuses an oversized body from its Content-Length before anything reads it.
    "kpp_portal.middleware.RequestSizeLimitMiddleware",
    # Each request's budget of file work (pixels, seconds), dropped when the view returns.
    "kpp_portal.budget.RequestBudgetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kpp_portal.errors.DatabaseUnavailableMiddleware",
    # Before sessions and auth, so a cached page skips them (kpp_portal/pagecache.py).
    "kpp_portal.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kpp_portal.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kpp_portal.middleware.SessionCsrfCookieMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "complaints.session.KeyringMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "complaints.login_throttle.StaffDeviceMiddleware",
]

ROOT_URLCONF = "kpp_portal.urls"
WSGI_APPLICATION = "kpp_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kpp_portal.context_processors.municipality",
            ],
            "builtins": ["kpp_portal.templatetags.thai"],
        },
    }
]

# SQLite for a newcomer's first run; PostgreSQL (DATABASE_URL) in CI and production.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the database is gone instead of hanging a worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 3)
    # The planner's price of reading a page out of order. PostgreSQL's 4 is for spinning disks;
    # with it, a search for a word in a fifth of the entries reads the whole table instead of
    # the full-text index (and through a small ring buffer, from the OS cache every time).
    random_page_cost = env_float("DB_RANDOM_PAGE_COST", 1.1)
    # libpq's PGOPTIONS, which an `options` of our own would otherwise replace, still applies.
    DATABASES["default"]["OPTIONS"]["options"] = " ".join(
        [f"-c random_page_cost={random_page_cost}", *os.environ.get("PGOPTIONS", "").split()])
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache(name, url):
    if url.startswith(("redis://", "rediss://")):
        # Django's RedisCache that answers a miss when Redis fails (kpp_portal/cachebackend.py).
        return {"BACKEND": "kpp_portal.cachebackend.TolerantRedisCache", "LOCATION": url}
    if url in ("", "locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    raise ImproperlyConfigured(f"{name} must be redis://… or locmem://")


# A shared cache (Redis) when several app servers serve one portal: the page cache and other
# short-lived copies, evicted least-recently-used when memory runs short. Rate-limit counters
# live apart ("limits"), in a Redis that never evicts, so no flood of pages can push them out
# (README, Production topology); without RATE_LIMIT_CACHE_URL they share CACHE_URL.
CACHE_URL = env_str("CACHE_URL")
CACHES = {
    "default": _cache("CACHE_URL", CACHE_URL),
    "limits": _cache("RATE_LIMIT_CACHE_URL", env_str("RATE_LIMIT_CACHE_URL", CACHE_URL)),
}
# Operators' changes to the named rate limits of kpp_portal.antispam.LIMITS.
RATE_LIMIT_OVERRIDES = env_rate_limits("RATE_LIMIT_OVERRIDES")
# Rows per page of every public list (kpp_portal/paging.py).
PAGE_SIZE = env_int("PAGE_SIZE", 20)

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first; English through the catalogue in locale/.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ภาษาไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Complaint evidence never lives under MEDIA_URL: it is served only by permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Largest upload accepted anywhere (bytes); each form may set a lower limit.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# Largest picture accepted anywhere (width × height), checked from the header before decoding:
# a 400 KB PNG can decode to 300 MB. 50 million covers a 48-megapixel phone photo.
UPLOAD_MAX_PIXELS = env_int("UPLOAD_MAX_PIXELS", 50_000_000)
# Largest request body (bytes), refused from its Content-Length before it is read: the largest
# legitimate request is a corruption report with its most evidence files (5 × 10 MB) and its
# text. The reverse proxy refuses the same (client_max_body_size 55m in deploy/nginx).
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 55 * 1024 * 1024)
# Work on untrusted files (kpp_portal/budget.py): each file is read in a child process with
# this much memory over the worker's own and the request's remaining seconds; pictures count
# against a pixel budget per request, not only per picture.
UPLOAD_WORK_SECONDS = env_float("UPLOAD_WORK_SECONDS", 4.0)
UPLOAD_WORK_MEMORY_MB = env_int("UPLOAD_WORK_MEMORY_MB", 1024)
UPLOAD_MAX_PIXELS_PER_REQUEST = env_int("UPLOAD_MAX_PIXELS_PER_REQUEST", 2 * UPLOAD_MAX_PIXELS)
# Expensive work at once on this machine, across every worker process (file locks, no Redis):
# file checks and Argon2id (32 MiB each). A request that finds no slot within the wait is told
# in Thai to try again (503). Each kind may take at most half of gunicorn's workers (it reads
# WEB_CONCURRENCY too), so a flood of pictures or of receipt look-ups leaves workers for pages.
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", 4)
WORK_SLOTS = {"files": env_int("WORK_SLOTS_FILES", max(1, WEB_CONCURRENCY // 2)),
              "argon2id": env_int("WORK_SLOTS_ARGON2ID", max(1, WEB_CONCURRENCY // 2))}
WORK_SLOT_WAIT_SECONDS = env_float("WORK_SLOT_WAIT_SECONDS", 0.25)
# Per deployment (systemd's RuntimeDirectory), so two checkouts on one machine do not share slots.
_checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]
WORK_SLOTS_DIR = Path(env_str("WORK_SLOTS_DIR", f"{tempfile.gettempdir()}/kpp-portal-slots-{_checkout}"))
# The text inside published files (search/reading.py, `manage.py read_documents`): what the index
# keeps of one file (a tsvector holds at most 1 MB), and the limits of OCR on one scan.
DOCUMENT_TEXT_MAX_PAGES = env_int("DOCUMENT_TEXT_MAX_PAGES", 300)
DOCUMENT_TEXT_MAX_CHARACTERS = env_int("DOCUMENT_TEXT_MAX_CHARACTERS", 200_000)
DOCUMENT_OCR_SECONDS = env_float("DOCUMENT_OCR_SECONDS", 900.0)
DOCUMENT_OCR_MEMORY_MB = env_int("DOCUMENT_OCR_MEMORY_MB", 2048)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# A link typed without a scheme is an https one, in every form: Django 6's default, taken now
# (Django warns once that the setting will go, instead of once for every form with a link).
FORMS_URLFIELD_ASSUME_HTTPS = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@kppmu.go.th")
# Every e-mail goes through the outbox (kpp_portal/outbox.py, django-post-office's queue), which
# sends through EMAIL_BACKEND when `manage.py send_outbox` runs; a failure is retried
# MAX_RETRIES times, RETRY_INTERVAL apart. Rows are the record of what was sent.
POST_OFFICE = {
    "MAX_RETRIES": env_int("OUTBOX_MAX_RETRIES", 6),
    "RETRY_INTERVAL": timedelta(minutes=env_int("OUTBOX_RETRY_MINUTES", 15)),
    "DEFAULT_PRIORITY": "medium",
    "LOG_LEVEL": 1,  # failures only: a sent message's row is its record
    "MESSAGE_ID_ENABLED": True,
    "CELERY_ENABLED": False,
}
# Each message sent when its transaction commits instead of by send_outbox (the tests).
OUTBOX_SEND_AT_ONCE = env_bool("OUTBOX_SEND_AT_ONCE", False)

# Security headers. HTTPS settings default on whenever DEBUG is off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# No inline script anywhere, and nothing loaded from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],  # Django admin widgets set style="" attributes
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # Whistleblowers must stay unidentifiable: request lines under /complaints/ are not logged.
        "drop_complaint_requests": {"()": "kpp_portal.logging.DropComplaintRequests"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["drop_complaint_requests"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # WeasyPrint tells each step of every PDF at INFO; its warnings are worth keeping.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

LOGIN_URL = "admin:login"

# --- Scale-out: shared file storage ---
# Several app servers serve one portal only if no file lives on one server's disk. Local disk
# (the default) suits one server or a shared mount; STORAGE_BACKEND=s3 puts both storages in
# S3-compatible object storage through django-storages. Private files (complaint evidence) sit
# under their own prefix and are only ever read through permission-checked views; public media
# keys sit under public/, which the reverse proxy serves at /media/ on the portal's own host
# (S3_MEDIA_DOMAIN, e.g. "transparency.kppmu.go.th/media"), so pages load nothing from
# another host. Without S3_MEDIA_DOMAIN public media URLs are short-lived signed bucket URLs.
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")
if STORAGE_BACKEND == "s3":
    _S3_OPTIONS = {
        "bucket_name": env_str("S3_BUCKET"),
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "access_key": env_secret("S3_ACCESS_KEY_ID"),
        "secret_key": env_secret("S3_SECRET_ACCESS_KEY"),
        "default_acl": None,  # the bucket is private; nothing is made public object by object
        "file_overwrite": False,
        "querystring_expire": 300,
    }
    if not _S3_OPTIONS["bucket_name"]:
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs S3_BUCKET")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_S3_OPTIONS, "location": "public", "custom_domain": env_str("S3_MEDIA_DOMAIN") or None,
                    "url_protocol": "https:"},
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_S3_OPTIONS, "location": "private", "querystring_auth": True},
    }
elif STORAGE_BACKEND != "local":
    raise ImproperlyConfigured("STORAGE_BACKEND must be local or s3")

# --- Public page cache ---
# Whole public pages for readers without a session, in the shared cache (kpp_portal/pagecache.py):
# a save by staff or a command invalidates them at once; this is the longest a page can lag
# behind a bulk write or a scheduled publication. 0 turns the cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# Parts of public pages that are the same for every visitor (lists, tables, figures), kept for
# staff, readers with a session and uncached pages too, under the same invalidation
# (kpp_portal/fragments.py); the longest such a part can lag behind a write without signals.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 60)

# --- municipality: news and the Q&A board ---
# A question unanswered for more than this many days is flagged to staff (admin + cron command).
QA_UNANSWERED_DAYS = env_int("QA_UNANSWERED_DAYS", 7)

# committees: public participation forms (consultation opinions, the general opinion channel).
# Days after which contact details given with opinions/general messages are wiped
# (purge_participation_contacts).
PARTICIPATION_CONTACT_RETENTION_DAYS = env_int("PARTICIPATION_CONTACT_RETENTION_DAYS", 365)
# An e-mail alert subscription not confirmed from its mail within this many days is deleted.
ALERTS_UNCONFIRMED_DAYS = env_int("ALERTS_UNCONFIRMED_DAYS", 3)

# --- procurement ---
# OCDS identifiers: the ocid prefix the Open Contracting Partnership registers for the municipality
# (e.g. "ocds-a1b2c3"), followed by "-<fiscal year>-<item>". Empty until registered: no OCDS is
# published then (a made-up prefix would look real), and `manage.py check` says so.
OCDS_OCID_PREFIX = env_str("OCDS_OCID_PREFIX", "")

# --- Reverse proxies in front ---
# How many trusted proxies append to X-Forwarded-For before a request reaches gunicorn
# (nginx alone: 1; a load balancer and nginx: 2). Rate limits then count per visitor instead
# of per proxy, and not at all where the proxies pass no address on. 0 (the default) uses the
# connection's address, right without a proxy. Trust needs gunicorn reachable only by the proxy
# (a socket or loopback): anyone else could write X-Forwarded-For themselves.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)

# --- complaints: the anti-corruption channel ---
# Each report is encrypted under its own data key, sealed to the people who may read it
# (complaints/keys.py); the server alone opens nothing. COMPLAINT_ENCRYPTION_KEYS is the retired
# server key (Fernet keys, comma-separated; the first encrypts, all decrypt): needed only while
# a report filed before per-person keys has not been moved (`migrate_complaint_keys`; the
# settings check warns until then), then removed. The receipt pepper salts the Argon2id that
# turns a whistleblower's receipt into its lookup digest and the key opening their report.
_DEV_COMPLAINT_KEY = "ZGV2LW9ubHktY29tcGxhaW50LWtleS0wMDAwMDAwMDA="  # DEBUG only, never production
COMPLAINT_ENCRYPTION_KEYS = [
    key.strip() for key in env_secret("COMPLAINT_ENCRYPTION_KEYS").split(",") if key.strip()
]
COMPLAINT_RECEIPT_PEPPER = env_secret("COMPLAINT_RECEIPT_PEPPER")
if DEBUG:
    COMPLAINT_ENCRYPTION_KEYS = COMPLAINT_ENCRYPTION_KEYS or [_DEV_COMPLAINT_KEY]
    COMPLAINT_RECEIPT_PEPPER = COMPLAINT_RECEIPT_PEPPER or "dev-only-receipt-pepper"
if not COMPLAINT_RECEIPT_PEPPER:
    raise ImproperlyConfigured("Set COMPLAINT_RECEIPT_PEPPER (or its *_FILE), or DEBUG=true.")
# Fingerprints (SHA-256 hex of the Ed25519 public key) of the signing keys every reader's key must
# be endorsed back to (complaints/recipients.py): outside the database, so that a row written
# there seats no reader. Set by `first_legal_officer` (it writes COMPLAINT_KEY_ROOTS_FILE if that
# names a file); with DEBUG the demo writes DEV_KEY_ROOTS_FILE.
DEV_KEY_ROOTS_FILE = PRIVATE_MEDIA_ROOT / "dev-complaint-key-roots"
_key_roots = env_secret("COMPLAINT_KEY_ROOTS")
if DEBUG and not _key_roots and DEV_KEY_ROOTS_FILE.exists():
    _key_roots = DEV_KEY_ROOTS_FILE.read_text(encoding="utf-8")
COMPLAINT_KEY_ROOTS = [root.strip() for root in _key_roots.replace("\n", ",").split(",") if root.strip()]
# Argon2id costs, chosen from `python -m bench.keys` (README "Per-person keys"): a person's
# password unwraps their private key once per login; a receipt look-up (and every guess at one)
# costs one derivation, kept under ~0.5 s on the 2-core server. Changing them affects only keys
# wrapped afterwards (each wrapped key records its own); receipts already issued keep theirs.
COMPLAINT_PERSON_KDF_MEMORY_KIB = env_int("COMPLAINT_PERSON_KDF_MEMORY_KIB", 64 * 1024)
COMPLAINT_PERSON_KDF_ITERATIONS = env_int("COMPLAINT_PERSON_KDF_ITERATIONS", 3)
COMPLAINT_RECEIPT_KDF_MEMORY_KIB = env_int("COMPLAINT_RECEIPT_KDF_MEMORY_KIB", 32 * 1024)
COMPLAINT_RECEIPT_KDF_ITERATIONS = env_int("COMPLAINT_RECEIPT_KDF_ITERATIONS", 3)
COMPLAINT_ACKNOWLEDGE_DAYS = env_int("COMPLAINT_ACKNOWLEDGE_DAYS", 15)
COMPLAINT_CONCLUDE_DAYS = env_int("COMPLAINT_CONCLUDE_DAYS", 90)
COMPLAINT_DUE_SOON_DAYS = env_int("COMPLAINT_DUE_SOON_DAYS", 3)
COMPLAINT_UPLOAD_MAX_BYTES = env_int("COMPLAINT_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
COMPLAINT_MAX_FILES = env_int("COMPLAINT_MAX_FILES", 5)
# Two reports saying the same within this many hours are marked in the legal queue as a likely repeat.
COMPLAINT_REPEAT_WINDOW_DAYS = env_int("COMPLAINT_REPEAT_WINDOW_DAYS", 3)
COMPLAINT_TRACK_IDLE_SECONDS = env_int("COMPLAINT_TRACK_IDLE_SECONDS", 15 * 60)
COMPLAINT_STAFF_IDLE_SECONDS = env_int("COMPLAINT_STAFF_IDLE_SECONDS", 15 * 60)
COMPLAINT_RETENTION_DAYS = env_int("COMPLAINT_RETENTION_DAYS", 5 * 365)
# After retention, "anonymise" keeps each report's row without text, identity, messages or
# files; "delete" removes the row too, keeping only its numbers for the statistics.
COMPLAINT_PURGE_MODE = env_str("COMPLAINT_PURGE_MODE", "anonymise")
if COMPLAINT_PURGE_MODE not in ("anonymise", "delete"):
    raise ImproperlyConfigured("COMPLAINT_PURGE_MODE must be anonymise or delete")
COMPLAINT_STATS_FIRST_YEAR = env_int("COMPLAINT_STATS_FIRST_YEAR", 2562)

# --- complaints: the accounts that reach reports, and the staff login throttle ---
# Joining ฝ่ายนิติการ or ผู้บังคับบัญชา takes two people and every change to those accounts is
# audited and e-mailed (complaints/accounts.py); the authenticator app names the portal by host.
OTP_TOTP_ISSUER = urlparse(SITE_URL).hostname or "portal"
# Staff logins (django-axes): failures counted per account and address together and per
# address, for /admin/ only and never /complaints/, in the cache; a locked pair or address
# waits this long. Per account alone a slower named limit ("staff-login-account",
# complaints/login_throttle.py): counting an account alone in axes would let anyone who knows
# a user name lock that officer out.
AUTHENTICATION_BACKENDS = [
    "complaints.login_throttle.StaffLoginBackend",
    # ModelBackend that also unwraps the person's complaint key with the password (keys.py).
    "complaints.session.KeyUnlockingBackend",
]
AXES_HANDLER = "complaints.login_throttle.StaffLoginHandler"
# Beside the rate-limit counters, where no flood of cached pages can evict them.
AXES_CACHE = "limits"
AXES_FAILURE_LIMIT = env_int("STAFF_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(seconds=env_int("STAFF_LOGIN_LOCKOUT_SECONDS", 15 * 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_ONLY_ADMIN_SITE = True
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout do not restart it, so the page can say how long to wait.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "kpp_portal.antispam.client_address"
AXES_LOCKOUT_CALLABLE = "complaints.login_throttle.lockout_response"
AXES_ENABLE_ADMIN = False  # the cache handler keeps no rows to show
AXES_VERBOSE = False

# --- disclosures (public documents, ITA/OIT checklist) ---
# Largest attachment an editor may upload to a public document (bytes).
DISCLOSURES_UPLOAD_MAX_BYTES = env_int("DISCLOSURES_UPLOAD_MAX_BYTES", UPLOAD_MAX_BYTES)

# --- services: E-Service requests and official-information requests ---
# How close to its deadline (in working days) an open request counts as "due soon".
SERVICE_DUE_SOON_WORKING_DAYS = env_int("SERVICE_DUE_SOON_WORKING_DAYS", 2)
# Largest photo or attachment of a request or reply, and files per upload field.
SERVICE_UPLOAD_MAX_BYTES = env_int("SERVICE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
SERVICE_MAX_FILES = env_int("SERVICE_MAX_FILES", 5)
# Idle time after which a follow-up session (opened with reference + code) ends.
SERVICE_TRACK_IDLE_SECONDS = env_int("SERVICE_TRACK_IDLE_SECONDS", 30 * 60)
# How long the browser that filed a request may show its reference and code again (a reload of
# the "sent" page), and within which the same request sent again from it files nothing new.
SERVICE_SENT_KEEP_SECONDS = env_int("SERVICE_SENT_KEEP_SECONDS", 30 * 60)
# Days the municipality gives itself to forward an appeal handed in at its office, with its
# explanation, to the Official Information Commission. The Act sets no such period for an agency
# (the appeal is addressed to the Commission's chairman, section 18); seven mirrors the seven days
# section 37 gives the Commission to send an appeal on to its tribunal.
SERVICE_APPEAL_FORWARD_DAYS = env_int("SERVICE_APPEAL_FORWARD_DAYS", 7)
