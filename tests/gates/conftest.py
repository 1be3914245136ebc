"""What the gates look at: the key public pages, and a page of every other public kind, with
the demo content loaded."""
import collections
import html
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from tests.conftest import CHROMIUM, require

# Every section's landing page and the public pages people arrive at. The sitemap adds the
# rest (every published item) for the third-party-host gate.
KEY_PAGES = [
    "/",
    "/about/",
    "/disclosures/",
    "/disclosures/ita/",
    "/disclosures/integrity/",
    "/disclosures/ethics/",
    "/disclosures/no-gift/",
    "/disclosures/eit/",
    "/committees/",
    "/committees/meetings/",
    "/council/",
    "/feedback/",
    "/procurement/",
    "/procurement/announcements/",
    "/procurement/monthly/",
    "/complaints/",
    "/complaints/report/",
    "/complaints/track/",
    "/complaints/stats/",
    "/privacy/",
    "/search/?q=ประชาคม",
    "/services/",
    "/services/request/public-works-fault/",
    "/services/track/",
    "/services/stats/",
    "/services/register/",
    # Wide tables read row by row (FY 2564 is the seed document's year: always in the demo).
    "/procurement/plan/2564/",
    "/procurement/monthly/2564/1/",
    "/procurement/report/2564/",
    "/disclosures/risks/",
    "/disclosures/ita-analysis/",
]


@pytest.fixture(autouse=True)
def _ocds_published(settings):
    """The gates look at a portal whose ocid prefix is registered, so its OCDS files are published."""
    settings.OCDS_OCID_PREFIX = "ocds-a1b2c3"


# URL patterns with no page for the gates to check, and why. Every other pattern of the URLconf
# but the back office's (admin/, tests/staff) has a page in PublicPages, found in the sitemap or
# linked from a public page.
BACK_OFFICE = "admin/"
OPARL_ROUTES = (
    "bodies/", "body/", "body/organizations/", "body/people/", "body/meetings/", "body/papers/",
    "body/agenda-items/", "body/consultations/", "body/files/", "body/legislative-terms/",
    "organization/<int:pk>/", "legislative-term/<int:pk>/", "person/<int:pk>/", "membership/<int:pk>/",
    "meeting/<int:pk>/", "agenda-item/<int:pk>/", "consultation/<int:pk>/", "paper/<int:pk>/",
    "file/<int:pk>/", "body/location/", "meeting/<int:pk>/location/",
)
NOT_PAGES = {
    "healthz": "the health probe: plain text",
    "favicon.ico": "an icon",
    "disclosures/ita/<int:assessment_year>/eit/qr.svg": "an image (the EIT survey's QR code)",
    "notices/e-service.pdf": "a PDF notice for the service-point board (printed by staff)",
    "notices/report-channel.pdf": "a PDF notice for the service-point board (printed by staff)",
    "i18n/setlang/": "the language switch: posts and redirects",
    "about/<slug:kind>/preview/": "staff only",
    "news/<int:pk>/preview/": "staff only",
    "disclosures/<int:pk>/": "redirects to the document's full address",
    "news/<int:pk>/": "redirects to the news item's full address",
    "feedback/sent/": "shown once, after an opinion is sent",
    "complaints/report/receipt/": "an old address: redirects to the follow-up page",
    "complaints/track/report/": "needs the reporter's receipt",
    "complaints/track/end/": "posts and redirects",
    "services/sent/": "shown once, after a request is sent",
    "services/track/request/": "needs the requester's receipt",
    "services/track/rate/": "posts and redirects",
    "services/track/publication/": "posts the requester's choice and redirects (behind the follow-up code)",
    "services/track/your-data/": "a granted personal-data request's data file (behind the follow-up code)",
    "search/files/<int:pk>/searchable.pdf": "the OCR'd PDF beside a scanned file, reached from its document",
    "services/track/file/<int:file_id>/": "a file, behind the requester's receipt",
    "services/track/end/": "posts and redirects",
    **{f"council/oparl/v1/{route}": "OParl JSON, reached from the System object (/council/oparl/v1/)"
       for route in OPARL_ROUTES},
}
# Pages no link leads to, which a form's post redirects to: the gates open them as it would.
AFTER_A_FORM = ["/alerts/sent/", "/alerts/confirmed/", "/alerts/left/"]


