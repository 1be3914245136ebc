import csv
import datetime
import io
import json
from xml.etree import ElementTree

import pytest

from disclosures.ita import evidence
from disclosures.models import IntegrityMeasure, MeasureUpdate, RiskEntry

from .conftest import make_document

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_feed_lists_published_documents_newest_first(client):
    make_document("ประกาศเก่า", date=datetime.date(2023, 1, 1))
    make_document("ประกาศใหม่")
    make_document("ร่าง", published=False)
    response = client.get("/disclosures/feed/rss/")
    assert response.status_code == 200
    titles = [item.findtext("title") for item in ElementTree.fromstring(response.content).iter("item")]
    assert titles == ["ประกาศใหม่", "ประกาศเก่า"]


def test_atom_feed_per_category(client):
    make_document("ซากังราว ฉบับมีนาคม", category="newsletter")
    make_document("งบประมาณ", category="budget")
    response = client.get("/disclosures/feed/newsletter/atom/")
    root = ElementTree.fromstring(response.content)
    assert [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")] == ["ซากังราว ฉบับมีนาคม"]
    assert client.get("/disclosures/feed/no-such-category/rss/").status_code == 404


def test_catalogue_csv_and_json_follow_the_catalogue_filters(client, settings):
    settings.SITE_URL = "https://ita.kppmu.go.th"
    budget = make_document("งบประมาณรายจ่าย 2567", category="budget", summary="=cmd|' /C calc'!A0")
    make_document("คู่มือ", category="work-manual")
    rows = list(csv.DictReader(io.StringIO(client.get("/disclosures/catalogue.csv", {"category": "budget"})
                                           .content.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["งบประมาณรายจ่าย 2567"]
    assert rows[0]["url"] == f"https://ita.kppmu.go.th{budget.get_absolute_url()}"
    assert rows[0]["summary"].startswith("'=")  # never a formula in a spreadsheet
    data = json.loads(client.get("/disclosures/catalogue.json").content)
    assert {d["title"] for d in data["documents"]} == {"งบประมาณรายจ่าย 2567", "คู่มือ"}
    assert data["documents"][0]["fiscal_year_be"] == 2567


def test_open_data_page_documents_the_urls(client):
    body = client.get("/disclosures/open-data/").content.decode()
    for url in ("/disclosures/catalogue.csv", "/disclosures/catalogue.json", "/disclosures/feed/rss/",
                "/disclosures/feed/newsletter/rss/", "/sitemap.xml"):
        assert url in body


def test_sitemap_lists_published_documents_and_year_pages(client):
    published = make_document("เผยแพร่แล้ว")
    draft = make_document("ร่าง", published=False)
    RiskEntry.objects.create(fiscal_year=2567, process="ก", risk="ข", likelihood=1, impact=1, owner="ค")
    body = client.get("/sitemap.xml").content.decode()
    assert f"/disclosures/{published.pk}-" in body and f"/disclosures/{draft.pk}-" not in body
    assert "/disclosures/risks/2567/" in body and "/disclosures/integrity/" in body


def test_evidence_lists_only_what_exists_in_a_constant_number_of_queries(db, django_assert_num_queries):
    with django_assert_num_queries(9):
        assert evidence(2567) == {}
    make_document("เจตจำนงสุจริต 2567", category="declaration", year=2567)
    make_document("เจตจำนงสุจริต 2566", category="declaration", year=2566)
    RiskEntry.objects.create(
        fiscal_year=2567, process="ก", risk="ข", likelihood=1, impact=1, owner="ค", controls="ง",
        status=RiskEntry.Status.DONE,
    )
    measure = IntegrityMeasure.objects.create(number=1, title="มาตรการ", description="-")
    MeasureUpdate.objects.create(measure=measure, date=datetime.date(2023, 12, 1), text="ทำแล้ว")
    with django_assert_num_queries(10):
        links = evidence(2567)
    assert set(links) == {"executive-declaration", "risk-assessment", "risk-actions",
                          "integrity-measures", "integrity-actions"}
    assert [title for title, _ in links["executive-declaration"]] == ["เจตจำนงสุจริต 2567"]
    assert "integrity-actions" not in evidence(2566)  # the update is dated in fiscal 2567
