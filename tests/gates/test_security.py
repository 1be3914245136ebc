"""Security gates on production settings (tests run with DEBUG off, see tests/env.py).

Third-party rule: a public page never *loads* anything from another host (scripts, styles,
images, fonts, frames, form targets: CSP would block them anyway, and each one would tell a
third party who reads the municipality's pages, or the anti-corruption channel). It may *link*
only to the municipality's own presence elsewhere, the hosts in its identity record
(MunicipalityProfile: website, Facebook, LINE, YouTube, map), to Thai government hosts
(*.go.th, registered only by government agencies: the law pages cite the Council of State's
and the Information Commission's texts), plus mailto:/tel:. A link the visitor chooses to
follow leaks nothing before the click (Referrer-Policy keeps the page address to ourselves);
any other external link fails.
"""
import os
import re
import secrets
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

from kpp_portal.models import MunicipalityProfile

from .conftest import KEY_PAGES, PublicPages, sitemap_paths

REPO = Path(__file__).resolve().parents[2]
LOCAL_HOSTS = {"", "testserver", urllib.parse.urlsplit(settings.SITE_URL).hostname}
# Attributes that make the browser fetch something, per tag.
LOADING_ATTRIBUTES = {
    "script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"], "iframe": ["src"],
    "frame": ["src"], "embed": ["src"], "object": ["data"], "audio": ["src"], "video": ["src", "poster"],
    "track": ["src"], "input": ["src"], "form": ["action"], "link": ["href"],
}


