"""What the gates look at: the key public pages with the demo content loaded."""
import os

import pytest
from django.core.management import call_command

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
