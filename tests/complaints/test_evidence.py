"""Files: checked by content, stripped of identifying metadata, hashed, encrypted at rest."""
import hashlib
import io
import posixpath
import re
import zipfile

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link, Text
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from complaints.models import CorruptionReport, ReportFile

from .conftest import jpeg_with_gps, open_with_receipt, receipt_from, report_data, uploaded

pytestmark = pytest.mark.django_db


def _submit(client, *files, **extra):
    response = client.post(reverse("complaints:report"), {**report_data(), "files": list(files), **extra})
    assert response.status_code == 200, response.context["form"].errors
    # The test reads what it filed as the reporter can: with the receipt.
    open_with_receipt(receipt_from(response))
    return CorruptionReport.objects.get()


def _pdf_with_metadata():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Somchai Witness", "/Creator": "OfficePC-Legal", "/Producer": "ScanApp"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W15 = 'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'
CORE = ('xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def _docx_with_metadata():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml",
                         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", (
            f'<w:document {W}>หลักฐาน<w:ins w:id="1" w:author="Somchai Witness" '
            'w:date="2026-01-01T00:00:00Z">แก้</w:ins></w:document>'))
        archive.writestr(
            "word/comments.xml",
            f'<w:comments {W}><w:comment w:author="Somchai Witness" w:initials="SW"/></w:comments>',
        )
        archive.writestr(
            "word/people.xml",
            f'<w15:people {W15}><w15:person w15:author="Somchai Witness">'
            '<w15:presenceInfo w15:providerId="AD" w15:userId="S-1-5-21-123"/></w15:person></w15:people>',
        )
        archive.writestr(
            "docProps/core.xml",
            f"<cp:coreProperties {CORE}><dc:creator>Somchai Witness</dc:creator></cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml", "<Properties><Company>Municipal Office PC</Company></Properties>"
        )
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
    assert stored.original_name == "หลักฐาน-1.jpg" and not stored.metadata_kept
    raw = (settings.PRIVATE_MEDIA_ROOT / stored.stored.name).read_bytes()
    assert not raw.startswith(b"\xff\xd8") and b"JFIF" not in raw
    assert raw.startswith(f"k2:{report.data_key_id}:".encode())
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
    response = client.post(
        reverse("complaints:report"), {**report_data(), "files": [uploaded("bomb.png", out.getvalue())]}
    )
    assert response.status_code == 400
    assert "พิกเซล" in str(response.context["form"].errors["files"])
    assert ReportFile.objects.count() == 0


def test_zip_bomb_docx_refused(client, settings):
    settings.COMPLAINT_UPLOAD_MAX_BYTES = 50_000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * 5_000_000)
    response = client.post(
        reverse("complaints:report"), {**report_data(), "files": [uploaded("bomb.docx", out.getvalue())]}
    )
    assert response.status_code == 400 and ReportFile.objects.count() == 0


def test_encrypted_pdf_refused_with_clear_message(client):
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    response = client.post(
        reverse("complaints:report"), {**report_data(), "files": [uploaded("locked.pdf", out.getvalue())]}
    )
    assert response.status_code == 400
    assert "รหัสผ่าน" in str(response.context["form"].errors["files"])


# -- what DOCX and PDF files carry besides their properties ------------------------------------
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _rels(*relationships):
    body = "".join(f'<Relationship Id="{rid}" Type="{R_NS}/{kind}" Target="{target}"{extra}/>'
                   for rid, kind, target, extra in relationships)
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'


