"""The public results page /search/."""
import datetime
import io
import re

import pytest
from django.conf import settings

from disclosures.models import Category, Document
from kpp_portal.words import Query, plain
from search import index
from search.models import SearchEntry, Section
from search.results import find

from .conftest import document, meeting, news, page, plan, project, question

pytestmark = pytest.mark.django_db

DRAINAGE = "%E0%B8%A3%E0%B8%B0%E0%B8%9A%E0%B8%B2%E0%B8%A2%E0%B8%99%E0%B9%89%E0%B8%B3"  # ระบายน้ำ, as in a link


def listed(response):
    page = response.context["found"]["page"]
    return [re.sub(r"<[^>]+>", "", str(entry.title_html)) for entry in page.object_list]


@pytest.fixture
def every_section():
    document("รายงานผลการขุดลอกคูคลองระบายน้ำ", date=datetime.date(2024, 3, 1))
    news("เทศบาลซ่อมท่อระบายน้ำถนนเทศบาล 3")
    question("ท่อระบายน้ำหน้าบ้านอุดตันแจ้งที่ไหน", answer="แจ้งกองช่าง โทร 055-000000", published=True)
    page("อำนาจหน้าที่", "หน้าที่ของเทศบาล ได้แก่ จัดให้มีและบำรุงทางระบายน้ำ")
    meeting("การประชุมคณะกรรมการเรื่องแก้ปัญหาน้ำท่วม", agenda="แผนปรับปรุงรางระบายน้ำ")
    project("ก่อสร้างรางระบายน้ำคอนกรีต ซอย 5", plan())


def test_one_search_finds_every_section_and_names_it(client, every_section):
    response = client.get("/search/", {"q": "ระบายน้ำ"})
    body = response.content.decode()
    assert response.status_code == 200
    assert len(listed(response)) == 7  # the project and its announcement are two results
    for label in ("เอกสารเผยแพร่", "ข่าวประชาสัมพันธ์", "ถาม-ตอบ", "ข้อมูลเทศบาล", "คณะกรรมการและการประชุม",
                  "จัดซื้อจัดจ้าง"):
        assert f'badge text-bg-secondary">{label}<' in body
    assert "พบ 7 รายการ" in body
    assert "<mark>ระบายน้ำ</mark>" in body
    assert '<time datetime="2024-03-01">1 มี.ค. 2567</time>' in body  # Buddhist era


def test_a_word_inside_a_longer_word_is_not_a_result(client):
    news("นายกเทศมนตรีพบประชาชน")
    news("ชาวนาขอรับการสนับสนุนเมล็ดพันธุ์")
    assert listed(client.get("/search/", {"q": "นา"})) == []  # not "นายก", not "ชาวนา"'s "นา" alone
    assert listed(client.get("/search/", {"q": "ชาวนา"})) == ["ชาวนาขอรับการสนับสนุนเมล็ดพันธุ์"]


def test_section_filter_counts_and_pagination_keep_the_query(client, every_section):
    response = client.get("/search/", {"q": "ระบายน้ำ", "section": "procurement"})
    assert len(listed(response)) == 2
    body = response.content.decode()
    assert "จัดซื้อจัดจ้าง (2)" in body and "ทุกหมวด (7)" in body
    assert f'href="?q={DRAINAGE}&amp;section=news"' in body


def test_pagination_keeps_query_and_section(client):
    category = Category.objects.create(slug="many", name="ประกาศ")
    Document.objects.bulk_create([
        Document(title=f"ประกาศขุดลอกคลองระบายน้ำ ฉบับที่ {n}", category=category, fiscal_year=2567,
                 publication_date=datetime.date(2024, 1, 1), is_published=True, external_url="https://x.example")
        for n in range(25)
    ])
    index.rebuild()
    first = client.get("/search/", {"q": "ระบายน้ำ", "section": "documents"})
    assert len(listed(first)) == 20
    assert f"q={DRAINAGE}&amp;section=documents&amp;page=2" in first.content.decode()
    second = client.get("/search/", {"q": "ระบายน้ำ", "section": "documents", "page": 2})
    assert len(listed(second)) == 5 and second.context["found"]["page"].start_index() == 21
    assert client.get("/search/", {"q": "ระบายน้ำ", "page": "zzz"}).status_code == 200


