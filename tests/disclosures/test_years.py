"""Assessment years staff keep: import from a spreadsheet, confirm against the NACC manual, copy
last year's links for review, merged items, and who may do it."""


import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosures.checklists import checklist_rows, met_condition
from disclosures.models import AssessmentYear, Document, OITItem
from disclosures.oit_lists import ITEM_COLUMNS
from tests.conftest import PASSWORD
from tests.spreadsheets import csv_file, xlsx_file

from .conftest import confirm_years, make_document, make_item

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/disclosures/assessmentyear/import/"
HEADER = list(ITEM_COLUMNS.values())


def _csv(*rows):
    return csv_file("oit.csv", HEADER, *rows)


def _xlsx(*rows):
    return xlsx_file("oit.xlsx", HEADER, *rows)


@pytest.fixture
def editor_client(client, editor):
    client.login(username="editor", password=PASSWORD)
    return client


def _year_url(year, action=""):
    pk = AssessmentYear.objects.get(year=year).pk
    return f"/admin/disclosures/assessmentyear/{pk}/{action + '/' if action else 'change/'}"


def test_csv_import_previews_then_creates_the_year_as_a_draft(editor_client):
    rows = [
        ["O1", "โครงสร้างและอำนาจหน้าที่", "ข้อมูลพื้นฐาน", "Structure", "ทั้งสองฝ่าย", "structure|อำนาจหน้าที่", "คู่มือ"],
        ["O2", "ข้อมูลผู้บริหาร", "ข้อมูลพื้นฐาน", "", "", "executives", ""],
    ]
    response = editor_client.post(IMPORT_URL, {"year": 2571, "source": "คู่มือ ITA 2571", "file": _csv(*rows)})
    body = response.content.decode()
    assert response.status_code == 200 and "ทุกแถวถูกต้อง" in body
    assert "โครงสร้างหน่วยงาน, อำนาจหน้าที่" in body  # topics shown by their Thai names
    assert not AssessmentYear.objects.filter(year=2571).exists()  # a preview saves nothing
    response = editor_client.post(IMPORT_URL, {"confirm": "1"})
    assert response.status_code == 302 and response.url == _year_url(2571)
    year = AssessmentYear.objects.get(year=2571)
    assert (year.source, year.is_confirmed) == ("คู่มือ ITA 2571", False)
    items = list(year.items.order_by("order"))
    assert [(i.code, i.topics, i.order) for i in items] == [
        ("O1", ["structure", "powers"], 1),
        ("O2", ["executives"], 2),
    ]
    assert LogEntry.objects.filter(object_id=str(year.pk), change_message__contains="นำเข้า 2").exists()


def test_xlsx_with_bad_rows_saves_nothing_and_names_each_error(editor_client):
    make_item(2571, "O9", "มีอยู่แล้ว")
    rows = [
        ["O1", "ดี", "", "", "", "", ""],
        ["O2", "", "", "", "", "", ""],  # no title
        ["O3", "หัวข้อผิด", "", "", "", "no-such-topic", ""],
        ["O1", "รหัสซ้ำ", "", "", "", "", ""],
        ["O9", "มีในปีนี้แล้ว", "", "", "", "", ""],
    ]
    body = editor_client.post(IMPORT_URL, {"year": 2571, "file": _xlsx(*rows)}).content.decode()
    assert "พบข้อผิดพลาด 4 แถว" in body
    assert "ชื่อข้อ:" in body and "หน้าของพอร์ทัลที่เป็นหลักฐาน:" in body
    assert "O1 ซ้ำกับแถวก่อนหน้า" in body and "ปี 2571 มีข้อ O9 อยู่แล้ว" in body
    assert 'name="confirm"' not in body
    assert editor_client.post(IMPORT_URL, {"confirm": "1"}).status_code == 302
    assert OITItem.objects.filter(assessment_year=2571).count() == 1


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("oit.xlsx", b"%PDF-1.4 not a sheet"), "ชนิดไฟล์ไม่ถูกต้อง"),
        (SimpleUploadedFile("oit.csv", "ข้อ,ชื่อ\nO1,ก\n".encode()), "ไม่พบคอลัมน์: รหัสข้อ, ชื่อข้อ"),
        (SimpleUploadedFile("oit.csv", "รหัสข้อ,ชื่อข้อ\nO1,ก\n".encode("utf-16")), "ไม่ใช่ไฟล์ข้อความ CSV"),
        (SimpleUploadedFile("oit.txt", b"x"), "รับเฉพาะไฟล์ .csv หรือ .xlsx"),
    ],
)
def test_files_that_cannot_be_read_are_refused_in_thai(editor_client, upload, message):
    body = editor_client.post(IMPORT_URL, {"year": 2571, "file": upload}).content.decode()
    assert message in body
    assert not AssessmentYear.objects.exists()


