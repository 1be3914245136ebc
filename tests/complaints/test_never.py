"""Every "never" of the anti-corruption channel, proved."""
import io
import logging
import re

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from complaints.models import CorruptionReport, ReportFile

from .conftest import jpeg_with_gps, receipt_from, reply_data, report_data, uploaded

pytestmark = pytest.mark.django_db
CLIENT_ADDRESS = "203.0.113.77"
CLIENT_AGENT = "WhistleAgent/9.9 (UniqueDevice-XYZ)"
CLIENT_HEADERS = {"REMOTE_ADDR": CLIENT_ADDRESS, "HTTP_USER_AGENT": CLIENT_AGENT,
                  "HTTP_X_FORWARDED_FOR": "198.51.100.23", "HTTP_REFERER": "https://intranet.example/leak"}


def _all_rows_text():
    """Every row of every table, as text (sessions decoded too)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            chunks.append(repr(cursor.fetchall()))
    from django.contrib.sessions.models import Session

    chunks += [repr(session.get_decoded()) for session in Session.objects.all()]
    return "\n".join(chunks)


def _file_and_track(client):
    response = client.post(reverse("complaints:report"),
                           {**report_data(), "files": [uploaded("a.jpg", jpeg_with_gps())]}, follow=True,
                           **CLIENT_HEADERS)
    receipt = receipt_from(response)
    client.post(reverse("complaints:track"), {"receipt": receipt}, **CLIENT_HEADERS)
    client.post(reverse("complaints:track_report"), reply_data("ตอบกลับ"), **CLIENT_HEADERS)
    client.post(reverse("complaints:track"), {"receipt": "9" * 25}, **CLIENT_HEADERS)


def test_no_client_identifier_in_any_row_or_file(client, settings):
    _file_and_track(client)
    assert CorruptionReport.objects.count() == 1 and ReportFile.objects.count() == 1
    text = _all_rows_text()
    for identifier in (CLIENT_ADDRESS, "198.51.100.23", "WhistleAgent", "UniqueDevice", "intranet.example"):
        assert identifier not in text
    for path in settings.PRIVATE_MEDIA_ROOT.rglob("*"):
        if path.is_file():
            assert CLIENT_ADDRESS.encode() not in path.read_bytes()
    # No model of the app even has a column for one.
    for model in apps.get_app_config("complaints").get_models():
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"ip", "ip_address", "user_agent", "remote_addr"}


def test_portal_logging_writes_nothing_for_complaint_requests(client, settings):
    """Route the portal's configured handlers into a buffer and log at the most verbose level."""
    from kpp_portal.logging import DropComplaintRequests

    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(DropComplaintRequests())
    # Request loggers at their most verbose; template debug chatter (which lists URL patterns) aside.
    loggers = [logging.getLogger(name)
               for name in ("django.request", "django.server", "django.security.csrf")]
    saved = [(lg, lg.level) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    try:
        _file_and_track(client)
        client.get("/complaints/no-such-page/", **CLIENT_HEADERS)  # a 404 is logged by django.request
        client.get("/no-such-page-elsewhere/")
        client.get("/admin/complaints/no-such-page/")
        # A CSRF refusal elsewhere names its Referer: one from the channel leaves no line.
        settings.ALLOWED_HOSTS = ["www.kppmu.go.th"]
        for referer in ("https://elsewhere.example/complaints/report/", "https://elsewhere.example/news/"):
            Client(enforce_csrf_checks=True).post(
                "/feedback/", {}, secure=True, HTTP_HOST="www.kppmu.go.th", HTTP_REFERER=referer,
                HTTP_COOKIE="csrftoken=" + "x" * 32)
    finally:
        for lg, level in saved:
            lg.removeHandler(handler)
            lg.setLevel(level)
    output = buffer.getvalue()
    assert "/complaints" not in output and CLIENT_ADDRESS not in output
    # The handler did log other requests: the test can fail.
    assert "no-such-page-elsewhere" in output and "elsewhere.example/news/" in output
    console = logging.getLogger("django.server").handlers
    assert any(isinstance(f, DropComplaintRequests) for h in console for f in h.filters)


ASSET_RE = re.compile(
    r'<(?:script|img|iframe|link|source|video|audio|embed|object)\b[^>]*\b(?:src|href|data)="([^"]+)"'
)
ACTION_RE = re.compile(r'<form\b[^>]*\baction="([^"]+)"')


@pytest.mark.parametrize("name", ["complaints:index", "complaints:manual", "complaints:report",
                                  "complaints:track", "complaints:stats"])
def test_no_third_party_requests_or_cookies_beyond_the_form(client, name):
    response = client.get(reverse(name))
    page = response.content.decode()
    for url in ASSET_RE.findall(page) + ACTION_RE.findall(page):
        assert url.startswith("/") and not url.startswith("//"), url
    assert "google" not in page.lower() and "analytics" not in page.lower()
    assert set(response.cookies) <= {"csrftoken", "sessionid"}


def test_no_half_written_report_when_storage_fails(client, settings, monkeypatch):
    from complaints.models import private_storage

    private_storage.exists("x")  # resolve the lazy storage
    real_save = type(private_storage._wrapped)._save
    calls = {"n": 0}

    def failing_save(self, name, content):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real_save(self, name, content)

    monkeypatch.setattr(type(private_storage._wrapped), "_save", failing_save)
    files = [uploaded("a.jpg", jpeg_with_gps()), uploaded("b.jpg", jpeg_with_gps())]
    response = client.post(reverse("complaints:report"), {**report_data(), "files": files})
    assert response.status_code == 503
    assert "ไม่ได้เก็บข้อมูลใด ๆ" in response.content.decode()
    assert "นายตรวจ" in response.content.decode()  # typed text kept
    assert CorruptionReport.objects.count() == 0 and ReportFile.objects.count() == 0
    stored = [p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()]
    assert stored == [] and calls["n"] == 2


def test_nothing_reaches_the_general_channel_or_mail(client):
    from kpp_portal.models import MunicipalityProfile

    MunicipalityProfile.current()  # the identity record every page reads
    counts = {model: model.objects.count() for model in apps.get_models()
              if model._meta.app_label not in ("complaints", "sessions")}
    _file_and_track(client)
    assert {model: model.objects.count() for model in counts} == counts
    assert mail.outbox == []


def test_report_text_is_encrypted_in_raw_rows(client):
    _file_and_track(client)
    text = _all_rows_text()
    for secret in ("เรียกรับเงิน", "นายตรวจ", "กองช่าง", "ตอบกลับ", "a.jpg"):
        assert secret not in text
    assert "k2:" in text  # each report under its own data key (complaints/keys.py)


def test_no_referrer_pages_still_refuse_forged_posts(db):
    """Origin: null (what no-referrer pages send) passes the origin check, never the token check."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(reverse("complaints:report"))
    token = page.cookies["csrftoken"].value
    forged = browser.post(reverse("complaints:report"), report_data(), HTTP_ORIGIN="null")
    assert forged.status_code == 403
    cross_site = browser.post(reverse("complaints:report"), {**report_data(), "csrfmiddlewaretoken": token},
                              HTTP_ORIGIN="https://evil.example")
    assert cross_site.status_code == 403
    genuine = browser.post(reverse("complaints:report"), {**report_data(), "csrfmiddlewaretoken": token},
                           HTTP_ORIGIN="null", secure=True)
    assert genuine.status_code == 200 and CorruptionReport.objects.count() == 1


@pytest.mark.parametrize("missing", ["COMPLAINT_RECEIPT_PEPPER"])
def test_production_refuses_to_start_without_keys(missing):
    """DEBUG off and no pepper: ImproperlyConfigured, never a silent default. (The server key,
    COMPLAINT_ENCRYPTION_KEYS, is retired: reports have per-person keys; complaints.checks warns
    while any report still needs it.)"""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != missing and k != f"{missing}_FILE"}
    env.update(DEBUG="false", DJANGO_SETTINGS_MODULE="kpp_portal.settings")
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr
    env[missing] = os.environ[missing]
    ok = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env,
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr

