"""The portal's open data as a DCAT catalogue (JSON-LD and Turtle) that a CKAN site harvests
with ckanext-dcat, as the national catalogue data.go.th does.

The core knows no app: each app may define `<app>/opendata.py` with

    def datasets():            # a constant number of queries, whatever the data's size
        return [Dataset(key="procurement-monthly", title="…", title_en="…", description="…",
                        description_en="…", landing_page=reverse("procurement:monthly_index"),
                        issued=first_day, modified=last_day,
                        distributions=[Distribution("…", "…", reverse(…), CSV), …]), …]

listing only what is published; each distribution's URL is one of the app's downloads (the one
exporter, kpp_portal.exports, or its JSON), which answers 200 to anyone.
"""
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD
from rdflib.plugins.stores.memory import SimpleMemory

from . import fragments
from .discovery import app_modules
from .models import MunicipalityProfile
from .thai import in_reader_language

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
IANA = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class MediaType:
    name: str  # dct:format, as CKAN shows it
    mime: str  # dcat:mediaType, an IANA media type

    @property
    def uri(self):
        return URIRef(IANA + self.mime)


CSV = MediaType("CSV", "text/csv")
XLSX = MediaType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
JSON = MediaType("JSON", "application/json")


@dataclass
class Distribution:
    title: str
    title_en: str
    url: str  # a path on this portal
    media_type: MediaType
    issued: datetime.date | None = None
    modified: datetime.date | None = None

    @property
    def shown_title(self):
        return in_reader_language(self.title, self.title_en)


@dataclass
class Dataset:
    key: str  # stable: the dataset's identifier and the tail of its URI
    title: str
    title_en: str
    description: str
    description_en: str
    landing_page: str  # a path on this portal
    distributions: list
    issued: datetime.date | None = None
    modified: datetime.date | None = None
    keywords: tuple = ()
    keywords_en: tuple = ()
    frequency: str = ""  # a Dublin Core frequency name: "monthly", "annual", "irregular"
    license_url: str = ""  # when not the catalogue's (settings.OPEN_DATA_LICENSE_URL)

    @property
    def shown_title(self):
        return in_reader_language(self.title, self.title_en)

    @property
    def shown_description(self):
        return in_reader_language(self.description, self.description_en)


def all_datasets():
    """Every app's datasets that have something to download."""
    found = [dataset for _app, module in app_modules("opendata") if module.__name__ != __name__
             for dataset in module.datasets() if dataset.distributions]
    keys = [dataset.key for dataset in found]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise ValueError(f"dataset keys declared twice: {sorted(duplicates)}")
    return found


def absolute(path):
    return settings.SITE_URL + path


def _date(value):
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return Literal(value.isoformat(), datatype=XSD.date)


def _both(graph, subject, predicate, thai, english):
    graph.add((subject, predicate, Literal(thai, lang="th")))
    if english:
        graph.add((subject, predicate, Literal(english, lang="en")))


def _dates(graph, subject, issued, modified):
    if issued:
        graph.add((subject, DCTERMS.issued, _date(issued)))
    if modified or issued:
        graph.add((subject, DCTERMS.modified, _date(modified or issued)))