def test_a_confirmed_year_takes_no_import(editor_client, oit_items):
    body = editor_client.post(IMPORT_URL, {"year": 2564, "file": _csv(["O99", "เพิ่ม", "", "", "", "", ""])})
    assert "ยืนยันกับคู่มือแล้ว" in body.content.decode()
    assert not OITItem.objects.filter(code="O99").exists()


def test_confirming_records_who_when_and_which_manual(editor_client, editor, oit_items):
    url = _year_url(2568, "confirm")
    page = editor_client.get(url).content.decode()
    assert "O23" in page and "low (non-LG" in page  # the items and how sure their sources are
    response = editor_client.post(url, {"manual_reference": "คู่มือการประเมิน ITA 2568"})  # box not ticked
    assert response.status_code == 200 and not AssessmentYear.objects.get(year=2568).is_confirmed
    response = editor_client.post(url, {"manual_reference": "คู่มือการประเมิน ITA 2568", "checked": "on"})
    assert response.status_code == 302
    year = AssessmentYear.objects.get(year=2568)
    assert (
        year.is_confirmed and year.confirmed_by == editor and year.manual_reference == "คู่มือการประเมิน ITA 2568"
    )
    assert "คู่มือการประเมิน ITA 2568" in editor_client.get(_year_url(2568)).content.decode()
    assert LogEntry.objects.filter(object_id=str(year.pk), change_message__contains="ยืนยันกับคู่มือ").exists()
    # The public index moves to it, the newest confirmed year.
    editor_client.logout()
    assert editor_client.get("/disclosures/ita/").url == "/disclosures/ita/2568/"


def test_withdrawing_a_confirmation_hides_the_year_again(editor_client, oit_items):
    assert editor_client.get(_year_url(2566, "withdraw")).status_code == 302  # GET changes nothing
    assert AssessmentYear.objects.get(year=2566).is_confirmed
    editor_client.post(_year_url(2566, "withdraw"))
    year = AssessmentYear.objects.get(year=2566)
    assert not year.is_confirmed and year.confirmed_by is None
    editor_client.logout()
    assert editor_client.get("/disclosures/ita/2566/").status_code == 404
    assert editor_client.get("/disclosures/ita/").url == "/disclosures/ita/2564/"


def test_a_year_without_items_cannot_be_confirmed(editor_client):
    AssessmentYear.objects.create(year=2571)
    response = editor_client.post(
        _year_url(2571, "confirm"), {"manual_reference": "คู่มือ", "checked": "on"}, follow=True
    )
    assert "ยังไม่มีรายการข้อ OIT ยืนยันไม่ได้" in response.content.decode()
    assert not AssessmentYear.objects.get(year=2571).is_confirmed


def test_a_new_year_takes_last_years_links_after_review(editor_client, db):
    old_news = make_item(2570, "O7", "ข่าวประชาสัมพันธ์")
    old_plan = make_item(2570, "O10", "แผนดำเนินงานประจำปี", order=2)
    old_structure = make_item(2570, "O1", "โครงสร้าง", order=3)
    news = make_document("ข่าว 2570")
    news.oit_items.add(old_news)
    plan = make_document("แผน 2570", year=2570)
    plan.oit_items.add(old_plan)
    chart = make_document("แผนผังโครงสร้าง")
    chart.oit_items.add(old_structure)
    new_news = make_item(2571, "O4", "ข่าวประชา สัมพันธ์")  # renumbered, spaced differently
    new_plan = make_item(2571, "O10", "แผนดำเนินงานประจำปี", order=2)
    new_structure = make_item(2571, "O1", "โครงสร้างและอำนาจหน้าที่", order=3)  # merged: same code, new title
    make_item(2571, "O30", "ไม่มีคู่", order=4)

    response = editor_client.get(_year_url(2571, "copy-links"))
    candidates = {c.item.code: c for c in response.context["candidates"]}
    assert set(candidates) == {"O4", "O10", "O1"}
    assert candidates["O4"].suggested and candidates["O10"].suggested
    assert not candidates["O1"].suggested  # a code alone is shown for review, not ticked
    assert "รหัสตรงกัน ชื่อต่างกัน" in response.content.decode()

    keys = [candidates["O4"].key, candidates["O10"].key, f"{new_structure.pk}:{plan.pk}"]  # a forged pair
    assert editor_client.post(_year_url(2571, "copy-links"), {"link": keys}).status_code == 302
    assert list(new_news.documents.all()) == [news]
    assert list(new_plan.documents.all()) == [plan]
    assert not new_structure.documents.exists()
    again = editor_client.get(_year_url(2571, "copy-links")).context["candidates"]
    assert {c.item.code for c in again if c.already_linked} == {"O4", "O10"}


