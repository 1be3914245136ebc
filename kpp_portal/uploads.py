"""Upload checks by content, never by file name: one validator for every app.

`validate_upload(f, kinds, max_bytes)` returns the detected kind ("pdf", "jpeg", …) or raises
ValidationError with a Thai message. Office files are ZIP containers and are told apart by
their parts; an archive that would inflate past the limit is refused (zip bomb). A picture's
size is read from its header and refused above UPLOAD_MAX_PIXELS before a pixel is decoded
(a small PNG can decode to gigabytes).

Model fields use `CheckedFileField(kinds={...})`: the field's allow-list, checked by content,
and the file stored under the extension of the kind found (an HTML page named `.pdf` is
stored as `.pdf` and refused unless it is one), so whatever serves /media/ types it right.
"""
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image

# kind: (content type, extension, Thai label)
KINDS = {
    "pdf": ("application/pdf", ".pdf", "PDF"),
    "jpeg": ("image/jpeg", ".jpg", "JPEG"),
    "png": ("image/png", ".png", "PNG"),
    "webp": ("image/webp", ".webp", "WebP"),
    "heic": ("image/heic", ".heic", "HEIC"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word (DOCX)"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel (XLSX)"),
    "odt": ("application/vnd.oasis.opendocument.text", ".odt", "ODT"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", ".ods", "ODS"),
}
IMAGE_KINDS = {"jpeg", "png", "webp", "heic"}
# Pillow's own guard (it refuses only above twice this): a backstop behind check_pixels().
Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_PIXELS


def content_type(kind):
    return KINDS[kind][0]


def extension(kind):
    return KINDS[kind][1]


def _zip_kind(fileobj, max_bytes):
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > max_bytes * 20 or len(infos) > 5000:
                raise ValidationError(_("ไฟล์นี้เมื่อแตกออกมีขนาดใหญ่เกินกว่าที่รับได้ ระบบจึงไม่รับไฟล์นี้"),
                                      code="zip_bomb")
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


def bomb_error(width=None, height=None):
    limit = f"{settings.UPLOAD_MAX_PIXELS / 1_000_000:,.1f}".removesuffix(".0")
    if width and height:
        message = _("ภาพมีขนาด %(width)s × %(height)s พิกเซล ใหญ่เกินกว่าที่รับได้ (ไม่เกิน %(limit)s ล้านพิกเซล) "
                    "โปรดย่อภาพแล้วส่งใหม่") % {
            "width": number_format(width, force_grouping=True),
            "height": number_format(height, force_grouping=True), "limit": limit}
    else:
        message = _("ภาพมีขนาดพิกเซลใหญ่เกินกว่าที่รับได้ (ไม่เกิน %(limit)s ล้านพิกเซล) โปรดย่อภาพแล้วส่งใหม่") % {
            "limit": limit}
    return ValidationError(message, code="bomb")


def unreadable_image_error():
    return ValidationError(_("ไฟล์ภาพเสียหายหรืออ่านไม่ได้"), code="malformed")


def check_pixels(image):
    """Refuse an opened (not yet decoded) picture above UPLOAD_MAX_PIXELS: Pillow's open()
    reads only the header, so this costs microseconds where decoding would cost seconds."""
    width, height = image.size
    if width * height > settings.UPLOAD_MAX_PIXELS:
        raise bomb_error(width, height)


def _check_image(fileobj):
    try:
        with Image.open(fileobj) as image:
            check_pixels(image)
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise bomb_error() from None
    except Exception:
        raise unreadable_image_error() from None
    finally:
        fileobj.seek(0)


def validate_upload(uploaded, kinds, max_bytes=None):
    """Check an uploaded file by its content; return its kind or raise a Thai ValidationError.

    `max_bytes` is a number or the name of a setting (default UPLOAD_MAX_BYTES)."""
    if isinstance(max_bytes, str):
        max_bytes = getattr(settings, max_bytes)
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    size = getattr(uploaded, "size", None)
    if not size:
        raise ValidationError(_("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ที่มีเนื้อหา"), code="empty")
    if size > max_bytes:
        # The excess is said too: 20.04 MB and a 20 MB limit both read "20.0 MB".
        raise ValidationError(
            _("ไฟล์ใหญ่เกินไป (%(size)s) รับได้ไม่เกิน %(limit)s เกินมา %(over)s")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes),
               "over": filesizeformat(size - max_bytes)},
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


