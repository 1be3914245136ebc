"""The DCAT catalogue: what a CKAN harvester (ckanext-dcat) reads from /open-data/."""
import pytest
from django.conf import settings
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from kpp_portal import opendata

pytestmark = pytest.mark.django_db


def _graph(client, fmt):
    url = "/open-data/catalog.jsonld" if fmt == "json-ld" else "/open-data/catalog.ttl"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json" if fmt == "json-ld" else "text/turtle")
    graph = Graph()
    graph.parse(data=response.content.decode("utf-8"), format=fmt)
    return graph


def _langs(graph, subject, predicate):
    return {literal.language for literal in graph.objects(subject, predicate)}


def _check_catalogue(graph):
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    catalog = catalogs[0]
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert datasets == set(graph.subjects(RDF.type, DCAT.Dataset))
    for dataset in datasets:
        assert {"th", "en"} <= _langs(graph, dataset, DCTERMS.title), dataset
        assert {"th", "en"} <= _langs(graph, dataset, DCTERMS.description), dataset
        publisher = graph.value(dataset, DCTERMS.publisher)
        assert graph.value(publisher, FOAF.name) is not None
        assert graph.value(dataset, DCTERMS.license) in (URIRef(settings.OPEN_DATA_LICENSE_URL),
                                                          URIRef("https://opendefinition.org/licenses/odc-by/"))
        for prop in (DCTERMS.issued, DCTERMS.modified):
            assert graph.value(dataset, prop).datatype.endswith("date"), (dataset, prop)
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert distributions, dataset
        for part in distributions:
            assert graph.value(part, RDF.type) == DCAT.Distribution
            assert graph.value(part, DCAT.downloadURL) is not None
            assert str(graph.value(part, DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")
            assert graph.value(part, DCTERMS.format) is not None
            assert graph.value(part, DCTERMS.license) is not None
            assert graph.value(part, DCTERMS.issued) is not None
    return datasets


@pytest.mark.parametrize("fmt", ["json-ld", "turtle"])
def test_every_dataset_and_distribution_carries_what_a_harvester_needs(demo, client, settings, fmt):
    settings.OCDS_OCID_PREFIX = "ocds-test01"
    graph = _graph(client, fmt)
    datasets = _check_catalogue(graph)
    keys = {str(graph.value(dataset, DCTERMS.identifier)) for dataset in datasets}
    assert {"procurement-plans", "procurement-monthly-results", "procurement-ocds", "complaint-statistics",
            "service-statistics", "public-information-register", "budget",
            "information-request-register"} <= keys


def test_a_distribution_keeps_its_identifier_when_another_is_added(demo, client):
    import datetime

    from procurement.models import ProcurementPlan

    def by_download():
        graph = _graph(client, "turtle")
        parts = graph.subjects(RDF.type, DCAT.Distribution)
        return {graph.value(part, DCAT.downloadURL): part for part in parts}

    before = by_download()
    day = datetime.date(2006, 10, 15)  # the oldest plan: listed first
    ProcurementPlan.objects.create(fiscal_year=2550, budget_approved_on=day, published_on=day)
    from django.core.cache import cache
    cache.clear()
    after = by_download()
    assert len(after) == len(before) + 2
    assert all(after[url] == part for url, part in before.items())


def test_json_ld_and_turtle_say_the_same(demo, client):
    assert _graph(client, "json-ld").isomorphic(_graph(client, "turtle"))


def test_every_download_answers(demo, client, settings):
    settings.OCDS_OCID_PREFIX = "ocds-test01"
    graph = _graph(client, "turtle")
    urls = {str(url) for url in graph.objects(None, DCAT.downloadURL)}
    assert len(urls) > 20
    for url in sorted(urls):
        assert url.startswith(settings.SITE_URL)
        response = client.get(url.removeprefix(settings.SITE_URL))
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body


def test_no_ocds_dataset_before_an_ocid_prefix_is_registered(demo, client, settings):
    settings.OCDS_OCID_PREFIX = ""
    keys = {dataset.key for dataset in opendata.all_datasets()}
    assert "procurement-ocds" not in keys and "procurement-plans" in keys


def test_the_open_data_page_lists_the_datasets_and_links_the_catalogue(demo, client):
    page = client.get("/open-data/").content.decode()
    assert "/open-data/catalog.jsonld" in page and "/open-data/catalog.ttl" in page
    assert "สรุปผลการจัดซื้อจัดจ้างรายเดือน" in page
    for section_page in ("/disclosures/open-data/", "/procurement/open-data/", "/disclosures/", "/budget/",
                         "/services/register/"):
        assert 'href="/open-data/"' in client.get(section_page).content.decode(), section_page
    assert 'href="/budget/"' in client.get("/disclosures/").content.decode()
    assert "/open-data/</loc>" in client.get("/sitemap.xml").content.decode()


def test_an_app_declares_a_dataset_once(monkeypatch):
    part = opendata.Distribution("x", "x", "/", opendata.CSV)
    twice = opendata.Dataset("x", "x", "x", "x", "x", "/", [part])

    class Module:
        __name__ = "someapp.opendata"

        @staticmethod
        def datasets():
            return [twice, twice]

    monkeypatch.setattr(opendata, "app_modules", lambda name: [("someapp", Module)])
    with pytest.raises(ValueError, match="twice"):
        opendata.all_datasets()


def _grow(scale):
    """bench.dataset's documents, procurement over ten fiscal years (awards in about a hundred
    months) and E-Service requests over five, and a budget ordinance for each of the ten years."""
    import random

    from bench import dataset
    from bench.opendata_bench import add_budget_years
    from kpp_portal import pagecache

    rng = random.Random(8)
    dataset.build_disclosures(rng, scale)
    dataset.build_procurement(rng, scale)
    dataset.build_services(rng, scale)
    add_budget_years(dataset.FISCAL_YEARS)
    pagecache.invalidate()  # bulk_create sends no signal


def test_the_catalogue_costs_the_same_queries_however_much_data(demo, client, settings,
                                                                django_assert_max_num_queries):
    settings.OCDS_OCID_PREFIX = "ocds-test01"
    settings.FRAGMENT_CACHE_SECONDS = 0  # every request builds the catalogue

    def distributions():
        return sum(len(dataset.distributions) for dataset in opendata.all_datasets())

    with django_assert_max_num_queries(10) as at_demo_size:
        client.get("/open-data/catalog.ttl")
    ceiling, at_demo = len(at_demo_size.captured_queries), distributions()
    _grow(0.03)  # 300 documents, 150 plan items over ten years, 1,500 requests over five
    with django_assert_max_num_queries(ceiling):
        assert client.get("/open-data/catalog.ttl").status_code == 200
    # The monthly results of ten years, a plan and a budget for each year.
    assert distributions() > at_demo + 100


def test_the_catalogue_is_built_once_per_generation_whatever_the_query_string(demo, client,
                                                                              django_assert_num_queries):
    import datetime

    from procurement.models import ProcurementPlan

    first = client.get("/open-data/catalog.jsonld").content
    with django_assert_num_queries(0):
        again = client.get("/open-data/catalog.jsonld?anything=1")
    assert again.content == first
    day = datetime.date(2006, 10, 15)
    # A save starts a new generation: the next request builds the catalogue again.
    ProcurementPlan.objects.create(fiscal_year=2550, budget_approved_on=day, published_on=day)
    assert "/procurement/plan/2550.csv" in client.get("/open-data/catalog.jsonld").content.decode()
    assert "/procurement/plan/2550.csv" in client.get("/open-data/catalog.ttl").content.decode()


def test_the_information_request_register_as_csv_holds_only_reviewed_entries(demo, client):
    from services.models import ServiceRequest

    published = ServiceRequest.objects.in_register().get()
    hidden = ServiceRequest.objects.filter(register_published_at=None).exclude(pk=published.pk).first()
    text = client.get("/services/register.csv").content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("reference,subject,request_type") and len(lines) == 2
    assert published.reference in text and published.register_subject in text
    assert hidden.reference not in text
    assert published.requester_name not in text
