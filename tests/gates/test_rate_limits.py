"""Nobody can block a public form: only valid submissions use up a visitor's allowance, no
counter is shared by everyone behind a proxy, and every limit is one named row of one table."""
import ast
import hashlib
import hmac
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import RequestFactory
from django.urls import reverse

from complaints.models import CorruptionReport
from kpp_portal import antispam
from kpp_portal.models import RateLimitKey
from tests.complaints.conftest import report_data
from tests.conftest import require
from tests.services.conftest import fault_type, units  # noqa: F401 (fixtures of the E-Service form)

from .urls import CALLS

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def gate_urls(settings):
    settings.ROOT_URLCONF = "tests.gates.urls"
    CALLS.clear()


# What counts


def test_invalid_submissions_use_up_no_allowance(client, settings):
    settings.RATE_LIMIT_OVERRIDES = {"qa": (2, 3600)}
    assert [client.post("/test/limited-form", {}).status_code for _ in range(10)] == [400] * 10
    assert [client.post("/test/limited-form", {"text": "x"}).status_code for _ in range(3)] == [200, 200, 429]
    assert CALLS["saved"] == 2


def test_a_used_up_allowance_is_refused_before_the_form_is_validated(client, settings):
    settings.RATE_LIMIT_OVERRIDES = {"qa": (1, 3600)}
    client.post("/test/limited-form", {"text": "x"})
    assert client.post("/test/limited-form", {}).status_code == 429  # not 400: no validation ran


