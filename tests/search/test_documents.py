"""The text inside published files: read after publication, found by the search with its page,
scans OCR'd once, a bad file failed without stopping the worker."""
import datetime
import io
import re
import shutil
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command

from disclosures.models import Category, Document
from kpp_portal.demofiles import as_scan
from kpp_portal.pdf import html_to_pdf
from kpp_portal.words import Query
from search import index, reading, results
from search.files import FileText
from search.results import find
from tests.conftest import require

pytestmark = pytest.mark.django_db


@pytest.fixture
def poppler():
    require("" if shutil.which("pdftotext") else "apt-get install poppler-utils")


@pytest.fixture
def ocr():
    require("" if reading.can_ocr() else "apt-get install ocrmypdf tesseract-ocr-tha")


# Skipped on a developer's machine without the tool, failed in CI (tests.conftest.require).
needs_poppler = pytest.mark.usefixtures("poppler")


def thai_pdf(*pages):
    body = "".join(f"<p style='break-before: page'>{page}</p>" for page in pages)
    html = f"<html lang='th'><body>{body}</body></html>"
    return html_to_pdf(html, stylesheets=["body { font-size: 16pt }"])


def docx(*paragraphs):
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" if text else
                   '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' for text in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
                         f'openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    return out.getvalue()


def published(title, content, extension=".pdf"):
    category, _created = Category.objects.get_or_create(slug="report", defaults={"name": "รายงาน"})
    document = Document(title=title, category=category, fiscal_year=2567, is_published=True)
    document.attachment.save(f"file{extension}", ContentFile(content), save=False)
    document.save()
    return document


def text_of(document):
    content_type = ContentType.objects.get_for_model(Document)
    return FileText.objects.get(content_type=content_type, object_id=document.pk)


def found(words):
    return [entry.title.replace("\u200b", "") for entry in find(Query(words)).entries]


def test_sara_am_and_marks_come_back_as_typed():
    assert reading.normalise("ก\u0e4d\u0e32หนด น\u0e49\u0e4d\u0e32") == "กำหนด น้ำ"
    assert reading.normalise("ท\u0e48\u0e35") == "ที่"
    # A text layer that lost every SARA AM's circle: the dictionary mends the words it can.
    damaged = "เทศบาลได้ดาเนินการตามแผนงานประจาปีและกาหนดการไว้แล้ว " * 8
    assert "ดำเนินการ" in reading.normalise(damaged) and "ประจำปี" in reading.normalise(damaged)
    # Thai wrapped at the end of a line is one sentence again.
    assert reading.normalise("พระ\nราชบัญญัติ\nEnglish") == "พระราชบัญญัติ\nEnglish"


def test_ocr_spaces_between_thai_letters_are_taken_out():
    assert reading.unspaced("ป ร ะ ก า ศ เ จ ต จ ํ า น ง ส ุ จ ร ิ ต") == "ประกาศเจตจํานงสุจริต"
    assert reading.unspaced("เทศบาล จัดทำ คู่มือ") == "เทศบาล จัดทำ คู่มือ"


@needs_poppler
def test_a_pdf_is_read_after_publication_and_found_with_its_page(client):
    document = published("รายงานประจำปี", thai_pdf("บทนำของรายงาน", "การขุดลอกคลองแม่ปิงช่วงชุมชนนครชุม"))
    assert found("คลองแม่ปิง") == []  # published at once, its text follows
    call_command("read_documents", stdout=io.StringIO())
    row = text_of(document)
    assert (row.state, row.is_scan, row.pages) == (FileText.State.DONE, False, 2)
    assert found("คลองแม่ปิง") == ["รายงานประจำปี"]
    page = client.get("/search/", {"q": "คลองแม่ปิง"}).content.decode()
    assert f'href="{document.get_download_url()}#page=2"' in page and "<mark>" in page and "หน้า 2" in page
    # A text layer is never OCR'd; a second run reads nothing again.
    call_command("read_documents", stdout=io.StringIO())
    row.refresh_from_db()
    assert (row.attempts, row.searchable.name) == (1, "")


