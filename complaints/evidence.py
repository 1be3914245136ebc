"""Evidence files: checked by content, stripped of what identifies the sender, encrypted.

By default nothing that can identify a whistleblower reaches disk:
- images are re-encoded by the shared picture rule (EXIF, GPS, XMP, maker notes dropped);
- PDFs are rebuilt by pypdf without the document information dictionary, XMP, actions and
  JavaScript, annotation authors and attached files, and every embedded image is re-encoded;
- DOCX files get neutral document properties, no author names in tracked changes or comments,
  no revision ids (w:rsid*, which tie a file to the computer that edited it), no customXml or
  document variables, and every embedded picture re-encoded;
- the stored and shown name is neutral (หลักฐาน-1.jpg), not the sender's file name.
The person may keep the original metadata (and name) when it is itself evidence. Whatever is
ticked, nothing that acts when a legal officer opens the file is kept: DOCX macros are refused,
external template and mail-merge references are removed. The SHA-256 of the stored plaintext is
recorded for evidence integrity.
"""
import hashlib
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from kpp_portal import images, uploads
from kpp_portal.uploads import extension, safe_display_name, validate_upload

from . import crypto

EVIDENCE_KINDS = ("jpeg", "png", "webp", "heic", "pdf", "docx")
# What a stored file is called unless the sender keeps the original name: the Nth file of a report.
NEUTRAL_NAME = "หลักฐาน"
_PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}

_NEUTRAL_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>'
)
_NEUTRAL_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>'
)
_NEUTRAL_CUSTOM = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>'
)
_DOCX_REPLACEMENTS = {
    "docProps/core.xml": _NEUTRAL_CORE,
    "docProps/app.xml": _NEUTRAL_APP,
    "docProps/custom.xml": _NEUTRAL_CUSTOM,
}
_DOCX_AUTHOR_ATTRIBUTES = re.compile(rb'\b(w\d*:(?:author|initials|userId|providerId))="[^"]*"')
# Revision ids: the same values recur in every file saved on one computer (settings.xml lists them).
_DOCX_RSID_ATTRIBUTES = re.compile(rb'\s+w:rsid\w*="[^"]*"')
_DOCX_METADATA_ELEMENTS = re.compile(rb"<w:(rsids|docVars)\b[^>]*?(?:/>|>.*?</w:\1>)", re.S)
# Things Word fetches or runs when the file is opened: a template, a mail-merge data source.
_DOCX_EXTERNAL_ELEMENTS = re.compile(
    rb"<w:attachedTemplate\b[^>]*?/>|<w:mailMerge\b[^>]*?(?:/>|>.*?</w:mailMerge>)", re.S)
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*?/>")
_OVERRIDE = re.compile(rb'<Override\b[^>]*?PartName="/([^"]*)"[^>]*?/>')
_MACRO_PART = re.compile(r"(^|/)vba\w*\.(bin|xml)$", re.I)
_MACRO_RELATIONSHIP = re.compile(rb'relationships/(vbaProject|wordVbaData)"')
# Magic numbers of the raster formats Pillow re-encodes; vector pictures (EMF, WMF) carry no EXIF.
_RASTER_FORMATS = ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF8", "GIF"),
                   (b"BM", "BMP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"))
# Keys of an annotation that act (links, JavaScript) or name the person who wrote it.
_PDF_ACTION_KEYS = ("/A", "/AA")
_PDF_AUTHOR_KEYS = ("/T", "/M", "/CreationDate", "/NM")
_UNDECODED_PDF_FILTERS = ("/JBIG2Decode", "/CCITTFaxDecode")


def _malformed():
    return ValidationError(_("ไฟล์เสียหายหรืออ่านไม่ได้ โปรดตรวจสอบไฟล์แล้วลองใหม่"), code="malformed")


def _strip_image(data, kind, fmt=None):
    """`data` re-encoded by Pillow as `fmt` (default: its own format), upright, without metadata."""
    image = images.open_upright(data, unreadable=_malformed())
    options = {"quality": 92} if (fmt or _PILLOW_FORMATS.get(kind)) in ("JPEG", "WEBP") else {}
    try:
        return images.encode(image, fmt or _PILLOW_FORMATS[kind], **options)
    except Exception:
        raise _malformed() from None


# -- PDF ----------------------------------------------------------------------------------------
def _resolved(value):
    return value.get_object() if hasattr(value, "get_object") else value


def _pdf_image_sizes(resources, seen):
    """(width, height) of every image XObject under `resources`, nested forms included: read
    from the dictionaries, before pypdf or Pillow decode anything."""
    resources = _resolved(resources)
    xobjects = _resolved(resources.get("/XObject")) if isinstance(resources, DictionaryObject) else None
    for reference in (xobjects.values() if isinstance(xobjects, DictionaryObject) else ()):
        xobject = _resolved(reference)
        if not isinstance(xobject, DictionaryObject) or id(xobject) in seen:
            continue
        seen.add(id(xobject))
        if xobject.get("/Subtype") == "/Image":
            yield int(_resolved(xobject.get("/Width", 0))), int(_resolved(xobject.get("/Height", 0)))
        elif xobject.get("/Subtype") == "/Form":
            yield from _pdf_image_sizes(xobject.get("/Resources"), seen)


