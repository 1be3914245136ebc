import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.encoding import uri_to_iri

from tests.conftest import PASSWORD

from .conftest import make_document, pdf_bytes

pytestmark = pytest.mark.django_db


def with_file(document, data=None, name="รายงาน.pdf"):
    data = data or pdf_bytes()
    document.attachment.save("x.pdf", ContentFile(data), save=False)
    document.original_filename = name
    document.content_type = "application/pdf"
    document.file_size = len(data)
    document.external_url = ""
    document.save()
    return document


def test_detail_page_has_a_readable_stable_url(client):
    document = with_file(make_document("คู่มือการให้บริการประชาชน", summary="ขั้นตอนและระยะเวลา"))
    url = document.get_absolute_url()
    assert uri_to_iri(url) == f"/disclosures/{document.pk}-คู่มือการให้บริการประชาชน/"
    assert url == reverse("disclosures:document", kwargs={"pk": document.pk, "slug": document.slug})
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "ขั้นตอนและระยะเวลา" in body
    assert "PDF" in body and "ปีงบประมาณ" in body


@pytest.mark.parametrize("title", ["Work Manual (ฉบับปรับปรุง) 100%", "แบบ สขร.1 เดือน ต.ค./พ.ย.", "?#&"])
def test_the_readable_url_is_what_the_urlconf_would_build(client, title):
    document = make_document(title)
    assert document.get_absolute_url() == reverse(
        "disclosures:document", kwargs={"pk": document.pk, "slug": document.slug})
    assert client.get(document.get_absolute_url()).status_code == 200


def test_the_quoted_slug_is_what_quote_gives():
    import random
    from urllib.parse import quote

    from disclosures.models import readable_slug
    from disclosures.models.catalogue import quoted_slug

    rng = random.Random(8)
    alphabet = "ก่ำ๙ปี2564 Aa-_/%?ÄΩ中😀.\u0E7F\u0E00"
    for _ in range(2000):
        slug = readable_slug("".join(rng.choice(alphabet) for _ in range(rng.randrange(80))))
        assert quoted_slug(slug) == quote(slug), slug


def test_old_or_missing_title_part_redirects_to_the_current_url(client):
    document = make_document("ชื่อใหม่")
    for path in (f"/disclosures/{document.pk}/", f"/disclosures/{document.pk}-ชื่อเดิม/"):
        response = client.get(path)  # the test client quotes the Thai part as a browser does
        assert response.status_code == 301
        assert response.url == document.get_absolute_url()


def test_unpublished_document_is_404_to_the_public_but_previewed_by_an_editor(client, editor):
    document = with_file(make_document("ร่างประกาศ", published=False))
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(document.get_download_url()).status_code == 404
    client.login(username="editor", password=PASSWORD)
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert "ยังไม่เผยแพร่ต่อสาธารณะ" in response.content.decode()


def test_staff_without_the_editor_role_gets_no_preview(client, refused_staff):
    document = make_document("ร่างประกาศ", published=False)
    client.login(username="refused", password=PASSWORD)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_download_has_the_real_name_and_type(client):
    document = with_file(make_document("รายงาน"), name="รายงานการเงิน 2567.pdf")
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''%E0%B8%A3" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_office_files_download_as_attachments(client):
    document = with_file(make_document("แบบฟอร์ม"), name="form.docx")
    document.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    document.save()
    response = client.get(document.get_download_url())
    assert response["Content-Disposition"].startswith('attachment; filename="form.docx"')


def test_a_document_with_only_an_external_link_has_no_download(client):
    document = make_document("ลิงก์ภายนอก", external_url="https://www.kppmu.go.th/plan")
    assert client.get(document.get_download_url()).status_code == 404
    assert 'href="https://www.kppmu.go.th/plan"' in client.get(document.get_absolute_url()).content.decode()


def test_a_missing_file_on_disk_is_404_not_500(client):
    document = with_file(make_document("ไฟล์หาย"))
    document.attachment.storage.delete(document.attachment.name)
    assert client.get(document.get_download_url()).status_code == 404


def test_home_page_shows_the_latest_published_documents(client):
    make_document("ประกาศล่าสุดของเทศบาล")
    make_document("ร่างที่ยังไม่เผยแพร่", published=False)
    body = client.get("/").content.decode()
    assert "ประกาศล่าสุดของเทศบาล" in body
    assert "ร่างที่ยังไม่เผยแพร่" not in body
