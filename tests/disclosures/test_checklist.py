import csv
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from disclosures.models import AssessmentYear, OITItem, RiskEntry
from disclosures.oit_lists import DATA_DIR, load_all, load_checklist

from .conftest import confirm_years, make_document, many_documents

pytestmark = pytest.mark.django_db


def test_every_year_in_the_data_folder_is_loaded_once_as_a_draft(db):
    load_all()
    counts = {year.year: year.items.count() for year in AssessmentYear.objects.all()}
    assert counts == {2564: 43, 2566: 43, 2567: 7, 2568: 24, 2569: 23}
    assert not AssessmentYear.objects.confirmed().exists()
    o34 = OITItem.objects.get(assessment_year=2564, code="O34")
    assert (o34.title, o34.topics) == ("เจตจำนงสุจริตของผู้บริหาร", ["executive-declaration"])
    merged = OITItem.objects.get(assessment_year=2568, code="O1")
    assert merged.topics == ["structure", "powers"] and merged.confidence.startswith("medium")
    load_all()
    assert OITItem.objects.count() == 140


def test_the_loader_never_touches_a_confirmed_year_and_refreshes_drafts_only_when_asked(oit_items, tmp_path):
    item = OITItem.objects.get(assessment_year=2568, code="O4")
    document = make_document("ข่าว")
    document.oit_items.add(item)
    for year in (2564, 2568):
        text = (DATA_DIR / f"oit_{year}.csv").read_text(encoding="utf-8")
        corrected = text.replace(",ข่าวประชาสัมพันธ์,", ",ข่าวสาร,")
        (tmp_path / f"oit_{year}.csv").write_text(corrected, encoding="utf-8")
    assert load_checklist(tmp_path / "oit_2568.csv") == (0, 0)
    assert load_checklist(tmp_path / "oit_2568.csv", refresh=True) == (0, 24)
    item.refresh_from_db()
    assert item.title == "ข่าวสาร" and list(item.documents.all()) == [document]
    assert load_checklist(tmp_path / "oit_2564.csv", refresh=True) == (0, 0)  # confirmed: staff own it
    assert OITItem.objects.get(assessment_year=2564, code="O7").title == "ข่าวประชาสัมพันธ์"


def test_a_new_year_is_a_draft_until_confirmed(client, tmp_path, editor):
    text = (DATA_DIR / "oit_2566.csv").read_text(encoding="utf-8").replace("\n2566,", "\n2570,")
    (tmp_path / "oit_2570.csv").write_text(text, encoding="utf-8")
    call_command("load_oit_items", data_dir=str(tmp_path), stdout=io.StringIO())
    assert client.get("/disclosures/ita/2570/").status_code == 404
    assert client.get("/disclosures/ita/2570/export.csv").status_code == 404
    assert client.get("/disclosures/ita/").status_code == 404  # nothing confirmed yet
    client.force_login(editor)
    draft = client.get("/disclosures/ita/2570/")
    assert draft.status_code == 200 and "ยังไม่ยืนยันกับคู่มือ ป.ป.ช." in draft.content.decode()
    assert "no-store" in draft["Cache-Control"]
    assert "2570-draft" in client.get("/disclosures/ita/2570/export.csv")["Content-Disposition"]
    client.logout()
    confirm_years(2570)
    response = client.get("/disclosures/ita/2570/")
    assert response.status_code == 200 and "ยังไม่ยืนยัน" not in response.content.decode()
    # No documents are linked; only the portal's own pages (channels, forms) can meet items.
    assert re.search(r"เผยแพร่แล้ว \d+ จาก 43 ข้อ", response.content.decode())
    assert client.get("/disclosures/ita/").url == "/disclosures/ita/2570/"