def _check_pdf_pixels(page):
    for width, height in _pdf_image_sizes(page.get("/Resources"), set()):
        if width * height > settings.UPLOAD_MAX_PIXELS:
            raise uploads.bomb_error(width, height)


def _drop_keys(dictionary, keys):
    for key in keys:
        if key in dictionary:
            del dictionary[NameObject(key)]


def _neutralise_pdf_page(page):
    """No page actions; annotations keep their place but lose their actions and authors."""
    _drop_keys(page, ("/AA", "/Metadata", "/PieceInfo"))
    annotations = page.get("/Annots")
    kept = ArrayObject()
    for reference in (annotations.get_object() if annotations else ()):
        annotation = reference.get_object()
        if annotation.get("/Subtype") == "/FileAttachment":
            continue  # an attached file is a file of its own, unchecked and unstripped
        _drop_keys(annotation, _PDF_ACTION_KEYS)
        if annotation.get("/Subtype") == "/Widget":
            field = annotation.get("/Parent")
            while field is not None:  # form fields run JavaScript on keystrokes and formatting
                field = field.get_object()
                _drop_keys(field, _PDF_ACTION_KEYS)
                field = field.get("/Parent")
        else:  # a widget's /T is its field name; any other annotation's /T is its author
            _drop_keys(annotation, _PDF_AUTHOR_KEYS)
        kept.append(reference)
    if annotations is not None:
        page[NameObject("/Annots")] = kept


def _reencode_pdf_images(page):
    for key in page.images.keys():
        if isinstance(key, str) and key.startswith("~"):
            continue  # an inline image is raw samples in the content stream: no metadata to carry
        try:
            picture = page.images[key]
        except Exception:
            if _pdf_image_filter(page, key) in _UNDECODED_PDF_FILTERS:
                continue  # bilevel scans (JBIG2, fax) that pypdf cannot decode carry no metadata
            raise
        image = picture.image
        images.drop_metadata(image)
        if image.mode not in ("1", "L", "RGB", "CMYK"):
            image = image.convert("RGB")
        picture.replace(image, quality=92)


def _pdf_image_filter(page, key):
    xobject = page
    for name in ([key] if isinstance(key, str) else key):
        xobject = _resolved(_resolved(_resolved(xobject["/Resources"])["/XObject"])[name])
    filters = _resolved(xobject.get("/Filter"))
    return filters[-1] if isinstance(filters, ArrayObject) and filters else filters


def _strip_pdf(data):
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("รับไฟล์ PDF ที่ตั้งรหัสผ่านไม่ได้ โปรดปลดรหัสผ่านก่อนส่ง"), code="encrypted")
        writer = PdfWriter()
        for page in reader.pages:
            _check_pdf_pixels(page)
            # Neutralised before copying, so what is dropped is never cloned into the new file.
            _neutralise_pdf_page(page)
            writer.add_page(page)
        for page in writer.pages:
            _reencode_pdf_images(page)
        # Pages are copied into a new catalogue: the source's XMP (/Metadata), document
        # JavaScript (/Names), /OpenAction, /AA, forms and attached files stay behind.
        writer.metadata = None
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except Exception:  # pypdf and Pillow raise many kinds of errors on a damaged file
        raise _malformed() from None
    return out.getvalue()


# -- DOCX ---------------------------------------------------------------------------------------
def _raster_format(data):
    return next((fmt for magic, fmt in _RASTER_FORMATS if data.startswith(magic)), None)


def _reencode_docx_picture(data):
    fmt = _raster_format(data)
    if fmt is None:
        return data
    image = images.open_upright(data, unreadable=_malformed())
    if fmt == "GIF" and image.mode not in ("P", "L", "1"):
        image = image.convert("P")
    return images.encode(image, fmt, **({"quality": 92} if fmt == "JPEG" else {}))


def _relationship_target(rels_name, relationship):
    """The part a relationship points to, as a path inside the package (None if external)."""
    target = re.search(rb'Target="([^"]*)"', relationship)
    if target is None or b'TargetMode="External"' in relationship:
        return None
    target = target.group(1).decode("utf-8", "replace")
    if target.startswith("/"):
        return target.lstrip("/")
    source_folder = posixpath.dirname(posixpath.dirname(rels_name))  # word/_rels/x.rels -> word
    return posixpath.normpath(posixpath.join(source_folder, target))


def _without_relationships(rels_name, content, dropped_parts):
    """The .rels part without relationships to dropped parts and, for the document settings,
    without external ones (an attached template or mail-merge source Word would fetch)."""
    settings_rels = rels_name == "word/_rels/settings.xml.rels"

    def keep(match):
        relationship = match.group(0)
        if settings_rels and b'TargetMode="External"' in relationship:
            return b""
        return b"" if _relationship_target(rels_name, relationship) in dropped_parts else relationship

    return _RELATIONSHIP.sub(keep, content)