def mailed_paths():
    """The paths on this portal that the outbox's mails link to: pages reached with a token only
    a mail gives (the demo's sample subscription's confirmation and leave links)."""
    from django.conf import settings
    from post_office.models import Email

    link = re.compile(re.escape(settings.SITE_URL) + r"(/[^\s<>\"]*)")
    return [path for body in Email.objects.values_list("message", flat=True) for path in link.findall(body)]


def url_patterns(patterns=None, prefix=""):
    """Every route of the URLconf as ResolverMatch.route spells it."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    return [urllib.parse.urlsplit(location).path for location in locations]


def route_of(path):
    try:
        return resolve(urllib.parse.unquote(urllib.parse.urlsplit(path).path)).route
    except Resolver404:
        return None


class PublicPages:
    """The pages every gate checks: KEY_PAGES, then the first page of every other public URL
    pattern, from AFTER_A_FORM, the links in the outbox's mails and the sitemap, then from the
    links on the pages found (so a kind that is only linked, like a TOR hearing, is found too,
    and a new kind is found without a list to update).

    `paths` answer 200 with HTML; `files` maps the patterns that answer with something else to a
    path; `missing` are the patterns with no page found, which NOT_PAGES must explain."""

    def __init__(self, client):
        self.paths, self.files, found, redirecting, visited = [], {}, set(), set(), set()
        queue = collections.deque([*KEY_PAGES, *AFTER_A_FORM, *mailed_paths(), *sitemap_paths(client)])
        while queue:
            path = queue.popleft()
            route = route_of(path)
            if route is None or route in found or route in NOT_PAGES or route.startswith(BACK_OFFICE) \
                    or path in visited:
                continue
            visited.add(path)
            response = client.get(path)
            if response.status_code in (301, 302) and response["Location"].startswith("/"):
                redirecting.add(route)  # a "latest" address: its target is the page
                queue.append(response["Location"])
            if response.status_code != 200:
                continue
            found.add(route)
            if not response["Content-Type"].startswith("text/html"):
                self.files[route] = path
                continue
            self.paths.append(path)
            links = re.findall(r'href="(/[^/"#][^"#]*)', response.content.decode())
            queue.extend(html.unescape(link) for link in links)
        self.missing = {route for route in url_patterns()
                        if route not in found | redirecting and not route.startswith(BACK_OFFICE)}



# The test tools of the HTML and Lighthouse gates: pinned in tools/package-lock.json, installed by
# scripts/install_test_tools.sh (make test does it), run with Debian's java and Chromium.
TOOLS = Path(__file__).resolve().parents[2] / "tools"
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_SCRIPT = TOOLS / "lighthouse_gate.mjs"
INSTALL_HINT = "run scripts/install_test_tools.sh (make test does)"


@pytest.fixture(scope="session")
def nu_checker():
    """The command that runs the Nu HTML checker (vnu.jar) on Debian's java."""
    java = shutil.which("java")
    require(None if java else "java not found (apt-get install default-jre-headless)")
    require(None if VNU_JAR.exists() else f"{VNU_JAR.relative_to(TOOLS.parent)} is missing: {INSTALL_HINT}")
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


@pytest.fixture(scope="session")
def lighthouse_node():
    """The command that runs tools/lighthouse_gate.mjs with Node.js, Chromium as CHROMIUM_PATH."""
    node = shutil.which("node")
    require(None if node else "Node.js not found (apt-get install nodejs npm)")
    installed = (TOOLS / "node_modules" / "lighthouse").exists()
    require(None if installed else f"lighthouse is missing: {INSTALL_HINT}")
    require(None if shutil.which(CHROMIUM) else f"Chromium not found at {CHROMIUM}")
    return [node, str(LIGHTHOUSE_SCRIPT)]