def test_a_merged_item_needs_each_of_its_topics(client, db, settings):
    """2568 O1 merges the structure and the powers pages: one alone is partial, not met."""
    from municipality.models import Division, Page

    make_item(2571, "O1", "โครงสร้างและอำนาจหน้าที่", topics=["structure", "powers"])
    confirm_years(2571)
    Division.objects.create(name="สำนักปลัดเทศบาล")
    row = checklist_rows(2571)[0]
    assert row.is_partial and not row.is_met and row.missing_parts == ["อำนาจหน้าที่"]
    body = client.get("/disclosures/ita/2571/").content.decode()
    assert "เผยแพร่บางส่วน" in body and "ยังขาด: อำนาจหน้าที่" in body
    export = client.get("/disclosures/ita/2571/export.csv").content.decode("utf-8-sig")
    assert "เผยแพร่บางส่วน" in export
    items = OITItem.objects.filter(assessment_year=2571)
    assert not items.filter(met_condition(items)).exists()
    Page.objects.create(
        kind=Page.Kind.POWERS, title="อำนาจหน้าที่", body="ตามพระราชบัญญัติเทศบาล", is_published=True
    )
    assert checklist_rows(2571)[0].is_met
    assert items.filter(met_condition(items)).count() == 1
    export = client.get("/disclosures/ita/2571/export.csv").content.decode("utf-8-sig")
    assert "/about/structure/" in export and "/about/powers/" in export


def test_documents_of_a_draft_year_do_not_say_they_prove_it(client, oit_items):
    document = make_document("แผนผังโครงสร้าง")
    document.oit_items.add(
        OITItem.objects.get(assessment_year=2568, code="O1"),
        OITItem.objects.get(assessment_year=2564, code="O1"),
    )
    body = client.get(document.get_absolute_url()).content.decode()
    assert "ปี 2564 ข้อ O1" in body and "ปี 2568" not in body


def test_the_sitemap_lists_confirmed_years_only(client, oit_items):
    body = client.get("/sitemap.xml").content.decode()
    assert "/disclosures/ita/2564/" in body and "/disclosures/ita/2568/" not in body


@pytest.mark.parametrize("url", [IMPORT_URL, "/admin/disclosures/assessmentyear/"])
def test_staff_without_the_editor_role_are_refused(client, refused_staff, url):
    client.login(username="refused", password=PASSWORD)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("action", ["confirm", "withdraw", "copy-links"])
def test_year_actions_refuse_other_staff(client, refused_staff, procurement_officer, oit_items, action):
    url = _year_url(2568, action)
    for user in (refused_staff, procurement_officer):
        client.force_login(user)
        assert client.post(url, {"manual_reference": "x", "checked": "on"}).status_code == 403
    assert not AssessmentYear.objects.get(year=2568).is_confirmed
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_a_draft_stays_hidden_from_other_staff(client, refused_staff, oit_items):
    client.force_login(refused_staff)
    assert client.get("/disclosures/ita/2568/").status_code == 404
    assert Document.objects.count() == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_import_page_offers_a_sample_that_imports_as_it_is(editor_client, fmt):
    page = editor_client.get(IMPORT_URL).content.decode()
    sample_url = f"/admin/disclosures/assessmentyear/import/sample.{fmt}"
    assert f'href="{sample_url}"' in page
    sample = editor_client.get(sample_url)
    assert sample.status_code == 200
    upload = SimpleUploadedFile(f"oit.{fmt}", sample.content)
    body = editor_client.post(IMPORT_URL, {"year": 2571, "file": upload}).content.decode()
    assert "ทุกแถวถูกต้อง" in body
    assert editor_client.get("/admin/disclosures/assessmentyear/import/sample.pdf").status_code == 404


def test_the_sample_is_refused_to_staff_without_the_right(client, refused_staff):
    client.force_login(refused_staff)
    assert client.get("/admin/disclosures/assessmentyear/import/sample.csv").status_code in (302, 403)


def test_an_unknown_evidence_code_names_the_codes_allowed(editor_client):
    rows = [["O3", "หัวข้อผิด", "", "", "", "no-such-topic", ""]]
    body = editor_client.post(IMPORT_URL, {"year": 2571, "file": _csv(*rows)}).content.decode()
    assert "ไม่รู้จักรหัส no-such-topic ใช้ได้: structure, executives, powers" in body