class Resources(HTMLParser):
    """Collects (kind, url): kind "load" for fetched resources, "link" for anchors."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.found.append(("link", attrs["href"]))
        for name in LOADING_ATTRIBUTES.get(tag, []):
            value = attrs.get(name)
            if not value:
                continue
            if tag == "link" and attrs.get("rel", "") in ("canonical", "alternate"):
                self.found.append(("link", value))
                continue
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            self.found.extend(("load", url) for url in urls)
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", attrs.get("style") or ""):
            self.found.append(("load", url))


def identity_hosts():
    profile = MunicipalityProfile.current()
    urls = [profile.website, profile.facebook_url, profile.line_url, profile.youtube_url, profile.map_url]
    return {urllib.parse.urlsplit(url).hostname for url in urls if url}


def may_link(host, identity):
    return host in identity or host == "go.th" or host.endswith(".go.th")


def external(url):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data"):  # data: is inline, nothing is fetched
        return None
    # webcal:// is the calendar subscription of our own meetings feed.
    if parts.scheme not in ("", "http", "https", "webcal") or parts.hostname not in LOCAL_HOSTS:
        return parts.hostname or parts.scheme
    return None


def third_parties(html, allowed_link_hosts):
    """["loads URL" / "links URL", …] for everything the rule forbids in this HTML."""
    parser = Resources()
    parser.feed(html)
    problems = []
    for kind, url in parser.found:
        host = external(url)
        if host and (kind == "load" or not may_link(host, allowed_link_hosts)):
            problems.append(f"{kind}s {url}")
    return problems


def offending(client, path, allowed_link_hosts):
    response = client.get(path, follow=True)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return [f"{path}: {problem}" for problem in third_parties(response.content.decode(), allowed_link_hosts)]


def test_no_public_page_loads_or_links_a_third_party(client, demo):
    allowed = identity_hosts()
    paths = sorted(set(KEY_PAGES) | set(sitemap_paths(client)))
    problems = [problem for path in paths for problem in offending(client, path, allowed)]
    assert problems == [], "\n".join(problems)


def test_gate_catches_a_third_party_load(db):
    # The gate must be able to fail: an identity-record host may be linked, never loaded.
    html = (
        '<a href="https://www.facebook.com/kppmunicipality">FB</a><img src="https://www.facebook.com/p.png">'
        '<a href="https://tracker.example/">x</a><a href="mailto:a@b.th">mail</a><a href="/about/">about</a>'
        '<a href="https://www.krisdika.go.th/">law</a><a href="https://go.th.example.com/">not gov</a>'
        '<script src="https://www.krisdika.go.th/x.js"></script><a href="webcal://testserver/m.ics">ics</a>'
        '<a href="javascript:alert(1)">js</a>'
    )
    assert third_parties(html, identity_hosts()) == [
        "loads https://www.facebook.com/p.png", "links https://tracker.example/",
        "links https://go.th.example.com/", "loads https://www.krisdika.go.th/x.js",
        "links javascript:alert(1)",
    ]


def test_stylesheets_fetch_nothing_from_another_host():
    problems = []
    for css in (REPO / "static").rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])([^'\")]+)", text):
            if external(url):
                problems.append(f"{css.relative_to(REPO)}: {url}")
    assert problems == []


def header_problems(response):
    """What is wrong with the security headers of RESPONSE (a page over HTTPS)."""
    problems = []
    csp = response.get("Content-Security-Policy", "")
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip())
    if "'unsafe-inline'" in directives.get("script-src", directives.get("default-src", "")):
        problems.append("script-src allows inline scripts")
    if "'unsafe-eval'" in csp:
        problems.append("the policy allows eval")
    if "'unsafe-inline'" in directives.get("script-src-attr", ""):
        problems.append("script-src-attr allows inline handlers")
    if directives.get("frame-ancestors") != "'none'" or directives.get("object-src") != "'none'":
        problems.append(f"frame-ancestors/object-src not 'none': {csp!r}")
    max_age = re.search(r"max-age=(\d+)", response.get("Strict-Transport-Security", ""))
    if not max_age or int(max_age.group(1)) < 31536000:
        problems.append("HSTS shorter than a year")
    if response.get("X-Frame-Options") != "DENY" or response.get("X-Content-Type-Options") != "nosniff":
        problems.append("X-Frame-Options/X-Content-Type-Options missing")
    # Never the full address to another host; the complaints channel sends none at all.
    referrer = response.get("Referrer-Policy")
    if referrer not in ("strict-origin-when-cross-origin", "same-origin", "no-referrer"):
        problems.append(f"Referrer-Policy {referrer!r}")
    return problems


# Every kind of public page in one test: the demo content is loaded once, not once per page.
def test_security_headers_on_public_pages(client, demo):
    problems = []
    for path in PublicPages(client).paths:
        response = client.get(path, secure=True)
        if response.status_code != 200:
            problems.append(f"{path}: {response.status_code}")
        problems += [f"{path}: {problem}" for problem in header_problems(response)]
    assert problems == []


def test_the_header_check_finds_a_page_without_the_headers():
    from django.http import HttpResponse

    assert len(header_problems(HttpResponse())) == 4  # no policy, HSTS, frame/type options, referrer
    response = HttpResponse(headers={"Content-Security-Policy": "script-src 'unsafe-inline' 'unsafe-eval'"})
    assert len(header_problems(response)) == 6


def test_plain_http_is_redirected_to_https_in_production():
    # tests/env.py turns the redirect off for the test client; production keeps the default.
    env = {**os.environ, "DEBUG": "false", "SECURE_SSL_REDIRECT": ""}
    code = ("from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
            "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=REPO, env={**env, "DJANGO_SETTINGS_MODULE": "kpp_portal.settings"},
        capture_output=True, text=True, check=True,
    )
    assert result.stdout.split() == ["True", "31536000", "True", "True"]


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "transparency.kppmu.go.th",
        "SECURE_SSL_REDIRECT": "",
        "DJANGO_SETTINGS_MODULE": "kpp_portal.settings",
        # A new installation's database (none yet), not whatever DATABASE_URL holds: the channel's
        # own checks warn about what is in the database (reports, officers without keys).
        "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}",
        # Registered with the Open Contracting Partnership (until then procurement.W001 says so).
        "OCDS_OCID_PREFIX": "ocds-a1b2c3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
