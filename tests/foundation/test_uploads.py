"""The shared upload checks (kpp_portal.uploads): pixel limit before decoding, detected-type
storage names and content types, and the headers /media/ is served with."""
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import RequestFactory
from PIL import Image, ImageFile

from kpp_portal import images, uploads
from kpp_portal.views import media

POLYGLOT = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n"


def png(width, height):
    out = io.BytesIO()
    Image.new("L", (width, height)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def pixel_bomb():
    """A few hundred KB on disk, 100 million pixels (300 MB as RGB) once decoded."""
    return png(10_000, 10_000)


@pytest.fixture
def no_decoding(monkeypatch):
    """Fails the test if any picture is decoded."""
    def refuse(self, *args, **kwargs):
        raise AssertionError("a picture was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def test_pixel_bomb_is_refused_from_its_header_with_a_thai_message(pixel_bomb, no_decoding):
    with pytest.raises(ValidationError) as error:
        uploads.validate_upload(SimpleUploadedFile("bomb.png", pixel_bomb), {"png"})
    assert error.value.code == "bomb"
    assert "10,000 × 10,000 พิกเซล" in error.value.messages[0] and "50 ล้านพิกเซล" in error.value.messages[0]


def test_open_upright_refuses_before_decoding(pixel_bomb, no_decoding):
    with pytest.raises(ValidationError) as error:
        images.open_upright(pixel_bomb)
    assert error.value.code == "bomb"


def test_pixel_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_PIXELS = 1_000_000
    uploads.validate_upload(SimpleUploadedFile("ok.png", png(1000, 1000)), {"png"})
    with pytest.raises(ValidationError) as error:
        uploads.validate_upload(SimpleUploadedFile("big.png", png(1001, 1000)), {"png"})
    assert "1 ล้านพิกเซล" in error.value.messages[0]


def test_picture_form_refuses_a_pixel_bomb_with_the_limit():
    from municipality.forms import PersonAdminForm

    bomb = png(12_000, 10_000)  # past twice Pillow's own limit, where Pillow refuses on its own
    form = PersonAdminForm(data={"body": "executive", "position": "นายกเทศมนตรี", "order": 0},
                           files={"picture_upload": SimpleUploadedFile("bomb.png", bomb)})
    assert not form.is_valid()
    assert form.errors["picture_upload"] == [
        "ภาพมีขนาดพิกเซลใหญ่เกินกว่าที่รับได้ (ไม่เกิน 50 ล้านพิกเซล) โปรดย่อภาพแล้วส่งใหม่"]


def test_an_image_inside_a_docx_is_held_to_the_same_limit(settings):
    from complaints import evidence

    settings.UPLOAD_MAX_PIXELS = 1_000_000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml",
                      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
        docx.writestr("word/media/image1.png", png(2000, 2000))
    with pytest.raises(ValidationError) as error:
        evidence.prepare(SimpleUploadedFile("a.docx", out.getvalue()), keep_metadata=False)
    assert "พิกเซล" in error.value.messages[0]


# -- names and types of stored files -----------------------------------------------------------
@pytest.mark.parametrize("name,kind,stored", [
    ("evil.html", "pdf", "evil.pdf"),
    ("report.PDF", "pdf", "report.pdf"),
    ("shell.php.pdf", "pdf", "shell_php.pdf"),
    ("คำสั่ง\u202egpj.exe", "docx", "คำสั่งgpj.docx"),
    ("../../etc/passwd", "pdf", "passwd.pdf"),
    ("\u200b", "jpeg", "file.jpg"),
])
def test_stored_name_takes_the_detected_extension(name, kind, stored):
    assert uploads.stored_name(name, kind) == stored


def test_display_name_drops_control_and_direction_characters():
    assert uploads.safe_display_name("IMG\x00_\u202egnp.exe\r\n") == "IMG_gnp.exe"


@pytest.mark.django_db
def test_a_staff_upload_is_stored_under_its_detected_type(settings):
    from committees.models import Committee, CommitteeTerm

    term = CommitteeTerm(committee=Committee.objects.create(name="ก"), starts_on="2025-01-01",
                         order_document=SimpleUploadedFile("evil.html", POLYGLOT, content_type="text/html"))
    term.full_clean()
    term.save()
    assert term.order_document.name.startswith("committees/orders/")
    assert term.order_document.name.endswith("/evil.pdf")


@pytest.mark.django_db
def test_an_upload_made_in_code_is_checked_on_save():
    from procurement.models import Announcement
    from tests.procurement.conftest import Factory

    announcement = Factory().announce(Factory().project())
    announcement.document = SimpleUploadedFile("plan.pdf", b"<html>not a document</html>")
    with pytest.raises(ValidationError), transaction.atomic():
        announcement.save()
    assert not Announcement.objects.get(pk=announcement.pk).document


def test_field_deconstructs_to_its_allow_list():
    from committees.models import Meeting

    field = Meeting._meta.get_field("minutes")
    _name, path, _args, kwargs = field.deconstruct()
    assert path == "kpp_portal.uploads.CheckedFileField"
    assert kwargs["kinds"] == ("docx", "odt", "pdf") and "validators" not in kwargs


def test_every_public_file_field_has_an_allow_list():
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        # The project's own apps: a library's file fields (the outbox's attachments, which the
        # portal never uses) take no upload from anyone.
        if "site-packages" in model._meta.app_config.path:
            continue
        for field in model._meta.concrete_fields:
            # Not editable: a file the portal writes itself (a scan's OCR'd copy), never an upload.
            uploaded = field.editable and model._meta.label != "complaints.ReportFile"
            if isinstance(field, models.FileField) and uploaded:
                assert isinstance(field, uploads.CheckedFileField), f"{model._meta.label}.{field.name}"


# -- /media/ -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,disposition,content_type", [
    ("orders/x.pdf", "attachment", "application/pdf"),
    ("news/x-400.jpg", "inline", "image/jpeg"),
])
def test_media_is_served_with_nosniff_sandbox_and_a_disposition(settings, name, disposition, content_type):
    path = settings.MEDIA_ROOT / name
    path.parent.mkdir(parents=True)
    path.write_bytes(POLYGLOT)
    response = media(RequestFactory().get(f"/media/{name}"), name, document_root=settings.MEDIA_ROOT)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Content-Disposition"] == disposition
    assert response["Content-Type"] == content_type
