"""Files: checked by content, stripped of identifying metadata, hashed, encrypted at rest."""
import hashlib
import io
import zipfile

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader, PdfWriter

from complaints.models import CorruptionReport, ReportFile

from .conftest import jpeg_with_gps, report_data, uploaded

pytestmark = pytest.mark.django_db


def _submit(client, *files, **extra):
    response = client.post(reverse("complaints:report"), {**report_data(), "files": list(files), **extra})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return CorruptionReport.objects.get()


def _pdf_with_metadata():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Somchai Witness", "/Creator": "OfficePC-Legal", "/Producer": "ScanApp"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx_with_metadata():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", '<w:document>หลักฐาน<w:ins w:id="1" w:author="Somchai Witness" '
                                              'w:date="2026-01-01T00:00:00Z">แก้</w:ins></w:document>')
        archive.writestr("word/comments.xml", '<w:comments><w:comment w:author="Somchai Witness" w:initials="SW"/></w:comments>')
        archive.writestr("word/people.xml", '<w15:people><w15:person w15:author="Somchai Witness">'
                                            '<w15:presenceInfo w15:providerId="AD" w15:userId="S-1-5-21-123"/></w15:person></w15:people>')
        archive.writestr("docProps/core.xml", "<cp:coreProperties><dc:creator>Somchai Witness</dc:creator></cp:coreProperties>")
        archive.writestr("docProps/app.xml", "<Properties><Company>Municipal Office PC</Company></Properties>")
    return out.getvalue()


def test_jpeg_exif_and_gps_removed_hash_recorded_and_encrypted_on_disk(client, settings):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825)  # the fixture really has GPS
    report = _submit(client, uploaded("IMG_0001.jpg", original, "image/jpeg"))
    stored = report.files.get()
    plaintext = stored.read_plaintext()
    image = Image.open(io.BytesIO(plaintext))
    assert not image.getexif()
    assert b"Somchai" not in plaintext and b"Exif" not in plaintext
    assert stored.sha256 == hashlib.sha256(plaintext).hexdigest()
    assert stored.original_name == "IMG_0001.jpg" and not stored.metadata_kept
    raw = (settings.PRIVATE_MEDIA_ROOT / stored.stored.name).read_bytes()
    assert not raw.startswith(b"\xff\xd8") and b"JFIF" not in raw and raw.startswith(b"gAAAA")
    assert "IMG_0001" not in stored.stored.name


def test_keep_metadata_opt_in_keeps_exif(client):
    report = _submit(client, uploaded("IMG.jpg", jpeg_with_gps()), keep_metadata="on")
    stored = report.files.get()
    assert stored.metadata_kept
    assert Image.open(io.BytesIO(stored.read_plaintext())).getexif().get(0x8825)


def test_png_text_chunks_removed(client):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Somchai Witness")
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="PNG", pnginfo=info)
    report = _submit(client, uploaded("a.png", out.getvalue()))
    assert b"Somchai" not in report.files.get().read_plaintext()


def test_pdf_metadata_removed(client):
    original = _pdf_with_metadata()
    assert b"Somchai" in original
    report = _submit(client, uploaded("letter.pdf", original))
    plaintext = report.files.get().read_plaintext()
    assert b"Somchai" not in plaintext and b"OfficePC" not in plaintext and b"ScanApp" not in plaintext
    reader = PdfReader(io.BytesIO(plaintext))
    assert len(reader.pages) == 1
    assert "/Metadata" not in reader.trailer["/Root"]


def test_docx_properties_removed(client):
    report = _submit(client, uploaded("memo.docx", _docx_with_metadata()))
    plaintext = report.files.get().read_plaintext()
    with zipfile.ZipFile(io.BytesIO(plaintext)) as archive:
        assert b"Somchai" not in archive.read("docProps/core.xml")
        assert b"Municipal Office PC" not in archive.read("docProps/app.xml")
        assert "หลักฐาน".encode() in archive.read("word/document.xml")
        for part in ("word/document.xml", "word/comments.xml", "word/people.xml"):
            assert b"Somchai" not in archive.read(part) and b"S-1-5-21" not in archive.read(part)
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


def test_decompression_bomb_refused(client):
    out = io.BytesIO()
    Image.new("1", (11000, 10000)).save(out, format="PNG")
    response = client.post(reverse("complaints:report"), {**report_data(), "files": [uploaded("bomb.png", out.getvalue())]})
    assert response.status_code == 400
    assert "พิกเซล" in str(response.context["form"].errors["files"])
    assert ReportFile.objects.count() == 0


def test_zip_bomb_docx_refused(client, settings):
    settings.COMPLAINT_UPLOAD_MAX_BYTES = 50_000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * 5_000_000)
    response = client.post(reverse("complaints:report"), {**report_data(), "files": [uploaded("bomb.docx", out.getvalue())]})
    assert response.status_code == 400 and ReportFile.objects.count() == 0


def test_encrypted_pdf_refused_with_clear_message(client):
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    response = client.post(reverse("complaints:report"), {**report_data(), "files": [uploaded("locked.pdf", out.getvalue())]})
    assert response.status_code == 400
    assert "รหัสผ่าน" in str(response.context["form"].errors["files"])