def _docx(macro=False):
    """A DOCX as Word leaves it: a phone photo, revision ids, customXml, document variables and
    an attached template on the author's own computer."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="jpeg" ContentType="image/jpeg"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.customXmlProperties+xml"/></Types>'))
        archive.writestr("_rels/.rels", _rels(("rId1", "officeDocument", "word/document.xml", "")))
        archive.writestr("word/document.xml", (
            f'<w:document {W}><w:body><w:p w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6">'
            '<w:r w:rsidRPr="00A1B2C3"><w:t>หลักฐานการเรียกรับเงิน</w:t></w:r></w:p></w:body></w:document>'))
        archive.writestr("word/_rels/document.xml.rels", _rels(
            ("rId1", "image", "media/image1.jpeg", ""),
            ("rId2", "customXml", "../customXml/item1.xml", ""),
            ("rId3", "settings", "settings.xml", ""),
            ("rId4", "hyperlink", "https://example.org/", ' TargetMode="External"')))
        archive.writestr("word/settings.xml", (
            f'<w:settings {W} xmlns:r="{R_NS}"><w:attachedTemplate r:id="rId1"/>'
            '<w:docVars><w:docVar w:name="Owner" w:val="Somchai Witness"/></w:docVars>'
            '<w:rsids><w:rsidRoot w:val="00A1B2C3"/><w:rsid w:val="00D4E5F6"/></w:rsids></w:settings>'))
        archive.writestr("word/_rels/settings.xml.rels", _rels(
            ("rId1", "attachedTemplate", "file:///C:/Users/somchai/Templates/Normal.dotm",
             ' TargetMode="External"')))
        archive.writestr("word/media/image1.jpeg", jpeg_with_gps())
        archive.writestr("customXml/item1.xml", "<owner>Somchai Witness</owner>")
        archive.writestr("customXml/itemProps1.xml", "<datastoreItem/>")
        archive.writestr("customXml/_rels/item1.xml.rels",
                         _rels(("rId1", "customXmlProps", "itemProps1.xml", "")))
        if macro:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return out.getvalue()


def _package_is_whole(archive):
    """Every internal relationship points to a part that exists, every Override names one."""
    names = set(archive.namelist())
    for name in names:
        if name.endswith(".rels"):
            folder = name.rsplit("_rels/", 1)[0]
            for target, mode in re.findall(r'Target="([^"]*)"( TargetMode="External")?',
                                           archive.read(name).decode()):
                if not mode:
                    assert posixpath.normpath(posixpath.join(folder, target)) in names, (name, target)
    for part in re.findall(r'PartName="/([^"]*)"', archive.read("[Content_Types].xml").decode()):
        assert part in names, part


def test_docx_loses_revision_ids_custom_xml_variables_template_and_picture_metadata(client):
    report = _submit(client, uploaded("memo.docx", _docx()))
    plaintext = report.files.get().read_plaintext()
    assert b"Somchai" not in plaintext and b"somchai" not in plaintext
    with zipfile.ZipFile(io.BytesIO(plaintext)) as archive:
        assert not [name for name in archive.namelist() if name.startswith("customXml/")]
        document = archive.read("word/document.xml")
        assert "หลักฐานการเรียกรับเงิน".encode() in document and b"rsid" not in document
        settings_xml = archive.read("word/settings.xml")
        assert b"rsid" not in settings_xml and b"docVar" not in settings_xml
        assert b"attachedTemplate" not in settings_xml
        assert b"Normal.dotm" not in archive.read("word/_rels/settings.xml.rels")
        assert b"customXml" not in archive.read("word/_rels/document.xml.rels")
        assert b"https://example.org/" in archive.read("word/_rels/document.xml.rels")  # a link is content
        picture = Image.open(io.BytesIO(archive.read("word/media/image1.jpeg")))
        assert picture.format == "JPEG" and not picture.getexif()
        _package_is_whole(archive)


@pytest.mark.parametrize("keep", [False, True])
def test_docx_with_macros_is_refused_even_when_metadata_is_kept(client, keep):
    extra = {"keep_metadata": "on"} if keep else {}
    response = client.post(reverse("complaints:report"),
                           {**report_data(), "files": [uploaded("memo.docx", _docx(macro=True))], **extra})
    assert response.status_code == 400
    assert "มาโคร" in str(response.context["form"].errors["files"])
    assert not CorruptionReport.objects.exists()


def test_docx_kept_as_is_still_loses_its_external_template(client):
    report = _submit(client, uploaded("memo.docx", _docx()), keep_metadata="on")
    with zipfile.ZipFile(io.BytesIO(report.files.get().read_plaintext())) as archive:
        assert b"Somchai" in archive.read("word/settings.xml")  # the person chose to keep metadata
        assert b"attachedTemplate" not in archive.read("word/settings.xml")
        assert b"Normal.dotm" not in archive.read("word/_rels/settings.xml.rels")
        _package_is_whole(archive)


def _script(code):
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                             NameObject("/JS"): TextStringObject(code)})


def _pdf_with_photo_actions_and_authors():
    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    photo = jpeg_with_gps()
    picture = EncodedStreamObject()
    picture._data = photo
    picture.update({NameObject(k): v for k, v in {
        "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"), "/Width": NumberObject(64),
        "/Height": NumberObject(48), "/ColorSpace": NameObject("/DeviceRGB"),
        "/BitsPerComponent": NumberObject(8), "/Filter": NameObject("/DCTDecode")}.items()})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(picture)})})
    content = DecodedStreamObject()
    content.set_data(b"q 64 0 0 48 10 10 cm /Im0 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _script("app.alert('page')")})
    writer.add_annotation(0, Link(rect=(10, 10, 80, 40), url="https://tracker.example/?who=somchai"))
    note = Text(rect=(100, 100, 120, 120), text="ตรวจแล้ว")
    note[NameObject("/T")] = TextStringObject("Somchai Witness")
    writer.add_annotation(0, note)
    document_script = writer._add_object(_script("app.alert('document');"))
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("doc"), document_script])})})
    writer._root_object[NameObject("/OpenAction")] = _script("app.launchURL('x')")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_loses_actions_javascript_annotation_authors_and_picture_metadata(client):
    original = _pdf_with_photo_actions_and_authors()
    assert b"Somchai" in original and b"PhoneMaker" in original and b"alert" in original
    report = _submit(client, uploaded("letter.pdf", original))
    plaintext = report.files.get().read_plaintext()
    for trace in (b"Somchai", b"PhoneMaker", b"alert", b"launchURL", b"tracker.example", b"/JavaScript",
                  b"/OpenAction", b"/AA", b"/JS"):
        assert trace not in plaintext, trace
    reader = PdfReader(io.BytesIO(plaintext))
    [image] = reader.pages[0].images
    assert image.image.size == (64, 48) and not image.image.getexif()
    subtypes = [annotation.get_object()["/Subtype"] for annotation in reader.pages[0]["/Annots"]]
    assert sorted(subtypes) == ["/Link", "/Text"]  # kept in place, without action or author


def test_pdf_with_an_oversized_picture_is_refused_before_decoding(client, settings):
    settings.UPLOAD_MAX_PIXELS = 1000
    pdf = uploaded("letter.pdf", _pdf_with_photo_actions_and_authors())
    response = client.post(reverse("complaints:report"), {**report_data(), "files": [pdf]})
    assert response.status_code == 400
    assert "64 × 48 พิกเซล" in str(response.context["form"].errors["files"])


# -- names ----------------------------------------------------------------------------------------
def test_files_get_neutral_names_unless_kept(client):
    report = _submit(client, uploaded("IMG_somchai.jpg", jpeg_with_gps()), uploaded("จดหมาย สมชาย.pdf",
                                                                                     _pdf_with_metadata()))
    assert sorted(report.files.values_list("original_name", flat=True)) == ["หลักฐาน-1.jpg", "หลักฐาน-2.pdf"]


def test_a_kept_name_never_brings_control_characters_to_a_page(client, legal_officer):
    from .conftest import verify_second_factor

    verify_second_factor(client, legal_officer)  # a key pair before the report is filed
    report = _submit(client, uploaded("IMG_\u202egpj.exe", jpeg_with_gps()), keep_metadata="on")
    assert report.files.get().original_name == "IMG_gpj.exe"
    # A name stored before this rule existed is cleaned where it is shown.
    from complaints import keys

    from .conftest import hold_keys

    with keys.fresh_keyring() as ring:
        ring.user_id, ring._private = legal_officer.pk, hold_keys(legal_officer)
        stored = ReportFile.objects.get(report=report)
        stored.original_name = "old\u202efdp.exe"
        stored.save()
    verify_second_factor(client, legal_officer)
    page = client.get(reverse("admin:complaints_corruptionreport_change", args=[report.pk])).content.decode()
    assert "\u202e" not in page and "oldfdp.exe" in page


def test_refusal_messages_do_not_echo_control_characters(client):
    response = client.post(reverse("complaints:report"),
                           {**report_data(), "files": [uploaded("x\u202eftp.jpg", b"not a picture")]})
    assert response.status_code == 400
    assert "\u202e" not in response.content.decode()


def test_download_is_an_attachment_with_an_rfc_6266_name(client, legal_officer):
    from .conftest import verify_second_factor

    verify_second_factor(client, legal_officer)  # a key pair before the report is filed
    report = _submit(client, uploaded("a.jpg", jpeg_with_gps()))
    response = client.get(reverse("admin:complaints_corruptionreport_download",
                                  args=[report.pk, report.files.get().pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert report.reference.split("-")[0] not in disposition  # Thai only percent-encoded, never =?utf-8?…?=
    assert "=?utf-8?" not in disposition and response["Content-Security-Policy"] == "sandbox"
