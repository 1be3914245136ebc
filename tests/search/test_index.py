"""The index follows the sections: what is public is found, what is not never is."""
import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from disclosures.models import Category, Document
from kpp_portal import bulk
from kpp_portal.words import Query
from municipality.models import Question
from search import index
from search.models import SearchEntry
from search.results import find

from .conftest import committee, document, indexed, meeting, news, page, plan, project, question

pytestmark = pytest.mark.django_db


def titles(text):
    return [entry.title.replace("\u200b", "") for entry in find(Query(text)).entries]


def test_a_published_document_is_found_and_leaves_when_unpublished_or_deleted():
    report = document("รายงานการขุดลอกคูคลองระบายน้ำ")
    assert titles("ระบายน้ำ") == ["รายงานการขุดลอกคูคลองระบายน้ำ"]
    report.is_published = False
    report.save()
    assert titles("ระบายน้ำ") == [] and indexed(report) is None
    report.is_published = True
    report.save()
    assert titles("ระบายน้ำ") == ["รายงานการขุดลอกคูคลองระบายน้ำ"]
    report.delete()
    assert not SearchEntry.objects.exists()


def test_drafts_of_every_section_are_never_indexed():
    document("ร่างรายงานระบายน้ำ", published=False)
    news("ข่าวร่างเรื่องระบายน้ำ", draft=True)
    question("ท่อระบายน้ำอุดตันแจ้งที่ไหน")  # not answered
    question("ท่อระบายน้ำแตกแจ้งที่ไหน", answer="แจ้งกองช่าง", published=False)  # answered, not approved
    page("อำนาจหน้าที่", "จัดให้มีทางระบายน้ำ", published=False)
    meeting("ประชุมเรื่องระบายน้ำ", published=False)
    project("ก่อสร้างท่อระบายน้ำ", plan(published_on=None))
    assert not SearchEntry.objects.exists()


def test_scheduled_publication_shows_from_its_time_and_expiry_hides():
    now = timezone.now()
    news("ข่าวตั้งเวลาเรื่องระบายน้ำ", publish_at=now + datetime.timedelta(days=2),
         expire_at=now + datetime.timedelta(days=5))
    document("ประกาศระบายน้ำล่วงหน้า", date=timezone.localdate() + datetime.timedelta(days=3))
    assert titles("ระบายน้ำ") == []
    with time_machine.travel(now + datetime.timedelta(days=4)):
        assert sorted(titles("ระบายน้ำ")) == ["ข่าวตั้งเวลาเรื่องระบายน้ำ", "ประกาศระบายน้ำล่วงหน้า"]
    with time_machine.travel(now + datetime.timedelta(days=6)):
        assert titles("ระบายน้ำ") == ["ประกาศระบายน้ำล่วงหน้า"]


def test_a_plan_publication_decides_whether_its_projects_and_announcements_show():
    draft_plan = plan(published_on=None)
    road = project("ก่อสร้างถนนคอนกรีตเสริมเหล็ก", draft_plan)
    assert titles("ถนนคอนกรีต") == []
    draft_plan.published_on = datetime.date(2025, 10, 5)
    draft_plan.save()
    assert sorted(titles("ถนนคอนกรีต")) == ["ก่อสร้างถนนคอนกรีตเสริมเหล็ก", "ประกาศเชิญชวน ก่อสร้างถนนคอนกรีตเสริมเหล็ก"]
    assert indexed(road).url == road.get_absolute_url()
    draft_plan.published_on = None
    draft_plan.save()
    assert titles("ถนนคอนกรีต") == []


def test_renaming_a_committee_refreshes_its_meetings():
    market = committee("คณะกรรมการบริหารตลาด")
    meeting("การประชุมครั้งที่ 1", committee=market)
    assert titles("บริหารตลาด") == ["คณะกรรมการบริหารตลาด", "การประชุมครั้งที่ 1"]
    market.name = "คณะกรรมการกำกับตลาดสด"
    market.save()
    assert titles("บริหารตลาด") == []
    assert titles("กำกับตลาดสด") == ["คณะกรรมการกำกับตลาดสด", "การประชุมครั้งที่ 1"]


def test_renaming_a_category_refreshes_its_documents():
    report = document("สรุปผลการดำเนินงาน")
    Category.objects.filter(pk=report.category_id).update(name="ไม่ถูกนำไปใช้")  # no signal: unchanged
    category = Category.objects.get(pk=report.category_id)
    category.name = "รายงานประจำไตรมาส"
    category.save()
    assert titles("ประจำไตรมาส") == ["สรุปผลการดำเนินงาน"]