def _docx(data, strip_metadata):
    """The DOCX without active content (macros refused, external references removed) and,
    with `strip_metadata`, without what identifies its author."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            names = [info.filename for info in source.infolist()]
            rels = {name: source.read(name) for name in names if name.endswith(".rels")}
            if any(_MACRO_PART.search(name) for name in names) or any(
                    _MACRO_RELATIONSHIP.search(content) for content in rels.values()):
                raise ValidationError(_("ไฟล์ Word นี้มีมาโคร ระบบไม่รับไฟล์ที่มีมาโคร "
                                        "โปรดบันทึกเป็นไฟล์ .docx ธรรมดาแล้วส่งใหม่"), code="macro")
            dropped = {name for name in names if strip_metadata and name.startswith("customXml/")}
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for name in names:
                    if name in dropped:
                        continue
                    content = rels.get(name) or source.read(name)
                    if name in rels:
                        content = _without_relationships(name, content, dropped)
                    if name == "word/settings.xml":
                        content = _DOCX_EXTERNAL_ELEMENTS.sub(b"", content)
                    if strip_metadata:
                        content = _strip_docx_part(name, content, dropped)
                    # A fixed timestamp: ZIP entry dates tell when (and where, by time zone) it was saved.
                    target.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content,
                                    compress_type=zipfile.ZIP_DEFLATED)
    except ValidationError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        raise _malformed() from None
    return out.getvalue()


def _strip_docx_part(name, content, dropped):
    if name in _DOCX_REPLACEMENTS:
        return _DOCX_REPLACEMENTS[name]
    if name == "[Content_Types].xml":
        return _OVERRIDE.sub(lambda m: b"" if m.group(1).decode() in dropped else m.group(0), content)
    if name.startswith("word/media/"):
        return _reencode_docx_picture(content)
    if name.startswith("word/") and name.endswith(".xml"):
        # Tracked changes, comments and people.xml name their authors.
        content = _DOCX_AUTHOR_ATTRIBUTES.sub(rb'\1=""', content)
        content = _DOCX_RSID_ATTRIBUTES.sub(b"", content)
        content = _DOCX_METADATA_ELEMENTS.sub(b"", content)
    return content


# -- one evidence file --------------------------------------------------------------------------
def check(uploaded):
    """The kind of an evidence file by its content, or a Thai ValidationError."""
    kind = validate_upload(uploaded, EVIDENCE_KINDS, settings.COMPLAINT_UPLOAD_MAX_BYTES)
    if kind == "heic":
        try:
            with Image.open(uploaded) as image:
                uploads.check_pixels(image)
                image.verify()
        except ValidationError:
            raise
        except Exception:
            raise ValidationError(
                _("ระบบอ่านไฟล์ HEIC นี้ไม่ได้ โปรดแปลงเป็น JPEG หรือ PNG ก่อนส่ง"), code="heic"
            ) from None
        finally:
            uploaded.seek(0)
    return kind


@dataclass(frozen=True)
class PreparedFile:
    """An evidence file ready to store: checked, stripped (unless kept), in memory.

    `name` is the sender's file name (made safe to show) only when the metadata is kept;
    otherwise it is empty and `store` gives the file a neutral name."""

    name: str
    kind: str
    data: bytes
    metadata_kept: bool


def prepare(uploaded, keep_metadata):
    """Check by content and strip; raise a Thai ValidationError for anything refused."""
    kind = check(uploaded)
    uploaded.seek(0)
    data = uploaded.read()
    if keep_metadata:
        if kind == "docx":
            data = _docx(data, strip_metadata=False)
        return PreparedFile(safe_display_name(uploaded.name), kind, data, True)
    if kind == "heic":  # Pillow can read it (checked) but not write it: store a JPEG instead.
        return PreparedFile("", "jpeg", _strip_image(data, kind, "JPEG"), False)
    if kind in _PILLOW_FORMATS:
        return PreparedFile("", kind, _strip_image(data, kind), False)
    if kind == "pdf":
        return PreparedFile("", kind, _strip_pdf(data), False)
    return PreparedFile("", kind, _docx(data, strip_metadata=True), False)


def store(report, prepared, message=None, from_staff=False):
    """Hash, encrypt and save one prepared file (inside the caller's transaction).

    The caller removes the stored file if its transaction fails (see services.saved_files)."""
    from .models import ReportFile

    name = prepared.name or f"{NEUTRAL_NAME}-{report.files.count() + 1}{extension(prepared.kind)}"
    evidence = ReportFile(
        report=report, message=message, original_name=name, kind=prepared.kind,
        size=len(prepared.data), sha256=hashlib.sha256(prepared.data).hexdigest(),
        metadata_kept=prepared.metadata_kept, from_staff=from_staff,
    )
    evidence.stored.save("evidence.bin", ContentFile(crypto.encrypt_file(report, prepared.data)), save=False)
    evidence.save()
    return evidence
