"""The shipped reverse proxy, run for real: gunicorn behind deploy/nginx/kpp-portal.conf (the
drill of bench.proxy). CI installs Debian's nginx and Chromium for it; locally it skips
without them."""
import os
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from bench.proxy import NGINX, Drill, browser_drill, free_ports, run_checks
from tests.conftest import _chromium_missing_reason, require

pytestmark = [pytest.mark.proxy, pytest.mark.postgres]


@pytest.fixture
def drill(transactional_db, tmp_path):
    require(None if Path(NGINX).exists() else "nginx not found (apt-get install nginx)")
    # Two workers share the follow-up's handle through the cache, as in production.
    redis = os.environ.get("REDIS_TEST_URL")
    require(None if redis else "set REDIS_TEST_URL (a scratch Redis database) for the drill's shared cache")
    database = settings.DATABASES["default"]
    url = (f"postgres://{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
           f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}")
    http_port, https_port = free_ports(18080)
    env = {"DATABASE_URL": url, "CACHE_URL": redis, "RATE_LIMIT_CACHE_URL": redis}
    with Drill(tmp_path, http_port, https_port, env) as running:
        yield running


def test_gunicorn_behind_the_shipped_nginx(drill):
    """Logs keep no address, user agent, second or channel path; a flooder's neighbour files and
    follows up; limits per IPv4 address and IPv6 /64, filing and following up apart, E-Service
    too; body limit, /media/ headers, static caching, HTTPS."""
    results = run_checks(drill)
    assert [name for name, ok, _detail in results if not ok] == [], results


def test_a_browser_filing_and_an_officer_reading_leave_nothing_in_any_log(drill):
    """Chromium files a report with a file through nginx (fetching every asset: none that the
    home page does not fetch), a legal officer logs in with TOTP and opens it; no log holds the
    seconds of those requests, the browser's user agent, or the channel's paths."""
    require(_chromium_missing_reason())
    results = browser_drill(drill)
    assert [name for name, ok, _detail in results if not ok] == [], results


def test_the_shipped_log_format_holds_no_address_agent_referer_query_or_second():
    """Read without nginx: what the site's access log may hold, and that every server of the
    file logs only in that format (or not at all)."""
    import re

    from bench.proxy import SITE_CONFIG

    config = SITE_CONFIG.read_text(encoding="utf-8")
    log_format = re.search(r"log_format kpp_portal '([^']*)';", config).group(1)
    assert set(re.findall(r"\$\w+", log_format)) == {
        "$kpp_log_minute", "$request_method", "$uri", "$status", "$body_bytes_sent", "$request_time"}
    # The minute: the date and the hour and minute of $time_iso8601, never its seconds.
    assert 'map $time_iso8601 $kpp_log_minute {\n    "~^([0-9-]+T[0-9]+:[0-9]+)"  $1;' in config
    access_logs = re.findall(r"^\s*access_log ([^;]*);", config, re.MULTILINE)
    assert access_logs and all(line == "off" or line.endswith(" kpp_portal") for line in access_logs)
    error_logs = re.findall(r"^\s*error_log ([^;]*);", config, re.MULTILINE)
    assert error_logs == ["/dev/null"] * config.count("\nserver {")
