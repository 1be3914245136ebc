"""Across apps: every public page in the sitemap answers, and ITA evidence points at live pages."""
from xml.etree import ElementTree

import pytest

from kpp_portal.ita import TOPICS, portal_evidence
from kpp_portal.thai import current_fiscal_year

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_every_page_in_the_sitemap_answers_200(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [
        loc.text for loc in ElementTree.fromstring(response.content).iterfind(".//sm:loc", SITEMAP_NS)
    ]
    assert len(locations) >= 3
    for location in locations:
        path = location.split("://", 1)[1].split("/", 1)[1]
        assert client.get("/" + path).status_code == 200, location


@pytest.mark.parametrize("year", [2564, 2566, "current"])
def test_portal_evidence_names_known_topics_and_live_pages(client, demo, year):
    year = current_fiscal_year() if year == "current" else year
    for topic, links in portal_evidence(year).items():
        assert topic in TOPICS
        for title, url in links:
            assert title
            assert client.get(url).status_code == 200, (topic, url)


def test_public_pages_run_the_same_queries_at_two_data_sizes(client, demo):
    """The demo (every section, so every branch of the checklist's evidence runs), then the
    benchmark generator's documents, plans, projects, committees, meetings, reports and service
    requests on top: a page's query count must not grow with the data."""
    import random

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import dataset

    urls = ["/", "/disclosures/", "/disclosures/ita/2564/",
            "/committees/", "/procurement/", "/complaints/stats/", "/news/", "/services/stats/",
            "/services/register/", "/search/?q=ประชุม"]

    def queries(url):
        client.get(url)  # warm per-process caches (identity record) like a running site
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = {url: queries(url) for url in urls}
    rng = random.Random(8)
    for build in (dataset.build_disclosures, dataset.build_procurement, dataset.build_committees,
                  dataset.build_complaints, dataset.build_services):
        build(rng, 0.02)
    assert {url: queries(url) for url in urls} == small