def test_a_page_past_the_end_shows_the_last_page(client):
    category = Category.objects.create(slug="many", name="ประกาศ")
    Document.objects.bulk_create([
        Document(title=f"ประกาศขุดลอกคลองระบายน้ำ ฉบับที่ {n}", category=category, fiscal_year=2567,
                 publication_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n), is_published=True,
                 external_url="https://x.example")
        for n in range(25)
    ])
    index.rebuild()
    last = client.get("/search/", {"q": "ระบายน้ำ", "page": 2})
    for number in ("99", "0", "-3", "99999999999999999999"):
        response = client.get("/search/", {"q": "ระบายน้ำ", "page": number})
        assert response.context["found"]["page"].number == 2
        assert listed(response) == listed(last) and len(listed(last)) == 5


def test_counts_and_pages_match_the_ranked_list_when_a_section_has_thousands(every_section):
    _grow(2000)
    document("ระบายน้ำ")  # the title is the whole query: first
    query = Query("ระบายน้ำ")
    visible = SearchEntry.objects.visible().matching(query)
    expected = {section: visible.filter(section=section).count() for section in Section.values}
    found = find(query)
    assert found.counts == {section: count for section, count in expected.items() if count}
    assert found.counts["documents"] > 1000 and found.total() == sum(expected.values())
    ranked = list(find(query).entries.values_list("pk", flat=True))
    if settings.IS_POSTGRES:  # cover density; SQLite only puts title matches first
        assert plain(found.page[0].title) == "ระบายน้ำ"
    for start in (0, 20, 1000, len(ranked) - 7):
        page = find(query, start=start, stop=start + 20).page
        assert [entry.pk for entry in page] == ranked[start:start + 20]
    in_documents = list(find(query, "documents").entries.values_list("pk", flat=True))
    assert [entry.pk for entry in find(query, "documents", 1000, 1020).page] == in_documents[1000:1020]
    assert find(query, "documents").total("documents") == len(in_documents)


def test_what_editors_typed_is_shown_as_text(client):
    document('<script>alert("x")</script> ประกาศระบายน้ำ', summary="<img src=x onerror=alert(1)> ท่อระบายน้ำ")
    body = client.get("/search/", {"q": "ระบายน้ำ"}).content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ประกาศ<mark>ระบายน้ำ</mark>" in body
    assert "&lt;img src=x onerror=alert(1)&gt; ท่อ<mark>ระบายน้ำ</mark>" in body