def test_look_ups_count_every_attempt(client, settings):
    settings.RATE_LIMIT_OVERRIDES = {"feedback-lookup": (3, 3600)}
    assert [client.get("/test/limited-lookup").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_empty_reports_do_not_block_a_reporter(client, settings):
    settings.RATE_LIMIT_OVERRIDES = {"complaint-submit": (2, 3600)}
    for _ in range(6):  # sent with nothing filled in
        assert client.post(reverse("complaints:report"), {"category": ""}).status_code == 400
    # Filed: the POST's answer is the receipt (each filing with its own one-time token).
    assert client.post(reverse("complaints:report"), report_data()).status_code == 200
    assert client.post(reverse("complaints:report"), report_data()).status_code == 200
    assert client.post(reverse("complaints:report"), report_data()).status_code == 429
    assert CorruptionReport.objects.count() == 2


def test_mistyped_receipts_that_are_empty_cost_no_guess(client, settings):
    settings.RATE_LIMIT_OVERRIDES = {"complaint-track": (2, 900)}
    for _ in range(5):
        assert client.post(reverse("complaints:track"), {"receipt": ""}).status_code == 400
    assert client.post(reverse("complaints:track"), {"receipt": "1" * 25}).status_code == 400
    assert client.post(reverse("complaints:track"), {"receipt": "2" * 25}).status_code == 400
    assert client.post(reverse("complaints:track"), {"receipt": "3" * 25}).status_code == 429


# Cheap checks first: the fields and the token before any picture is decoded


@pytest.fixture
def decoded(monkeypatch):
    """Every file the public forms decode or strip, by name, in order."""
    from complaints import evidence
    from services import files

    seen = []
    evidence_prepare, service_prepare = evidence.prepare, files.prepare

    def record_evidence(uploaded, *args, **kwargs):
        seen.append(uploaded.name)
        return evidence_prepare(uploaded, *args, **kwargs)

    def record_service(uploaded, *args, **kwargs):
        seen.append(uploaded.name)
        return service_prepare(uploaded, *args, **kwargs)

    monkeypatch.setattr(evidence, "prepare", record_evidence)
    monkeypatch.setattr(files, "prepare", record_service)
    return seen


def test_a_wrong_field_decodes_no_picture(client, fault_type, decoded):  # noqa: F811
    """The attack: big pictures posted with an invalid date. The date is refused first."""
    from tests.services.conftest import jpeg_with_gps, upload
    from tests.services.test_public import _answer_field, fault_data

    def picture():
        return [upload("big.jpg", jpeg_with_gps(), "image/jpeg")]

    date_field = _answer_field(fault_type, "date")
    for wrong in ({date_field: "32/13/2569"}, {"subject": ""}, {"form_token": "forged"}):
        data = {**fault_data(fault_type, **wrong), "photos": picture()}
        assert client.post(fault_type.get_absolute_url(), data).status_code == 400
    report = {**report_data(), "description": "สั้นไป", "files": picture()}
    assert client.post(reverse("complaints:report"), report).status_code == 400
    assert decoded == []
    # With every field right, the picture is decoded (and the request filed).
    data = {**fault_data(fault_type), "photos": [upload("fine.jpg", jpeg_with_gps(), "image/jpeg")]}
    assert client.post(fault_type.get_absolute_url(), data).status_code == 302
    assert decoded == ["fine.jpg"]


def test_a_request_is_counted_before_its_pictures_are_decoded(client, settings, fault_type, decoded):  # noqa: F811
    """A picture the portal refuses still uses up allowance: the count comes first, so a flood
    of bad pictures with valid fields is refused by the limit before anything is decoded."""
    from tests.services.conftest import upload
    from tests.services.test_public import fault_data

    settings.RATE_LIMIT_OVERRIDES = {"service-submit": (2, 3600)}

    def post():
        data = {**fault_data(fault_type), "photos": [upload("bad.jpg", b"not a picture", "image/jpeg")]}
        return client.post(fault_type.get_absolute_url(), data).status_code

    assert [post() for _ in range(4)] == [400, 400, 429, 429]
    assert decoded == ["bad.jpg", "bad.jpg"]


def test_a_malformed_receipt_runs_no_argon2id(client, monkeypatch):
    from complaints import crypto

    derived, receipt_keys = [], crypto.receipt_keys

    def counted(receipt):
        derived.append(receipt)
        return receipt_keys(receipt)

    monkeypatch.setattr(crypto, "receipt_keys", counted)
    for typed in ("", "123", "abcde-fghij", "1" * 60):
        assert client.post(reverse("complaints:track"), {"receipt": typed}).status_code == 400
    assert derived == []
    assert client.post(reverse("complaints:track"), {"receipt": "1" * 25}).status_code == 400
    assert derived == ["1" * 25]  # a well-formed guess costs the lookup, right or wrong


# Who counts


def test_behind_a_proxy_that_strips_the_address_one_reporter_cannot_block_the_others(client, settings):
    """The README's proxy drops X-Forwarded-For on /complaints/: every request then comes from
    the proxy. The app must not count them all as one visitor (the proxy limits per address)."""
    settings.TRUSTED_PROXY_HOPS = 1
    settings.RATE_LIMIT_OVERRIDES = {"complaint-submit": (2, 3600)}
    for _ in range(7):  # a flooder, then someone else: all from the proxy's address
        response = client.post(reverse("complaints:report"), report_data(), REMOTE_ADDR="127.0.0.1")
        assert response.status_code == 200
    assert CorruptionReport.objects.count() == 7


def test_behind_a_proxy_that_passes_the_address_each_visitor_counts_alone(client, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.RATE_LIMIT_OVERRIDES = {"qa": (1, 3600)}

    def post(address):
        return client.post("/test/limited-form", {"text": "x"}, HTTP_X_FORWARDED_FOR=address).status_code

    assert [post("198.51.100.7"), post("198.51.100.7"), post("198.51.100.8")] == [200, 429, 200]


# Where counters live, and under which key


def _redis_copy():
    """Every key of the limits Redis, as a copy of it would hold."""
    import redis

    return [key.decode() for key in redis.Redis.from_url(os.environ["REDIS_TEST_URL"]).keys("*")]


@pytest.fixture
def limits_in_redis(settings):
    url = os.environ.get("REDIS_TEST_URL")
    require(None if url else "set REDIS_TEST_URL (a scratch Redis database) to look at a copy of Redis")
    settings.CACHES = {**settings.CACHES, "limits": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    caches["limits"].clear()
    yield
    caches["limits"].clear()


def test_a_copy_of_redis_and_the_secret_key_do_not_tell_who_filed(client, settings, limits_in_redis):
    settings.TRUSTED_PROXY_HOPS = 1
    antispam._day_keys.clear()  # this process's copy of a key from a test rolled back since
    reporter = "203.0.113.77"
    response = client.post(reverse("complaints:report"), report_data(), HTTP_X_FORWARDED_FOR=reporter)
    assert response.status_code == 200
    copied = _redis_copy()
    assert len(copied) == 1 and "203.0.113" not in copied[0]
    # Trying every address of the block with SECRET_KEY (the whole of IPv4 is only 256 times
    # 2**24 of these) finds nothing…
    candidates = [f"203.0.113.{n}" for n in range(256)]

    def names(key):
        def name(address):
            return hmac.new(key, f"complaint-submit|{address}".encode(), hashlib.sha256).hexdigest()[:32]

        return {name(address): address for address in candidates}

    by_secret_key = names(django_settings.SECRET_KEY.encode())
    assert not [key for key in copied if key.rsplit(":", 1)[-1] in by_secret_key]
    # …while the key of the day, which lives only in the database, would.
    by_day_key = names(bytes.fromhex(RateLimitKey.objects.get().secret))
    assert [by_day_key[key.rsplit(":", 1)[-1]] for key in copied] == [reporter]


def test_the_key_changes_every_day_and_the_old_one_is_deleted():
    antispam._day_keys.clear()
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    with time_machine.travel("2026-11-01 09:00:00+07:00", tick=False) as traveller:
        first = antispam.counter_key(request, "qa")
        assert antispam.counter_key(request, "qa") == first
        traveller.move_to("2026-11-02 00:00:01+07:00")
        second = antispam.counter_key(request, "qa")
        assert second != first
        assert [str(day) for day in RateLimitKey.objects.values_list("day", flat=True)] == ["2026-11-02"]


def test_counters_are_apart_from_the_page_cache(client, settings):
    settings.RATE_LIMIT_OVERRIDES = {"qa": (1, 3600)}
    client.post("/test/limited-form", {"text": "x"})
    caches["default"].clear()  # the page cache's memory, evicted or flushed
    assert client.post("/test/limited-form", {"text": "x"}).status_code == 429


# One table


FILING = Path("kpp_portal/filing.py")  # the one filing flow: it passes on the name a view gives


def _over_limit_calls():
    """(path, call, the limit's name) of every over_limit() and filing.answer(limit=…)."""
    for path in REPO.glob("*/*.py"):
        if path.parts[-2] in {"tests", ".venv", "bench"} or path.name.startswith("test"):
            continue
        where = path.relative_to(REPO)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or where == FILING:
                continue
            called = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if called == "over_limit":
                yield where, node, node.args[1]
            elif called == "answer" and any(keyword.arg == "limit" for keyword in node.keywords):
                yield where, node, next(keyword.value for keyword in node.keywords if keyword.arg == "limit")


def test_every_limit_is_one_named_row_of_one_table():
    calls = list(_over_limit_calls())
    assert len(calls) >= 10, calls  # every public form and look-up
    for path, call, name in calls:
        assert isinstance(name, ast.Constant) and name.value in antispam.LIMITS, (path, call.lineno)
        if getattr(call.func, "attr", getattr(call.func, "id", "")) == "over_limit":
            # request, name and at most the form: no allowance or window at the call site.
            assert len(call.args) <= 3 and not call.keywords, (path, call.lineno)
        given = [*call.args, *(keyword.value for keyword in call.keywords)]
        assert not any(isinstance(arg, ast.Constant) and isinstance(arg.value, int) for arg in given)
    rate_settings = {name for name in dir(django_settings)
                     if re.search(r"RATE_(LIMIT|WINDOW)|LIMIT_PER_", name)}
    assert rate_settings == {"RATE_LIMIT_OVERRIDES"}  # overrides go through the table


def test_an_override_changes_one_row(settings):
    settings.RATE_LIMIT_OVERRIDES = {"qa": (2, 60)}
    assert antispam.rate("qa") == (2, 60)
    assert antispam.rate("opinion") == antispam.LIMITS["opinion"]


@pytest.mark.parametrize("value, message", [
    ("qa=3/60,nonsense=1/2", "RATE_LIMIT_OVERRIDES names no such limit: nonsense"),
    ("qa=three/60", "RATE_LIMIT_OVERRIDES: write name=allowance/seconds, not 'qa=three/60'"),
])
def test_a_wrong_override_stops_the_portal_at_start(value, message):
    env = {**os.environ, "RATE_LIMIT_OVERRIDES": value, "DJANGO_SETTINGS_MODULE": "kpp_portal.settings"}
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=REPO, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0 and message in result.stderr
