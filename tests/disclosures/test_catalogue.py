import datetime

import pytest

from disclosures.models import Document
from kpp_portal.words import Query
from search.results import rank_objects

from .conftest import make_document, many_documents

pytestmark = pytest.mark.django_db

# Real Thai sentences, written as the municipality writes them: no spaces between words.
TAX = "ประกาศเทศบาลเมืองกำแพงเพชรเรื่องการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้างประจำปี"
MARKET = "รายงานผลการประชุมคณะกรรมการบริหารตลาดสดเทศบาล"
MARKET_SUMMARY = "ที่ประชุมพิจารณาการจัดสรรแผงค้าและการชำระภาษีที่ดินของผู้ค้าในตลาด"


def titles(response):
    return [document.title for document in response.context["catalogue"]["page"].object_list]


def test_only_published_documents_of_today_or_earlier_are_listed(client):
    make_document("เอกสารเผยแพร่แล้ว")
    make_document("ฉบับร่างยังไม่เผยแพร่", published=False)
    make_document("ตั้งเวลาเผยแพร่ล่วงหน้า", date=datetime.date.today() + datetime.timedelta(days=3))
    response = client.get("/disclosures/")
    assert titles(response) == ["เอกสารเผยแพร่แล้ว"]
    assert "ฉบับร่าง" not in response.content.decode()


def test_filters_by_category_and_fiscal_year(client):
    make_document("งบประมาณ 2566", category="budget", year=2566)
    make_document("งบประมาณ 2567", category="budget", year=2567)
    make_document("คู่มือ 2567", category="work-manual", year=2567)
    response = client.get("/disclosures/", {"category": "budget", "year": "2567"})
    assert titles(response) == ["งบประมาณ 2567"]
    assert "พบ 1 รายการ" in response.content.decode()


def test_bad_filter_values_are_reported_and_ignored_not_a_500(client):
    make_document("งบประมาณ 2567", category="budget", year=2567)
    response = client.get("/disclosures/", {"category": "no-such", "year": "<b>x</b>", "q": "งบประมาณ"})
    assert response.status_code == 200
    body = response.content.decode()
    assert titles(response) == ["งบประมาณ 2567"]  # the valid part (q) still applies
    assert 'aria-invalid="true"' in body
    assert "<b>x</b>" not in body  # what was typed is shown as text only
    assert 'value="งบประมาณ"' in body  # and kept


def test_too_long_query_is_refused_with_a_message(client):
    make_document("งบประมาณ 2567")
    response = client.get("/disclosures/", {"q": "ก" * 500})
    assert response.status_code == 200
    assert response.context["catalogue"]["form"].errors["q"]


def test_pagination_keeps_the_filters(client, settings):
    settings.PAGE_SIZE = 2
    for n in range(5):
        make_document(f"งบประมาณ ฉบับที่ {n}", category="budget")
    response = client.get("/disclosures/", {"category": "budget", "page": 2})
    assert response.context["catalogue"]["page"].number == 2
    assert "category=budget&amp;page=3" in response.content.decode()
    assert client.get("/disclosures/", {"page": "zzz"}).status_code == 200


def test_a_thai_word_inside_a_sentence_is_found(client):
    make_document(TAX)
    make_document("แผนพัฒนาท้องถิ่นห้าปี")
    assert titles(client.get("/disclosures/", {"q": "ภาษีที่ดิน"})) == [TAX]
    assert titles(client.get("/disclosures/", {"q": "สิ่งปลูกสร้าง"})) == [TAX]
    assert titles(client.get("/disclosures/", {"q": "ไม่มีคำนี้แน่นอน"})) == []


def test_title_matches_rank_before_summary_matches(client):
    make_document(MARKET, summary=MARKET_SUMMARY, date=datetime.date(2024, 5, 1))  # newer, summary only
    make_document(TAX, date=datetime.date(2023, 5, 1))
    assert titles(client.get("/disclosures/", {"q": "ภาษีที่ดิน"})) == [TAX, MARKET]


