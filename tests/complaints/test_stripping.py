"""What stripping must not leave: each place a sender's name, picture or file hid after the
first stripper, in PDFs and in DOCX files (and in the packages a DOCX embeds)."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Text
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from complaints import evidence
from kpp_portal import pdfclean
from tests import hostile
from tests.conftest import require

from .conftest import jpeg_with_gps

SECRET = b"Somchai Witness"


def _strip(name, data):
    return evidence.prepare(SimpleUploadedFile(name, data), keep_metadata=False).data


# -- PDF ----------------------------------------------------------------------------------------
def _stream(writer, data, entries):
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream.update({NameObject(key): value for key, value in entries.items()})
    return writer._add_object(stream)


def _name(value):
    return NameObject(value)


def _pdf(build):
    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    build(writer, page)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert SECRET in data or SECRET.hex().encode() in data.lower() or b"Somchai" in data
    return data


def _rect():
    return ArrayObject([FloatObject(10), FloatObject(10), FloatObject(60), FloatObject(60)])


def _rich_media(writer, page):
    embedded = _stream(writer, b"video by " + SECRET, {"/Type": _name("/EmbeddedFile")})
    spec = DictionaryObject({_name("/Type"): _name("/Filespec"), _name("/F"): TextStringObject("clip.mp4"),
                             _name("/EF"): DictionaryObject({_name("/F"): embedded})})
    annotation = DictionaryObject({
        _name("/Type"): _name("/Annot"), _name("/Subtype"): _name("/RichMedia"), _name("/Rect"): _rect(),
        _name("/RichMediaContent"): DictionaryObject({_name("/Assets"): DictionaryObject({
            _name("/Names"): ArrayObject([TextStringObject("clip.mp4"), writer._add_object(spec)])})}),
    })
    page[_name("/Annots")] = ArrayObject([writer._add_object(annotation)])


def _form_xobject(key):
    def build(writer, page):
        xmp = _stream(writer, b"<x:xmpmeta><dc:creator>" + SECRET + b"</dc:creator></x:xmpmeta>",
                      {"/Type": _name("/Metadata"), "/Subtype": _name("/XML")})
        extra = {"/Metadata": xmp} if key == "/Metadata" else {"/PieceInfo": DictionaryObject({
            _name("/Illustrator"): DictionaryObject({_name("/Private"): TextStringObject(SECRET.decode())})})}
        form = _stream(writer, b"0 0 m 10 10 l S", {
            "/Type": _name("/XObject"), "/Subtype": _name("/Form"),
            "/BBox": ArrayObject([NumberObject(n) for n in (0, 0, 20, 20)]), **extra})
        xobjects = DictionaryObject({_name("/Fm0"): form})
        page[_name("/Resources")] = DictionaryObject({_name("/XObject"): xobjects})
        page[_name("/Contents")] = _stream(writer, b"q /Fm0 Do Q", {})
    return build


def _popup_author(writer, page, listed=True):
    note = Text(rect=(100, 100, 120, 120), text="ตรวจแล้ว")
    popup = DictionaryObject({_name("/Type"): _name("/Annot"), _name("/Subtype"): _name("/Popup"),
                              _name("/Rect"): _rect(), _name("/T"): TextStringObject(SECRET.decode())})
    popup_reference = writer._add_object(popup)
    note[_name("/Popup")] = popup_reference
    note_reference = writer._add_object(note)
    popup[_name("/Parent")] = note_reference
    page[_name("/Annots")] = ArrayObject([note_reference, popup_reference] if listed else [note_reference])


def _unlisted_popup_author(writer, page):
    """The popup reached only through the note's /Popup, not listed in the page's /Annots."""
    _popup_author(writer, page, listed=False)


@pytest.mark.parametrize("build", [_rich_media, _form_xobject("/Metadata"), _form_xobject("/PieceInfo"),
                                   _popup_author, _unlisted_popup_author],
                         ids=["richmedia", "form-xmp", "form-pieceinfo", "popup-author", "unlisted-popup"])
def test_pdf_hiding_places_are_emptied(build):
    cleaned = _strip("a.pdf", _pdf(build))
    assert b"Somchai" not in cleaned
    for key in (b"/RichMedia", b"/EmbeddedFile", b"/PieceInfo", b"/Metadata", b"/Popup"):
        assert key not in cleaned, key
    assert len(PdfReader(io.BytesIO(cleaned)).pages) == 1


def test_a_form_xobject_keeps_what_draws_it():
    cleaned = _strip("a.pdf", _pdf(_form_xobject("/Metadata")))
    page = PdfReader(io.BytesIO(cleaned)).pages[0]
    form = page["/Resources"]["/XObject"]["/Fm0"].get_object()
    assert form["/Subtype"] == "/Form" and form.get_data() == b"0 0 m 10 10 l S" and "/BBox" in form


# -- DOCX ---------------------------------------------------------------------------------------
CORE = ('<cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Somchai Witness</dc:creator>'
        '<cp:lastModifiedBy>Somchai Witness</cp:lastModifiedBy></cp:coreProperties>')


def _embedded_xlsx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        with zipfile.ZipFile(io.BytesIO(hostile.xlsx([["งบ", "100"]]))) as sheet:
            for info in sheet.infolist():
                archive.writestr(info.filename, sheet.read(info))
        archive.writestr("docProps/core.xml", CORE)
    return out.getvalue()


def _thumbnail():
    image = Image.new("RGB", (32, 32), "white")
    exif = Image.Exif()
    exif[0x013B] = "Somchai Witness"  # Artist
    exif[0x8825] = {1: "N", 2: (16.0, 28.0, 12.0), 3: "E", 4: (99.0, 31.0, 2.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _docx_with(document_body="", extra=()):
    return hostile.docx(
        f'<w:document xmlns:w="{hostile.W_NS}"><w:body>{document_body}<w:p><w:r><w:t>หลักฐาน</w:t></w:r></w:p>'
        '</w:body></w:document>', extra=extra)


def test_docx_embedded_workbook_loses_its_properties():
    cleaned = _strip("a.docx", _docx_with(extra=[("word/embeddings/Microsoft_Excel_Worksheet.xlsx",
                                                  _embedded_xlsx())]))
    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        inner = archive.read("word/embeddings/Microsoft_Excel_Worksheet.xlsx")
    with zipfile.ZipFile(io.BytesIO(inner)) as workbook:
        assert b"Somchai" not in workbook.read("docProps/core.xml")
        assert "งบ".encode() in workbook.read("xl/worksheets/sheet1.xml")  # the content stays


def test_docx_thumbnail_with_exif_is_dropped():
    thumbnail = _thumbnail()
    assert b"Somchai" in thumbnail
    cleaned = _strip("a.docx", _docx_with(extra=[("docProps/thumbnail.jpeg", thumbnail)]))
    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        assert not [name for name in archive.namelist() if "thumbnail" in name]
    assert b"Somchai" not in cleaned


@pytest.mark.parametrize("attribute", ["w:author='Somchai Witness'", 'w:author = "Somchai Witness"',
                                       "w:author\t=\n'Somchai Witness'"])
def test_docx_author_attributes_are_removed_however_they_are_quoted(attribute):
    body = f'<w:ins w:id="1" {attribute}><w:r><w:t>แก้</w:t></w:r></w:ins>'
    cleaned = _strip("a.docx", _docx_with(body))
    assert b"Somchai" not in cleaned
    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        assert "แก้".encode() in archive.read("word/document.xml")


def test_docx_ole_objects_that_cannot_be_cleaned_are_left_out():
    ole = b"\xd0\xcf\x11\xe0" + SECRET
    cleaned = _strip("a.docx", _docx_with(extra=[("word/embeddings/oleObject1.bin", ole),
                                                 ("word/printerSettings/printerSettings1.bin", SECRET)]))
    assert b"Somchai" not in cleaned


def test_a_photo_inside_a_docx_is_still_reencoded():
    cleaned = _strip("a.docx", _docx_with(extra=[("word/media/image1.jpeg", jpeg_with_gps())]))
    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        assert not Image.open(io.BytesIO(archive.read("word/media/image1.jpeg"))).getexif()


# -- a PDF that cannot be rebuilt is kept as pictures of its pages --------------------------------
def _pdf_pypdf_cannot_rebuild():
    """A page tree pypdf cannot follow (it finds no page) but a viewer draws."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": SECRET.decode()})
    writer._root_object[_name("/OpenAction")] = DictionaryObject({
        _name("/S"): _name("/JavaScript"), _name("/JS"): TextStringObject("app.alert(1)")})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue().replace(b"/Type /Pages", b"/Type /Pagez")


