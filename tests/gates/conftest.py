"""What the gates look at: the key public pages with the demo content loaded."""
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

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


# Pages with a form that posts: they carry a CSRF token (and its cookie) by design.
FORM_PAGES = {"/feedback/", "/complaints/report/", "/complaints/track/",
              "/services/request/public-works-fault/", "/services/track/"}
READING_PAGES = [path for path in KEY_PAGES if path not in FORM_PAGES]


@pytest.fixture
def demo_content(db):
    call_command("load_demo", stdout=open(os.devnull, "w"))


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
