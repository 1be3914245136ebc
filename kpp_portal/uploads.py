"""Upload checks by content, never by file name: one validator for every app.

`validate_upload(f, kinds, max_bytes)` returns the detected kind ("pdf", "jpeg", …) or raises
ValidationError with a Thai message. Office files are ZIP containers and are told apart by
their parts; an archive that would inflate past the limit is refused (zip bomb).
"""
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

# kind: (content type, extension, Thai label)
KINDS = {
    "pdf": ("application/pdf", ".pdf", "PDF"),
    "jpeg": ("image/jpeg", ".jpg", "JPEG"),
    "png": ("image/png", ".png", "PNG"),
    "webp": ("image/webp", ".webp", "WebP"),
    "heic": ("image/heic", ".heic", "HEIC"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word (DOCX)"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel (XLSX)"),
    "odt": ("application/vnd.oasis.opendocument.text", ".odt", "ODT"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", ".ods", "ODS"),
}
IMAGE_KINDS = {"jpeg", "png", "webp", "heic"}
# Pillow refuses images larger than this many pixels (decompression bombs).
Image.MAX_IMAGE_PIXELS = 50_000_000


def content_type(kind):
    return KINDS[kind][0]


def extension(kind):
    return KINDS[kind][1]


def _zip_kind(fileobj, max_bytes):
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > max_bytes * 20:
                return None
            names = {info.filename for info in infos}
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return {KINDS["odt"][0]: "odt", KINDS["ods"][0]: "ods"}.get(mimetype)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def sniff(fileobj, max_bytes):
    """The kind of file by its first bytes (and ZIP parts), or None."""
    fileobj.seek(0)
    head = fileobj.read(32)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = "webp"
    elif head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis"):
        kind = "heic"
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(fileobj, max_bytes)
    else:
        kind = None
    fileobj.seek(0)
    return kind


def bomb_error():
    return ValidationError(_("ภาพมีขนาดพิกเซลใหญ่เกินกว่าที่รับได้"), code="bomb")


def unreadable_image_error():
    return ValidationError(_("ไฟล์ภาพเสียหายหรืออ่านไม่ได้"), code="malformed")


def _check_image(fileobj):
    try:
        with Image.open(fileobj) as image:
            image.verify()
    except Image.DecompressionBombError:
        raise bomb_error() from None
    except Exception:
        raise unreadable_image_error() from None
    finally:
        fileobj.seek(0)


def validate_upload(uploaded, kinds, max_bytes=None):
    """Check an uploaded file by its content; return its kind or raise a Thai ValidationError."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    size = getattr(uploaded, "size", None)
    if not size:
        raise ValidationError(_("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ที่มีเนื้อหา"), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("ไฟล์ใหญ่เกินไป (%(size)s) รับได้ไม่เกิน %(limit)s")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    kind = sniff(uploaded, max_bytes)
    if kind not in kinds:
        allowed = ", ".join(KINDS[k][2] for k in kinds)
        raise ValidationError(
            _("ชนิดไฟล์ไม่ถูกต้อง: รับเฉพาะ %(allowed)s (ตรวจจากเนื้อหาไฟล์ ไม่ใช่ชื่อไฟล์)") % {"allowed": allowed},
            code="bad_type",
        )
    if kind in IMAGE_KINDS and kind != "heic":
        _check_image(uploaded)
    return kind


class UploadValidator:
    """Model/form field validator: FileField(validators=[UploadValidator({"pdf", "docx"})])."""

    def __init__(self, kinds, max_bytes=None):
        self.kinds = tuple(sorted(kinds))
        self.max_bytes = max_bytes

    def __call__(self, uploaded):
        validate_upload(uploaded, self.kinds, self.max_bytes)

    def deconstruct(self):
        return ("kpp_portal.uploads.UploadValidator", (self.kinds,), {"max_bytes": self.max_bytes})

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.kinds, self.max_bytes) == (other.kinds, other.max_bytes)
