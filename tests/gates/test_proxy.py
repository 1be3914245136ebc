"""The shipped reverse proxy, run for real: gunicorn behind deploy/nginx/kpp-portal.conf (the
drill of bench.proxy). CI installs Debian's nginx and Chromium for it; locally it skips
without them."""
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from bench.proxy import NGINX, SITE_CONFIG, Drill, browser_drill, free_ports, run_checks
from tests.conftest import require

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


def test_a_browser_filing_and_an_officer_reading_leave_nothing_in_any_log(drill, browser):
    """Chromium files a report with a file through nginx (fetching every asset: none that the
    home page does not fetch), a legal officer logs in with TOTP and opens it; no log holds the
    seconds of those requests, the browser's user agent, or the channel's paths."""
    # The session's Playwright (tests/conftest.py `browser`): a second sync_playwright in the
    # process refuses to start; the drill launches its own Chromium, mapped to nginx, from it.
    results = browser_drill(drill, browser.browser_type)
    assert [name for name, ok, _detail in results if not ok] == [], results


def test_the_shipped_log_format_holds_no_address_agent_referer_query_or_second():
    """Read without nginx: what the site's access log may hold, and that every server of the
    file logs only in that format (or not at all)."""
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


@pytest.mark.parametrize("addresses", [
    # Each group: addresses of one /64, however nginx writes them (it shortens the longest run of
    # zero groups to "::").
    ["2001:db8:1:2::a", "2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2:0:0:1:0"],
    ["2001:db8::5", "2001:db8:0:0:1:0:0:1", "2001:db8:0:0:1:2::", "2001:db8::1:2:3:4"],
    ["2001:db8:7::", "2001:db8:7:0:1::1", "2001:db8:7::9:9:9"],
    ["2001::1", "2001:0:0:0:5:6:7:8", "2001:0:0:0:1::"],
    ["::1", "0:0:0:0:1:2:3:4"],
    ["::5:6:7:8:9", "0:0:0:5:1::"],
    ["2001::5:6:7:8:9", "2001:0:0:5:9::"],
    ["::5:6:7:8:9:a", "0:0:5:6:1::"],
])
def test_nginx_counts_one_client_per_ipv6_64(tmp_path, addresses):
    """The shipped map from address to client, run by nginx: one key per /64, another for the
    next /64, and IPv4 addresses apart."""
    require(None if Path(NGINX).exists() else "nginx not found (apt-get install nginx)")
    config = SITE_CONFIG.read_text(encoding="utf-8")
    client_map = re.search(r"^map \$remote_addr \$kpp_client \{.*?^\}", config, re.S | re.M).group(0)
    (port,) = free_ports(18090, 1)
    for folder in ("log", "temp"):
        (tmp_path / folder).mkdir()
    (tmp_path / "nginx.conf").write_text(f"""{"user root;" if os.geteuid() == 0 else ""}
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/log/error.log;
events {{ worker_connections 16; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/temp;
    proxy_temp_path {tmp_path}/temp;
    fastcgi_temp_path {tmp_path}/temp;
    uwsgi_temp_path {tmp_path}/temp;
    scgi_temp_path {tmp_path}/temp;
{client_map}
    server {{
        listen 127.0.0.1:{port};
        set_real_ip_from 127.0.0.1;
        real_ip_header X-Client;
        location / {{ return 200 "$kpp_client"; }}
    }}
}}
""")
    nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                              "-g", "daemon off;"])
    try:
        def client_of(address):
            request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"X-Client": address})
            for _ in range(50):
                try:
                    return urllib.request.urlopen(request, timeout=5).read()
                except OSError:
                    time.sleep(0.1)
            raise AssertionError("nginx did not answer")

        keys = {client_of(address) for address in addresses}
        neighbour = addresses[0].replace("2001:db8", "2001:db9") if "db8" in addresses[0] else "2002::1"
        assert len(keys) == 1, (addresses, keys)
        assert client_of(neighbour) not in keys
        assert client_of("198.51.100.7") != client_of("198.51.100.8")
    finally:
        nginx.terminate()
        nginx.wait(10)