def test_an_answer_links_to_the_page_of_the_board_it_is_on(settings):
    settings.PAGE_SIZE = 10
    older = question("ชำระภาษีป้ายได้ที่ไหน", answer="กองคลัง", published=True,
                     created_at=timezone.now() - datetime.timedelta(days=30))
    assert indexed(older).url == f"/questions/#q-{older.pk}"
    for number in range(10):  # ten newer answers push it to page 2
        question(f"คำถามที่ {number}", answer="คำตอบ", published=True)
    assert indexed(older).url == f"/questions/?page=2#q-{older.pk}"
    assert Question.objects.public().count() == 11


def test_the_index_rolls_back_with_the_object():
    with pytest.raises(RuntimeError), transaction.atomic():
        document("เอกสารที่ไม่ได้บันทึกเรื่องระบายน้ำ")
        raise RuntimeError
    assert not SearchEntry.objects.exists()


@pytest.mark.postgres
@pytest.mark.parametrize("query", ["ภาษีที่ดิน", "Work Manual", "ระบายน้ำ 2567"])
def test_the_gin_index_serves_thai_and_english_searches(query):
    document("ประกาศเทศบาลเรื่องการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้างประจำปี")
    document("คู่มือการปฏิบัติงาน (Work Manual)", summary="ขุดลอกคลองระบายน้ำ 2567")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = SearchEntry.objects.visible().matching(Query(query)).explain()
    assert "search_entry_vector" in plan, plan


@pytest.mark.postgres
def test_a_word_in_a_fifth_of_the_entries_is_found_through_the_index():
    # With PostgreSQL's own random_page_cost (4, for spinning disks) the planner finds reading
    # the whole table about as cheap, and takes it; the portal's connections use
    # DB_RANDOM_PAGE_COST (1.1), for which the index is clearly cheaper.
    content_type = SearchEntry._meta.get_field("content_type").related_model.objects.first().pk
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_searchentry (section, content_type_id, object_id, url, title, text,"
            " title_terms, terms, date, vector)"
            " SELECT 'documents', %s, n, '/d/' || n, 'เอกสาร ' || n, terms, 'เอกสาร ' || n, terms,"
            " '2024-01-01', to_tsvector('simple', terms) FROM (SELECT n, repeat('ข้อความ เนื้อหา ', 8)"
            " || 'คำ' || n || CASE WHEN n %% 5 = 0 THEN ' ประชุม' ELSE '' END AS terms"
            " FROM generate_series(1, 2000) AS n) AS rows", [content_type])
        cursor.execute("ANALYZE search_searchentry")
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
    query = Query("ประชุม")
    matches = (SearchEntry.objects.visible().matching(query).annotate(rank=SearchEntry.rank(query))
               .values_list("pk", "section", "date", "rank"))
    assert matches.count() == 400
    assert "Bitmap Index Scan on search_entry_vector" in matches.explain()


@pytest.mark.postgres
def test_new_entries_go_straight_into_the_gin_index():
    # A pending list (fastupdate) would be read through by every search until a vacuum.
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'search_entry_vector'")
        assert cursor.fetchone()[0] == ["fastupdate=off"]


def test_rebuild_indexes_what_bulk_writes_added():
    category = Category.objects.create(slug="bulk", name="นำเข้า")
    Document.objects.bulk_create([
        Document(title=f"ประกาศขุดลอกคลองระบายน้ำ ฉบับที่ {n}", category=category, fiscal_year=2567,
                 publication_date=datetime.date(2024, 1, 1), is_published=True, external_url="https://x.example")
        for n in range(5)
    ])
    assert titles("ระบายน้ำ") == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert len(titles("ระบายน้ำ")) == 5
    assert "เอกสารเผยแพร่: 5" in out.getvalue()


def test_rebuild_writes_the_same_entries_as_the_signals():
    document("รายงานผลการดำเนินงาน", summary="สรุปโครงการระบายน้ำ")
    news("ข่าวเวทีประชาคม")
    committee("คณะกรรมการพัฒนาเทศบาล")
    fields = ("section", "object_id", "url", "title", "text", "title_terms", "terms", "date", "visible_from")
    before = sorted(SearchEntry.objects.values_list(*fields))
    index.rebuild()
    assert sorted(SearchEntry.objects.values_list(*fields)) == before and len(before) == 3


def test_saves_in_a_bulk_load_leave_the_index_until_its_end_and_later_saves_refresh_it_again():
    with bulk.loading(io.StringIO()):
        report = document("รายงานการขุดลอกคูคลองระบายน้ำ")
        assert titles("ระบายน้ำ") == []
    assert titles("ระบายน้ำ") == ["รายงานการขุดลอกคูคลองระบายน้ำ"]
    report.title = "รายงานการซ่อมท่อระบายน้ำ"
    report.save()
    assert titles("ระบายน้ำ") == ["รายงานการซ่อมท่อระบายน้ำ"]



@pytest.mark.postgres
def test_libpqs_pgoptions_still_apply_beside_the_portals_own():
    # tests/env.py sets PGOPTIONS; the settings' own `options` would replace it if not joined.
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone() == ("off",)
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