@needs_poppler
def test_a_portal_pdf_reads_sara_am_and_sara_aa_apart():
    # The portal's PDFs give ำ as ํ + า and า as itself, in any order on the page.
    text = "เทศบาลเมืองกำแพงเพชรดำเนินการตามมาตรา ๙ ทำงานระบายน้ำทางการเกษตร"
    assert reading.pdf_pages(thai_pdf(text)) == [text]
    published("แผนงานระบายน้ำ", thai_pdf(text))
    call_command("read_documents", stdout=io.StringIO())
    assert found("ตามมาตรา") == found("ระบายน้ำทางการเกษตร") == ["แผนงานระบายน้ำ"]


@needs_poppler
def test_a_replaced_file_is_read_anew_and_an_unpublished_one_leaves():
    document = published("คำสั่งเทศบาล", thai_pdf("แต่งตั้งคณะกรรมการตรวจรับพัสดุ"))
    call_command("read_documents", stdout=io.StringIO())
    document.attachment.save("new.pdf", ContentFile(thai_pdf("แต่งตั้งคณะกรรมการสอบข้อเท็จจริง")))
    assert text_of(document).state == FileText.State.PENDING and found("ตรวจรับพัสดุ") == []
    call_command("read_documents", stdout=io.StringIO())
    assert found("สอบข้อเท็จจริง") == ["คำสั่งเทศบาล"]
    document.is_published = False
    document.save()
    assert not FileText.objects.exists()


def test_a_docx_is_read_page_by_page():
    document = published("ระเบียบการใช้อาคาร", docx("ข้อ ๑ การขอใช้ห้องประชุม", "", "ข้อ ๒ ค่าธรรมเนียมสนามกีฬา"),
                         extension=".docx")
    call_command("read_documents", stdout=io.StringIO())
    row = text_of(document)
    assert (row.state, row.pages) == (FileText.State.DONE, 2)
    assert found("สนามกีฬา") == ["ระเบียบการใช้อาคาร"]


@needs_poppler
def test_a_bad_file_fails_alone_and_the_worker_goes_on(monkeypatch):
    broken = published("ไฟล์เสีย", b"%PDF-1.4\n" + b"\x00garbage" * 100)
    good = published("ประกาศรับสมัคร", thai_pdf("รับสมัครพนักงานจ้างตำแหน่งผู้ช่วยนักวิชาการ"))
    call_command("read_documents", stdout=io.StringIO())
    assert text_of(broken).state == FileText.State.FAILED and text_of(broken).error
    assert text_of(good).state == FileText.State.DONE

    # A reader that crashes (a bug, a hostile file) dies in the budget's child process.
    def crash(data):
        raise RuntimeError("boom")

    monkeypatch.setitem(reading.READERS, "pdf", crash)
    other = published("ประกาศอีกฉบับ", thai_pdf("ข้อความ"))
    call_command("read_documents", stdout=io.StringIO())
    assert text_of(other).state == FileText.State.FAILED


@needs_poppler
@pytest.mark.usefixtures("ocr")
def test_a_scan_is_ocred_in_thai_found_and_offered_as_a_searchable_copy(client):
    scan = as_scan(thai_pdf("ประกาศเทศบาลเมืองกำแพงเพชร เรื่อง การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง"))
    assert reading.looks_scanned(reading.pdf_pages(scan))
    document = published("ประกาศภาษี", scan)
    call_command("read_documents", "--no-ocr", stdout=io.StringIO())
    row = text_of(document)
    assert (row.state, row.is_scan) == (FileText.State.SCAN, True)
    call_command("read_documents", stdout=io.StringIO())
    row.refresh_from_db()
    assert row.state == FileText.State.DONE and row.searchable.name.endswith(".searchable.pdf")
    # Tesseract's Thai loses some tone marks (ที่ดิน read as ทีดิน): the dictionary mends them.
    assert found("จัดเก็บภาษีที่ดิน") == ["ประกาศภาษี"] and found("กำแพงเพชร") == ["ประกาศภาษี"]
    detail = client.get(document.get_absolute_url()).content.decode()
    copy = f"/search/files/{row.pk}/searchable.pdf"
    assert copy in detail
    response = client.get(copy)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    document.is_published = False
    document.save()
    assert client.get(copy).status_code == 404
    # Published again with a new file: the old copy is gone with the old text.
    document.is_published = True
    document.attachment.save("new.pdf", ContentFile(thai_pdf("ประกาศฉบับแก้ไข")))
    row = text_of(document)
    assert row.state == FileText.State.PENDING and not row.searchable