@dataclass(frozen=True)
class PreparedFile:
    """An upload ready to store: checked by content, re-encoded or stripped as its app asks,
    in memory (so it can come back from the budget's child process)."""

    kind: str  # detected from the content: "jpeg", "pdf", …
    data: bytes
    name: str = ""  # the uploader's file name, only where it is kept
    label: str = ""  # the form field it came through, e.g. "ภาพถ่ายจุดที่ชำรุด"
    metadata_kept: bool = False
    rendered: bool = False  # kept only as pictures of its pages: it could not be cleaned with confidence

    def as_file(self):
        return ContentFile(self.data)


# Served in place (the portal's pages show them); anything else under /media/ is a download.
MEDIA_INLINE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def media_headers(path):
    """The headers every file under /media/ is served with (README "Serving /media/"): never
    sniffed into another type, never run as a page with the portal's origin, and downloaded
    rather than opened unless it is a picture."""
    inline = PurePath(path).suffix.lower() in MEDIA_INLINE_SUFFIXES
    return {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
        "Content-Disposition": "inline" if inline else "attachment",
    }


def safe_display_name(name, limit=200):
    """A file name fit to show or send: no path, no control or formatting characters (a
    right-to-left override turns `gpj.exe` into what looks like `exe.jpg`), at most `limit` long."""
    name = PurePath(str(name or "").replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp"))
    return name.strip()[-limit:]


def stored_name(name, kind):
    """The uploaded name with the extension of the detected kind instead of its own; dots
    inside the stem become underscores (some servers act on any extension in a name)."""
    stem = PurePath(safe_display_name(name)).stem.replace(".", "_") or "file"
    return stem[:80] + extension(kind)


class UploadValidator:
    """Form field validator: forms.FileField(validators=[UploadValidator({"pdf", "docx"})]).
    Model fields use CheckedFileField, which adds it."""

    def __init__(self, kinds, max_bytes=None):
        self.kinds = tuple(sorted(kinds))
        self.max_bytes = max_bytes

    def __call__(self, uploaded):
        validate_upload(uploaded, self.kinds, self.max_bytes)

    def deconstruct(self):
        return ("kpp_portal.uploads.UploadValidator", (self.kinds,), {"max_bytes": self.max_bytes})

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (
            (self.kinds, self.max_bytes) == (other.kinds, other.max_bytes))


class CheckedFileField(models.FileField):
    """A FileField with an allow-list of kinds: CheckedFileField(_("ไฟล์"), kinds={"pdf", "docx"}).

    Its form field validates by content (UploadValidator). On save, a new upload is checked
    again (an upload made in code skips the form), renamed to the extension of its detected
    kind and given that kind's content type, which S3 storage stores as the object's
    Content-Type (otherwise it keeps what the browser claimed)."""

    def __init__(self, *args, kinds=(), max_bytes=None, **kwargs):
        self.kinds = tuple(sorted(kinds))
        self.max_bytes = max_bytes
        validators = [v for v in kwargs.pop("validators", ()) if not isinstance(v, UploadValidator)]
        super().__init__(*args, validators=[*validators, UploadValidator(self.kinds, max_bytes)], **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kinds"] = self.kinds
        if self.max_bytes is not None:
            kwargs["max_bytes"] = self.max_bytes
        others = [v for v in kwargs.pop("validators", ()) if not isinstance(v, UploadValidator)]
        if others:
            kwargs["validators"] = others
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            kind = validate_upload(file.file, self.kinds, self.max_bytes)
            file.name = stored_name(file.name, kind)
            file.file.content_type = content_type(kind)
        return super().pre_save(model_instance, add)
