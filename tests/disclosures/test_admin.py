import io
import zipfile

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosures.models import Category, Document, OITItem
from tests.conftest import PASSWORD

from .conftest import make_document, make_item, pdf_upload

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/disclosures/document/add/"


@pytest.fixture
def editor_client(client, editor):
    client.login(username="editor", password=PASSWORD)
    return client


def form_data(**extra):
    return {
        "title": "แผนการดำเนินงานประจำปีงบประมาณ 2567",
        "category": Category.objects.get(slug="operational-plan").pk,
        "fiscal_year": 2567,
        "publication_date": "01/11/2566",
        "summary": "โครงการและกิจกรรม",
        "is_published": "on",
        "external_url": "",
        **extra,
    }


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_editor_uploads_a_pdf_checked_by_content(editor_client, settings):
    response = editor_client.post(ADD_URL, form_data(attachment=pdf_upload("แผน 2567.pdf")))
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert document.original_filename == "แผน 2567.pdf"
    assert document.content_type == "application/pdf"
    assert document.file_size > 0
    assert len(stored_files(settings)) == 1
    assert LogEntry.objects.filter(object_id=str(document.pk)).exists()


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("plan.pdf", b"this is plain text, not a PDF"), "ชนิดไฟล์ไม่ถูกต้อง"),
    (SimpleUploadedFile("empty.pdf", b""), "ไฟล์"),
    (SimpleUploadedFile("script.pdf", b"<script>alert(1)</script>"), "ตรวจจากเนื้อหาไฟล์"),
])
def test_wrong_or_empty_files_are_refused_and_nothing_is_stored(editor_client, settings, upload, message):
    response = editor_client.post(ADD_URL, form_data(attachment=upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="แผนการดำเนินงานประจำปีงบประมาณ 2567"' in response.content.decode()  # typed text kept
    assert not Document.objects.exists()
    assert stored_files(settings) == []


def test_an_oversized_file_is_refused_by_the_setting(editor_client, settings):
    settings.DISCLOSURES_UPLOAD_MAX_BYTES = 100
    response = editor_client.post(ADD_URL, form_data(attachment=pdf_upload()))
    assert "ไฟล์ใหญ่เกินไป" in response.content.decode()
    assert not Document.objects.exists()


def test_a_zip_that_is_not_an_office_file_is_refused(editor_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", b"MZ")
    response = editor_client.post(
        ADD_URL, form_data(attachment=SimpleUploadedFile("x.docx", buffer.getvalue()))
    )
    assert "ชนิดไฟล์ไม่ถูกต้อง" in response.content.decode()
    assert not Document.objects.exists()


def test_a_document_needs_a_file_or_a_link(editor_client):
    response = editor_client.post(ADD_URL, form_data())
    assert "ต้องแนบไฟล์หรือระบุลิงก์ภายนอก" in response.content.decode()
    assert not Document.objects.exists()


def test_replacing_the_file_keeps_the_url(
    editor_client, client, settings, django_capture_on_commit_callbacks
):
    editor_client.post(ADD_URL, form_data(attachment=pdf_upload("ฉบับแรก.pdf")))
    document = Document.objects.get()
    urls = (document.get_absolute_url(), document.get_download_url())
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/disclosures/document/{document.pk}/change/",
                                      form_data(attachment=pdf_upload("ฉบับแก้ไข.pdf")))
    assert response.status_code == 302
    assert len(stored_files(settings)) == 1  # the replaced file is gone from /media/
    document.refresh_from_db()
    assert (document.get_absolute_url(), document.get_download_url()) == urls
    assert document.original_filename == "ฉบับแก้ไข.pdf"
    assert (
        "%E0%B8%89%E0%B8%9A%E0%B8%B1%E0%B8%9A%E0%B9%81%E0%B8%81%E0%B9%89"
        in client.get(urls[1])["Content-Disposition"]
    )


def test_deleting_a_document_removes_its_file(editor_client, settings, django_capture_on_commit_callbacks):
    editor_client.post(ADD_URL, form_data(attachment=pdf_upload()))
    document = Document.objects.get()
    assert len(stored_files(settings)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/disclosures/document/{document.pk}/delete/", {"post": "yes"})
    assert not Document.objects.exists()
    assert stored_files(settings) == []


def test_an_edit_that_keeps_the_file_keeps_it_on_disk(
    editor_client, settings, django_capture_on_commit_callbacks
):
    editor_client.post(ADD_URL, form_data(attachment=pdf_upload()))
    document = Document.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/disclosures/document/{document.pk}/change/", form_data(title="ชื่อใหม่"))
    document.refresh_from_db()
    assert document.title == "ชื่อใหม่" and document.content_type == "application/pdf"
    assert len(stored_files(settings)) == 1


def test_bulk_publish_and_unpublish_leave_audit_entries(editor_client):
    drafts = [make_document(f"ร่าง {n}", published=False) for n in range(3)]
    response = editor_client.post("/admin/disclosures/document/", {
        "action": "publish", "_selected_action": [d.pk for d in drafts[:2]],
    })
    assert response.status_code == 302
    assert Document.objects.filter(is_published=True).count() == 2
    assert LogEntry.objects.filter(change_message__contains="is_published").count() == 2
    editor_client.post(
        "/admin/disclosures/document/", {"action": "unpublish", "_selected_action": [drafts[0].pk]}
    )
    assert Document.objects.filter(is_published=True).count() == 1


def test_admin_search_and_filters(editor_client):
    make_document("ประกาศเทศบาลเรื่องภาษีที่ดิน", category="announcement", year=2566)
    make_document("คู่มือบริการ", category="service-manual", year=2567)
    body = editor_client.get("/admin/disclosures/document/", {"q": "ภาษีที่ดิน"}).content.decode()
    assert "ประกาศเทศบาลเรื่องภาษีที่ดิน" in body and "คู่มือบริการ" not in body
    body = editor_client.get("/admin/disclosures/document/", {"fiscal_year": 2567}).content.decode()
    assert "คู่มือบริการ" in body and "ภาษีที่ดิน" not in body
    linked = make_document("แผนที่เชื่อมโยงแล้ว")
    linked.oit_items.add(make_item())
    unlinked = editor_client.get("/admin/disclosures/document/", {"oit": "no"}).context["cl"].result_list
    assert linked not in unlinked and len(unlinked) == 2
    assert list(
        editor_client.get("/admin/disclosures/document/", {"oit": "yes"}).context["cl"].result_list
    ) == [linked]


def test_category_slug_cannot_be_changed(editor_client):
    category = Category.objects.get(slug="declaration")
    editor_client.post(f"/admin/disclosures/category/{category.pk}/change/",
                       {"name": "เจตจำนงสุจริต", "slug": "renamed", "description": "", "order": 1})
    category.refresh_from_db()
    assert (category.name, category.slug) == ("เจตจำนงสุจริต", "declaration")


def test_editor_links_documents_to_oit_items_and_sees_the_gaps(editor_client, oit_items):
    item = OITItem.objects.get(assessment_year=2564, code="O10")
    document = make_document("แผนการดำเนินงาน 2564", category="operational-plan", year=2564)
    response = editor_client.post(f"/admin/disclosures/oititem/{item.pk}/change/", {
        "documents-TOTAL_FORMS": "1", "documents-INITIAL_FORMS": "0",
        "documents-0-document": document.pk, "documents-0-oititem": item.pk,
        "Document_oit_items-TOTAL_FORMS": "1", "Document_oit_items-INITIAL_FORMS": "0",
        "Document_oit_items-0-document": document.pk, "Document_oit_items-0-oititem": item.pk,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(item.documents.all()) == [document]
    def codes(evidence):
        response = editor_client.get(
            "/admin/disclosures/oititem/", {"assessment_year": 2564, "evidence": evidence}
        )
        return {item.code for item in response.context["cl"].result_list}

    assert "O10" in codes("met") and "O17" not in codes("met")
    assert "O10" not in codes("missing") and "O17" in codes("missing")
    gaps = editor_client.get("/admin/disclosures/oititem/gaps/2564/")
    assert gaps.status_code == 200
    assert "E-Service" in gaps.content.decode()
    assert "ยังไม่มีหลักฐาน" in gaps.content.decode()
    assert [row.item.code for row in gaps.context["missing"]].count("O10") == 0


def test_a_confirmed_years_items_are_frozen_but_still_take_links(editor_client, oit_items):
    item = OITItem.objects.get(assessment_year=2564, code="O10")
    response = editor_client.post(f"/admin/disclosures/oititem/{item.pk}/change/", {
        "title": "แก้ชื่อ", "Document_oit_items-TOTAL_FORMS": "0", "Document_oit_items-INITIAL_FORMS": "0"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "แผนดำเนินงานประจำปี"  # read-only fields ignore what is posted
    delete = editor_client.post(f"/admin/disclosures/oititem/{item.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    # Only draft years are offered for a new item.
    form = editor_client.get("/admin/disclosures/oititem/add/").context["adminform"].form
    assert {year.year for year in form.fields["assessment_year"].queryset} == {2567, 2568, 2569}


@pytest.mark.parametrize(
    "url",
    [
        "/admin/disclosures/document/",
        ADD_URL,
        "/admin/disclosures/oititem/",
        "/admin/disclosures/oititem/gaps/",
        "/admin/disclosures/riskentry/",
        "/admin/disclosures/integritymeasure/",
    ],
)
def test_staff_without_the_editor_role_are_refused(client, refused_staff, url):
    client.login(username="refused", password=PASSWORD)
    assert client.get(url).status_code == 403


def test_the_public_is_sent_to_the_login_page(client):
    response = client.get("/admin/disclosures/oititem/gaps/")
    assert response.status_code == 302 and "/admin/login/" in response.url
