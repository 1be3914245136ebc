"""Evidence files: checked by content, stripped of what identifies the sender, encrypted.

By default nothing that can identify a whistleblower reaches disk: images are re-encoded by
Pillow (EXIF, GPS, XMP, maker notes dropped), PDFs are rebuilt by pypdf without the document
information dictionary or XMP, and DOCX files get neutral docProps/core.xml and app.xml. The
person may keep the original metadata when it is itself evidence. The SHA-256 of the stored
plaintext is recorded for evidence integrity.
"""
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject

from kpp_portal.images import encode, open_upright
from kpp_portal.uploads import validate_upload

from . import crypto

EVIDENCE_KINDS = ("jpeg", "png", "webp", "heic", "pdf", "docx")
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
_DOCX_AUTHOR_ATTRIBUTES = re.compile(rb'\b(w\d*:(?:author|initials|userId|providerId))="[^"]*"')
_DOCX_REPLACEMENTS = {
    "docProps/core.xml": _NEUTRAL_CORE,
    "docProps/app.xml": _NEUTRAL_APP,
    "docProps/custom.xml": _NEUTRAL_CUSTOM,
}


def _malformed():
    return ValidationError(_("ไฟล์เสียหายหรืออ่านไม่ได้ โปรดตรวจสอบไฟล์แล้วลองใหม่"), code="malformed")


def _strip_image(data, kind, fmt=None):
    """`data` re-encoded by Pillow as `fmt` (default: its own format), upright, without metadata."""
    image = open_upright(data, unreadable=_malformed())
    options = {"quality": 92} if kind in ("jpeg", "webp", "heic") else {}
    try:
        return encode(image, fmt or _PILLOW_FORMATS[kind], **options)
    except Exception:
        raise _malformed() from None


def _strip_pdf(data):
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("รับไฟล์ PDF ที่ตั้งรหัสผ่านไม่ได้ โปรดปลดรหัสผ่านก่อนส่ง"), code="encrypted")
        writer = PdfWriter()
        for page in reader.pages:
            # Page-level XMP and application data can carry names too.
            for key in ("/Metadata", "/PieceInfo"):
                if key in page:
                    del page[NameObject(key)]
            writer.add_page(page)
        # Pages are copied into a new catalogue: the source's XMP (/Metadata) stays behind.
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise _malformed() from None
    return out.getvalue()


def _strip_docx(data):
    try:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = _DOCX_REPLACEMENTS.get(info.filename) or source.read(info.filename)
                if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                    # Tracked changes, comments and people.xml name their authors.
                    content = _DOCX_AUTHOR_ATTRIBUTES.sub(rb'\1=""', content)
                # A fixed timestamp: ZIP entry dates would tell when (and where, by time zone) it was saved.
                target.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), content,
                                compress_type=zipfile.ZIP_DEFLATED)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        raise _malformed() from None
    return out.getvalue()


def check(uploaded):
    """The kind of an evidence file by its content, or a Thai ValidationError."""
    kind = validate_upload(uploaded, EVIDENCE_KINDS, settings.COMPLAINT_UPLOAD_MAX_BYTES)
    if kind == "heic":
        try:
            with Image.open(uploaded) as image:
                image.verify()
        except Exception:
            raise ValidationError(
                _("ระบบอ่านไฟล์ HEIC นี้ไม่ได้ โปรดแปลงเป็น JPEG หรือ PNG ก่อนส่ง"), code="heic"
            ) from None
        finally:
            uploaded.seek(0)
    return kind


@dataclass(frozen=True)
class PreparedFile:
    """An evidence file ready to store: checked, stripped (unless kept), in memory."""

    name: str
    kind: str
    data: bytes
    metadata_kept: bool


def prepare(uploaded, keep_metadata):
    """Check by content and strip; raise a Thai ValidationError for anything refused."""
    kind = check(uploaded)
    uploaded.seek(0)
    data = uploaded.read()
    name = (uploaded.name or "")[:200]
    if keep_metadata:
        return PreparedFile(name, kind, data, True)
    if kind == "heic":  # Pillow can read it (checked) but not write it: store a JPEG instead.
        return PreparedFile(name, "jpeg", _strip_image(data, kind, "JPEG"), False)
    if kind in _PILLOW_FORMATS:
        return PreparedFile(name, kind, _strip_image(data, kind), False)
    if kind == "pdf":
        return PreparedFile(name, kind, _strip_pdf(data), False)
    return PreparedFile(name, kind, _strip_docx(data), False)


def store(report, prepared, message=None, from_staff=False):
    """Hash, encrypt and save one prepared file (inside the caller's transaction).

    The caller removes the stored file if its transaction fails (see services.saved_files)."""
    from .models import ReportFile

    evidence = ReportFile(
        report=report, message=message, original_name=prepared.name, kind=prepared.kind,
        size=len(prepared.data), sha256=hashlib.sha256(prepared.data).hexdigest(),
        metadata_kept=prepared.metadata_kept, from_staff=from_staff,
    )
    evidence.stored.save("evidence.bin", ContentFile(crypto.encrypt_bytes(prepared.data)), save=False)
    evidence.save()
    return evidence