def test_what_a_visitor_typed_is_shown_as_text(client):
    body = client.get("/search/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)" not in body
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in body


def test_words_never_side_by_side_fall_back_to_every_word_and_say_so(client):
    document("ประกาศเทศบาลเรื่องการจัดเก็บภาษีป้าย")
    response = client.get("/search/", {"q": "ประกาศภาษี"})
    assert listed(response) == ["ประกาศเทศบาลเรื่องการจัดเก็บภาษีป้าย"]
    assert "จึงแสดงรายการที่มีทุกคำ" in response.content.decode()
    assert "<mark>ประกาศ</mark>" in response.content.decode()
    assert "จึงแสดงรายการที่มีทุกคำ" not in client.get("/search/", {"q": "ประกาศ ภาษี"}).content.decode()


def test_a_long_snippet_is_cut_around_the_word_found(client):
    document("รายงานประจำปี", summary="ก่อนหน้า " * 80 + "การขุดลอกคลองระบายน้ำ" + " ตามมา" * 80)
    page = client.get("/search/", {"q": "ระบายน้ำ"}).context["found"]["page"]
    snippet = str(page.object_list[0].snippet_html)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>ระบายน้ำ</mark>" in snippet and len(re.sub(r"<[^>]+>", "", snippet)) < 260


@pytest.mark.parametrize("params, message", [
    ({"q": "ก" * 101}, "กรุณาแก้ไขคำค้น"),
    ({"q": "ระบายน้ำ", "section": "nope"}, "กรุณาแก้ไขคำค้น"),
    ({"q": "!!! ???"}, "ไม่พบรายการ"),
    ({"q": "คำที่ไม่มีในเว็บไซต์แน่นอน"}, "ไม่พบรายการ"),
    ({}, "พิมพ์คำที่ต้องการค้นหา"),
])
def test_bad_or_empty_queries_get_a_thai_message_not_an_error(client, params, message):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert message in response.content.decode()
    if response.context["form"].errors:
        assert 'aria-invalid="true"' in response.content.decode()


def test_english_page(client, every_section, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/search/", {"q": "ระบายน้ำ"})
    assert response.status_code == 200 and len(listed(response)) == 7


def _grow(count):
    category = Category.objects.create(slug=f"grow-{count}", name="เอกสาร")
    Document.objects.bulk_create([
        Document(title=f"รายงานการซ่อมท่อระบายน้ำ ฉบับที่ {n}", summary="สรุปผลการซ่อมแซม", category=category,
                 fiscal_year=2560 + n % 10, is_published=True, external_url="https://x.example",
                 publication_date=datetime.date(2023, 1, 1) + datetime.timedelta(days=n))
        for n in range(count)
    ])
    index.rebuild()


@pytest.mark.parametrize("params", [
    {"q": "ระบายน้ำ"}, {"q": "ระบายน้ำ", "section": "documents", "page": "2"}, {"q": "ซ่อม ท่อ"},
    {"q": "ท่อซ่อม"},  # no phrase: the every-word fallback
])
def test_query_count_stays_constant_as_the_index_grows(client, django_assert_max_num_queries, every_section,
                                                       params):
    # One query counts, ranks and reads the page; the every-word fallback asks a second time.
    _grow(30)
    client.get("/")  # the identity record is created and cached on first use
    client.get("/search/", {"q": "ร้องเรียน"})  # the services a search may name, cached on first use
    with django_assert_max_num_queries(2):
        assert client.get("/search/", params).status_code == 200
    _grow(2000)
    with django_assert_max_num_queries(2):
        response = client.get("/search/", params)
    assert response.context["found"]["page"].paginator.count > 30


@pytest.fixture
def shortcuts(db):
    from search import demo

    demo.load(io.StringIO())


@pytest.mark.parametrize(("typed", "service"), [
    ("ร้องเรียน", "/complaints/"), ("ร้องเรียนการทุจริต", "/complaints/"),
    ("แจ้งเหตุ", "/services/request/public-works-fault/"), ("ไฟดับ", "/services/request/public-works-fault/"),
    ("ขอข้อมูลข่าวสาร", "/services/request/information-request/"), ("จ่ายภาษี", "/contact/"),
    ("จ่าย ภาษี", "/contact/"),
])
def test_a_search_that_names_a_service_shows_the_service_first(client, shortcuts, typed, service):
    news("เทศบาลรับเรื่องร้องเรียนการทุจริต แจ้งเหตุ ขอข้อมูลข่าวสาร และจ่ายภาษี ไฟดับ ได้ที่สำนักงาน")
    body = client.get("/search/", {"q": typed}).content.decode()
    services = body.index('class="search-services')
    assert services < body.index('class="search-results')  # before the news item
    first = re.search(r'class="search-service[^"]*">.*?</li>', body[services:], re.S).group()
    assert ">บริการ<" in first and f'href="{service}"' in first


def test_a_search_that_names_no_service_shows_none(client, shortcuts):
    news("เทศบาลซ่อมท่อระบายน้ำถนนเทศบาล 3")
    body = client.get("/search/", {"q": "ระบายน้ำ"}).content.decode()
    assert "search-services" not in body and "search-results" in body
    # A part of a keyword names no service.
    assert "search-services" not in client.get("/search/", {"q": "ร้อง"}).content.decode()


def test_editors_keep_the_list_of_services_in_the_admin(client, editor, refused_staff):
    client.force_login(refused_staff)
    assert client.get("/admin/search/serviceshortcut/add/").status_code == 403
    client.force_login(editor)
    response = client.post("/admin/search/serviceshortcut/add/", {
        "title": "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ", "url": "/services/", "keywords": "เบี้ยยังชีพ\nผู้สูงอายุ",
        "order": "0", "is_active": "on"})
    assert response.status_code == 302
    body = client.get("/search/", {"q": "เบี้ยยังชีพ"}).content.decode()
    assert "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ" in body
    response = client.post("/admin/search/serviceshortcut/add/", {
        "title": "ลิงก์ผิด", "url": "javascript:alert(1)", "keywords": "x", "order": "0"})
    assert response.status_code == 200 and "ลิงก์ต้องขึ้นต้นด้วย" in response.content.decode()