def catalog_graph(datasets=None):
    """The catalogue as an rdflib Graph: publisher, licence and every app's datasets."""
    profile = MunicipalityProfile.current()
    datasets = all_datasets() if datasets is None else datasets
    graph = Graph(store=SimpleMemory())  # one graph, no named graphs: the cheaper store
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    base = absolute(reverse("open_data"))
    catalog = URIRef(base + "#catalog")
    publisher = URIRef(settings.SITE_URL + "/#publisher")
    licence = URIRef(settings.OPEN_DATA_LICENSE_URL)
    graph.add((publisher, RDF.type, FOAF.Agent))
    _both(graph, publisher, FOAF.name, profile.name_th, profile.name_en)
    graph.add((publisher, FOAF.mbox, URIRef(f"mailto:{profile.email}")))
    graph.add((publisher, FOAF.homepage, URIRef(settings.SITE_URL + "/")))
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    graph.add((licence, DCTERMS.title, Literal(settings.OPEN_DATA_LICENSE_TITLE)))
    graph.add((catalog, RDF.type, DCAT.Catalog))
    _both(graph, catalog, DCTERMS.title, f"ข้อมูลเปิดของ{profile.name_th}", f"Open data of {profile.name_en}")
    _both(graph, catalog, DCTERMS.description,
          f"ชุดข้อมูลที่{profile.name_th}เผยแพร่ในรูปแบบที่เครื่องอ่านได้ ใช้ซ้ำได้ตามสัญญาอนุญาต",
          f"Machine-readable datasets published by {profile.name_en}, free to reuse under the licence")
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, FOAF.homepage, URIRef(base)))
    graph.add((catalog, DCTERMS.language, URIRef("http://id.loc.gov/vocabulary/iso639-1/th")))
    graph.add((catalog, DCTERMS.modified, _date(timezone.localdate())))
    for dataset in datasets:
        _add_dataset(graph, catalog, publisher, licence, profile, dataset)
    return graph


def _add_dataset(graph, catalog, publisher, licence, profile, dataset):
    node = URIRef(f"{absolute(reverse('open_data'))}#{dataset.key}")
    if dataset.license_url:
        licence = URIRef(dataset.license_url)
        graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    graph.add((catalog, DCAT.dataset, node))
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(dataset.key)))
    _both(graph, node, DCTERMS.title, dataset.title, dataset.title_en)
    _both(graph, node, DCTERMS.description, dataset.description, dataset.description_en)
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCTERMS.license, licence))
    graph.add((node, DCAT.landingPage, URIRef(absolute(dataset.landing_page))))
    graph.add((node, DCTERMS.language, URIRef("http://id.loc.gov/vocabulary/iso639-1/th")))
    if dataset.frequency:
        graph.add((node, DCTERMS.accrualPeriodicity,
                   URIRef(f"http://purl.org/cld/freq/{dataset.frequency}")))
    for word in dataset.keywords:
        graph.add((node, DCAT.keyword, Literal(word, lang="th")))
    for word in dataset.keywords_en:
        graph.add((node, DCAT.keyword, Literal(word, lang="en")))
    contact = BNode()
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(profile.name_th, lang="th")))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{profile.email}")))
    _dates(graph, node, dataset.issued, dataset.modified)
    for distribution in dataset.distributions:
        # Named by its download, not its place in the list: a harvester matches it again next time.
        part = URIRef(f"{node}/{distribution.url.strip('/').replace('/', '-')}")
        url = URIRef(absolute(distribution.url))
        graph.add((node, DCAT.distribution, part))
        graph.add((part, RDF.type, DCAT.Distribution))
        _both(graph, part, DCTERMS.title, distribution.title, distribution.title_en)
        graph.add((part, DCAT.accessURL, url))
        graph.add((part, DCAT.downloadURL, url))
        graph.add((part, DCAT.mediaType, distribution.media_type.uri))
        graph.add((part, DCTERMS.format, Literal(distribution.media_type.name)))
        graph.add((part, DCTERMS.license, licence))
        _dates(graph, part, distribution.issued or dataset.issued, distribution.modified or dataset.modified)


# The JSON-LD carries its own context: a harvester never needs to fetch one.
JSONLD_CONTEXT = {"dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD),
                  "xsd": str(XSD)}


def catalog(fmt):
    """The catalogue as text ("jsonld" or "ttl"), kept like a page's fragment: rdflib takes about
    a millisecond per distribution to build and write it, so it is built once per generation
    (any save by staff starts a new one) and day (the dates it gives), whatever the query string."""
    return fragments.cached("open-data-catalog", [fmt, timezone.localdate()],
                            lambda: serialize(catalog_graph(), fmt))


def serialize(graph, fmt):
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True, indent=1,
                               ensure_ascii=False)
    return graph.serialize(format="turtle")