def test_staff_see_the_files_and_send_a_failed_one_back(client, editor, refused_staff):
    document = published("ระเบียบ", docx("ข้อความ"), extension=".docx")
    row = text_of(document)
    row.state, row.error, row.attempts = FileText.State.FAILED, "อ่านไม่ได้", 3
    row.save()
    client.force_login(refused_staff)
    assert client.get("/admin/search/filetext/").status_code == 403
    client.force_login(editor)
    assert "อ่านไม่ได้" in client.get("/admin/search/filetext/?state=failed").content.decode()
    client.post("/admin/search/filetext/", {"action": "read_again", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert (row.state, row.attempts, row.error) == (FileText.State.PENDING, 0, "")


def test_other_sections_declare_their_files_too(client):
    from .conftest import meeting

    held = meeting("ประชุมสภาเทศบาลสมัยสามัญ")
    held.minutes.save("minutes.docx", ContentFile(docx("ที่ประชุมมีมติเห็นชอบร่างเทศบัญญัติงบประมาณรายจ่าย")))
    call_command("read_documents", stdout=io.StringIO())
    assert found("ร่างเทศบัญญัติ") == ["ประชุมสภาเทศบาลสมัยสามัญ"]
    page = client.get("/search/", {"q": "ร่างเทศบัญญัติ"}).content.decode()
    assert "ในไฟล์ หน้า 1" in page and "#page=" not in page  # no storage URL kept in the index


def test_a_phrase_in_many_files_is_counted_up_to_a_bound_and_listed_newest_first(client, monkeypatch,
                                                                                django_assert_max_num_queries):
    monkeypatch.setattr(results, "INSIDE_COUNTED", 3)
    category = Category.objects.create(slug="orders", name="คำสั่ง")
    in_files = Document.objects.bulk_create([Document(
        title=f"คำสั่งที่ {number}", category=category, fiscal_year=2567, is_published=True,
        attachment=f"disclosures/orders/{number}.pdf", publication_date=datetime.date(2024, 1, 1 + number))
        for number in range(6)])
    content_type = ContentType.objects.get_for_model(Document)
    FileText.objects.bulk_create([FileText(
        content_type=content_type, object_id=document.pk, name=document.attachment.name, pages=2,
        state=FileText.State.DONE, text=reading.stored(["บทนำ", "การขุดลอกคลองแม่ปิงช่วงชุมชนนครชุม"]))
        for document in in_files])
    Document.objects.create(title="ขุดลอกคลองแม่ปิง", category=category, fiscal_year=2567, is_published=True,
                            publication_date=datetime.date(2023, 1, 1), external_url="https://x.example")
    index.rebuild()
    found_now = find(Query("คลองแม่ปิง"))
    # Its own title first; then those found only in their files, newest first, counted up to the bound.
    assert found_now.counts == {"documents": 1 + 3} and found_now.more == {"documents"}
    titles = [entry.title.replace("\u200b", "") for entry in found_now.page]
    assert titles == ["ขุดลอกคลองแม่ปิง", *(f"คำสั่งที่ {number}" for number in range(5, -1, -1))]
    assert [entry.pk for entry in found_now.page] == list(found_now.entries.values_list("pk", flat=True))
    assert find(Query("คลองแม่ปิง"), start=2, stop=4).page == found_now.page[2:4]
    client.get("/")  # the identity record and the services a search may name, cached on first use
    client.get("/search/", {"q": "ร้องเรียน"})
    with django_assert_max_num_queries(2):
        page = client.get("/search/", {"q": "คลองแม่ปิง", "section": "documents"}).content.decode()
    assert "พบมากกว่า 4 รายการ" in page and "ทุกหมวด (4+)" in page and "หน้า 2</a>" in page
    # Fewer than the bound: the number found.
    monkeypatch.setattr(results, "INSIDE_COUNTED", 6)
    assert find(Query("คลองแม่ปิง")).counts == {"documents": 7} and not find(Query("คลองแม่ปิง")).more
    assert re.search(r"พบ 7 รายการ", client.get("/search/", {"q": "คลองแม่ปิง"}).content.decode())