@pytest.mark.parametrize("bad_line, message", [
    ("2599,O1,ก,โครงสร้าง,Structure,ข้อกำหนด,no-such-topic,high", "แถว 3: หน้าของพอร์ทัลที่เป็นหลักฐาน: ไม่รู้จักรหัส"),
    ("2599,,ก,โครงสร้าง,Structure,ข้อกำหนด,,high", "แถว 3: รหัสข้อ: "),
    ("2599,O2,ก,โครงสร้าง,Structure,ข้อกำหนด,,high", "แถว 3: รหัสข้อ: O2 ซ้ำกับแถวก่อนหน้า"),
    ("2599,O3,ก,โครงสร้าง,Structure,ข้อกำหนด,,high,sometimes", "แถว 3: ช่วงเวลาของหลักฐาน: ไม่รู้จักรหัส"),
])
def test_a_bad_data_file_is_refused_whole(tmp_path, db, bad_line, message):
    header = "year,code,group,title_th,title_en,requirement,topic,confidence,window"
    good = "2599,O2,ก,ผู้บริหาร,Executives,ข้อกำหนด,executives,high"
    (tmp_path / "oit_2599.csv").write_text(f"{header}\n{good}\n{bad_line}\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=message):
        load_checklist(tmp_path / "oit_2599.csv")
    with pytest.raises(CommandError):
        call_command("load_oit_items", data_dir=str(tmp_path), stdout=io.StringIO())
    assert not OITItem.objects.exists() and not AssessmentYear.objects.exists()


def test_checklist_shows_items_evidence_gaps_and_coverage(client, oit_items):
    plan = make_document("แผนการดำเนินงานประจำปี 2564", category="operational-plan", year=2564)
    plan.oit_items.add(OITItem.objects.get(assessment_year=2564, code="O10"))
    draft = make_document("ร่างคู่มือ", published=False)
    draft.oit_items.add(OITItem.objects.get(assessment_year=2564, code="O13"))
    make_document("ประกาศเจตจำนงสุจริต 2564", category="declaration", year=2564)  # proves O34 by itself
    response = client.get("/disclosures/ita/2564/")
    assert response.status_code == 200
    rows = {row.item.code: row for row in response.context["checklist"]["rows"]}
    assert rows["O10"].documents == [plan]
    assert rows["O13"].documents == [] and not rows["O13"].is_met  # a draft is no evidence
    assert rows["O34"].pages[0][0] == "ประกาศเจตจำนงสุจริต 2564"
    body = response.content.decode()
    # O10 and O34 from documents; the other apps' channel pages (O30, O32, …) meet their items too.
    met = sum(row.is_met for row in rows.values())
    assert rows["O10"].is_met and rows["O34"].is_met and met >= 2
    assert f"เผยแพร่แล้ว {met} จาก 43 ข้อ" in body
    assert body.count("ยังไม่เผยแพร่") >= 43 - met
    assert f'href="{plan.get_absolute_url()}"' in body


def test_risk_register_proves_o36_and_o37_of_its_own_year_only(client, oit_items):
    entry = RiskEntry.objects.create(fiscal_year=2564, process="จัดซื้อ", risk="ฮั้ว", likelihood=3, impact=4,
                                     controls="เผยแพร่ร่างขอบเขตงาน", owner="กองคลัง")
    rows = {row.item.code: row for row in client.get("/disclosures/ita/2564/").context["checklist"]["rows"]}
    # The assessment is met by the register; the actions need an entry with an outcome.
    assert rows["O36"].is_met and not rows["O37"].is_met
    assert "ยังไม่มีรายการที่ดำเนินการแล้วเสร็จ" in rows["O37"].reasons[0][0]
    entry.status = RiskEntry.Status.DONE
    entry.save()
    rows = {row.item.code: row for row in client.get("/disclosures/ita/2564/").context["checklist"]["rows"]}
    assert rows["O36"].is_met and rows["O37"].is_met
    checklist_2566 = client.get("/disclosures/ita/2566/").context["checklist"]
    rows_2566 = {row.item.code: row for row in checklist_2566["rows"]}
    assert not rows_2566["O34"].is_met  # 2566's O34 is the risk assessment: none for 2566


def test_unknown_year_is_404_and_latest_redirects(client, oit_items):
    assert client.get("/disclosures/ita/2599/").status_code == 404
    assert client.get("/disclosures/ita/2599/export.csv").status_code == 404
    assert client.get("/disclosures/ita/").url == "/disclosures/ita/2566/"


def test_export_csv_has_one_row_per_item_with_absolute_urls_and_status(client, oit_items, settings):
    settings.SITE_URL = "https://ita.kppmu.go.th"
    plan = make_document("=HYPERLINK(\"http://evil\")", category="operational-plan", year=2564)
    plan.oit_items.add(OITItem.objects.get(assessment_year=2564, code="O10"))
    response = client.get("/disclosures/ita/2564/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="ita-oit-2564.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["ข้อ", "ชื่อข้อ", "URL หลักฐานบนเว็บไซต์", "สถานะ"]
    assert len(rows) == 44
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["O10"][2] == f"https://ita.kppmu.go.th/disclosures/{plan.pk}/"
    assert by_code["O10"][3] == "เผยแพร่แล้ว"
    assert by_code["O17"][2:] == ["", "ยังไม่เผยแพร่"]


def test_export_xlsx_matches_the_csv(client, oit_items):
    make_document("เจตจำนง 2564", category="declaration", year=2564)
    response = client.get("/disclosures/ita/2564/export.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 44
    o34 = next(row for row in rows if row[0] == "O34")
    assert o34[2].startswith("http://127.0.0.1:8000/disclosures/") and o34[3] == "เผยแพร่แล้ว"


def test_export_cells_cannot_run_as_formulas(client, oit_items):
    OITItem.objects.filter(assessment_year=2564, code="O1").update(title="=1+1")
    rows = client.get("/disclosures/ita/2564/export.csv").content.decode("utf-8-sig")
    assert "'=1+1" in rows
    sheet = load_workbook(io.BytesIO(client.get("/disclosures/ita/2564/export.xlsx").content)).active
    cell = next(row[1] for row in sheet.iter_rows() if row[0].value == "O1")
    assert cell.value == "=1+1" and cell.data_type == "s"


@pytest.mark.parametrize("url", ["/disclosures/ita/2564/", "/disclosures/ita/2564/export.xlsx"])
def test_checklist_runs_a_constant_number_of_queries(client, oit_items, django_assert_max_num_queries, url):
    from disclosures.models import Document

    client.get("/")
    many_documents(10)
    items = list(OITItem.objects.filter(assessment_year=2564))
    for document in Document.objects.all():
        document.oit_items.add(*items[:5])
    # Each app's evidence for two fiscal years (windows name the assessed one or the one before).
    with django_assert_max_num_queries(64):
        client.get(url)
    many_documents(1000)
    for document in Document.objects.all()[:300]:
        document.oit_items.add(*items[5:20])
    with django_assert_max_num_queries(64):
        assert client.get(url).status_code == 200


def test_an_item_with_many_documents_shows_the_newest_and_links_to_all(client, oit_items):
    import datetime

    item = OITItem.objects.get(assessment_year=2564, code="O22")
    for day in range(1, 9):
        document = make_document(f"ประกาศจัดซื้อ ฉบับวันที่ {day}", year=2564, date=datetime.date(2021, 3, day))
        document.oit_items.add(item)
    make_document("ร่างประกาศ", published=False).oit_items.add(item)
    checklist = client.get("/disclosures/ita/2564/").context["checklist"]
    row = next(r for r in checklist["rows"] if r.item.code == "O22")
    assert [d.title for d in row.documents] == [f"ประกาศจัดซื้อ ฉบับวันที่ {day}" for day in (8, 7, 6, 5, 4)]
    assert (row.document_count, row.more_documents) == (8, 3)
    listed = client.get("/disclosures/", {"oit": item.pk}).context["catalogue"]["page"].paginator.count
    assert listed == 8
    export = client.get("/disclosures/ita/2564/export.csv").content.decode("utf-8-sig")
    o22 = next(line for line in csv.reader(io.StringIO(export)) if line[0] == "O22")
    assert len(o22[2].split("\n")) == 8  # the sheet lists every piece of evidence


def test_english_checklist_shows_the_english_title_where_there_is_one(client, settings, oit_items):
    item = OITItem.objects.get(assessment_year=2564, code="O10")
    untitled = OITItem.objects.filter(assessment_year=2564, title_en="").first()
    assert item.title_en  # the shipped list has English titles
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    row = _row(client.get("/disclosures/ita/2564/").content.decode(), "O10")
    assert f"<strong>{item.title_en}</strong>" in row and f"<strong>{item.title}</strong>" not in row
    if untitled:  # no English title: the Thai one rather than nothing
        assert f"<strong>{untitled.title}</strong>" in _row(
            client.get("/disclosures/ita/2564/").content.decode(), untitled.code)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    thai_row = _row(client.get("/disclosures/ita/2564/").content.decode(), "O10")
    assert f"<strong>{item.title}</strong>" in thai_row


def _row(body, code):
    return re.search(rf'<tr id="{code}".*?</tr>', body, re.S).group(0)