def test_every_word_of_the_query_must_match(client):
    make_document(TAX, year=2567)
    make_document("ประกาศผลการสอบราคาจัดซื้อวัสดุ")
    assert titles(client.get("/disclosures/", {"q": "ประกาศ ภาษี"})) == [TAX]


def test_english_queries_ignore_case(client):
    make_document("คู่มือการปฏิบัติงาน (Work Manual) การจัดการเรื่องร้องเรียน")
    assert len(titles(client.get("/disclosures/", {"q": "work manual"}))) == 1
    assert len(titles(client.get("/disclosures/", {"q": "MANUAL"}))) == 1


@pytest.mark.postgres
def test_a_title_that_is_all_about_the_query_ranks_first(client):
    long_title = "รายงานการประชุมสภาเทศบาลสมัยสามัญครั้งที่หนึ่งเรื่องภาษีที่ดินและการจัดเก็บรายได้อื่นๆ"
    make_document(long_title, date=datetime.date(2024, 6, 1))
    make_document("ภาษีที่ดินและสิ่งปลูกสร้าง", date=datetime.date(2023, 1, 1))
    # The closer title wins although it is older.
    assert titles(client.get("/disclosures/", {"q": "ภาษีที่ดิน"}))[0] == "ภาษีที่ดินและสิ่งปลูกสร้าง"


def test_a_word_inside_a_compound_kept_whole_comes_after_the_word_itself(client):
    # "ปีงบประมาณ" (fiscal year) is one word: a search for the budget finds the documents of a
    # fiscal year too, after those about the budget itself.
    make_document("รายงานผลการดำเนินงาน", summary="ผลการดำเนินงานประจำปีงบประมาณ 2567")
    make_document("เทศบัญญัติงบประมาณรายจ่าย", summary="งบประมาณรายจ่ายประจำปี")
    assert titles(client.get("/disclosures/", {"q": "งบประมาณ"})) == ["เทศบัญญัติงบประมาณรายจ่าย",
                                                                     "รายงานผลการดำเนินงาน"]


@pytest.mark.parametrize(
    "params", [{}, {"q": "ผลการตรวจสอบ"}, {"q": "โครงการ", "category": "report", "year": "2561"}]
)
def test_catalogue_runs_a_constant_number_of_queries(client, django_assert_max_num_queries, params):
    # A search ranks the ids of everything it finds in one query and fetches the page in one
    # more: no separate count or "is there a phrase match" query.
    many_documents(10)
    client.get("/")  # the identity record is created and cached on first use
    with django_assert_max_num_queries(5):
        assert client.get("/disclosures/", params).status_code == 200
    many_documents(1000)
    with django_assert_max_num_queries(5):
        response = client.get("/disclosures/", params)
    assert response.context["catalogue"]["page"].paginator.count > 10


def test_a_search_lists_the_same_ranked_order_on_pages_and_in_the_exports(client, settings):
    settings.PAGE_SIZE = 2
    make_document(MARKET, summary=MARKET_SUMMARY, date=datetime.date(2024, 5, 1))
    make_document(TAX, date=datetime.date(2023, 5, 1))
    make_document("ภาษีที่ดินและสิ่งปลูกสร้าง ปี 2566", date=datetime.date(2022, 5, 1))
    make_document("แผนพัฒนาท้องถิ่น")
    pages = [titles(client.get("/disclosures/", {"q": "ภาษีที่ดิน", "page": number})) for number in (1, 2)]
    ranked = pages[0] + pages[1]
    assert len(ranked) == 3 and ranked[-1] == MARKET  # the summary-only match last
    exported = client.get("/disclosures/catalogue.json", {"q": "ภาษีที่ดิน"}).json()["documents"]
    assert [document["title"] for document in exported] == ranked
    found = rank_objects(Document.objects.published(), Query("ภาษีที่ดิน"))
    assert [document.title for document in found.iterator(chunk_size=2)] == ranked  # across chunks