@pytest.fixture
def renderer():
    require(None if pdfclean.can_render() else "pdftoppm not found (apt-get install poppler-utils)")


def test_a_pdf_that_cannot_be_rebuilt_is_kept_only_as_pictures_of_its_pages(renderer):
    prepared = evidence.prepare(SimpleUploadedFile("a.pdf", _pdf_pypdf_cannot_rebuild()), keep_metadata=False)
    assert prepared.rendered and prepared.kind == "pdf"
    for trace in (b"Somchai", b"JavaScript", b"alert", b"/OpenAction"):
        assert trace not in prepared.data
    reader = PdfReader(io.BytesIO(prepared.data))
    assert len(reader.pages) == 1 and len(reader.pages[0].images) == 1  # one picture per page


@pytest.mark.django_db
def test_the_officer_is_told_a_file_was_kept_as_pictures(client, legal_officer, renderer):
    from django.urls import reverse

    from complaints.models import CorruptionReport

    from .conftest import open_with_receipt, receipt_from, report_data, verify_second_factor

    verify_second_factor(client, legal_officer)
    response = client.post(reverse("complaints:report"), {
        **report_data(), "files": [SimpleUploadedFile("a.pdf", _pdf_pypdf_cannot_rebuild())]})
    assert response.status_code == 200  # the receipt is in the POST's own answer
    open_with_receipt(receipt_from(response))
    report = CorruptionReport.objects.get()
    assert report.files.get().rendered
    verify_second_factor(client, legal_officer)
    page = client.get(reverse("admin:complaints_corruptionreport_change", args=[report.pk])).content.decode()
    assert "เก็บเป็นภาพของหน้าเอกสาร" in page
