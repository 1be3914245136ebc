"""Evidence files: checked by content, stripped of what identifies the sender, encrypted.

By default nothing that can identify a whistleblower reaches disk:
- images are re-encoded by the shared picture rule (EXIF, GPS, XMP, maker notes dropped);
- PDFs are rebuilt from an allow-list (kpp_portal.pdfclean): pages, content, plain annotations
  without authors, pictures re-encoded;
- DOCX files are rebuilt part by part with an XML parser (kpp_portal.office): neutral document
  properties, no thumbnail, no author names, no revision ids, customXml or document variables,
  embedded packages cleaned the same way, every picture re-encoded;
- the stored and shown name is neutral (หลักฐาน-1.jpg), not the sender's file name.
The person may keep the original metadata (and name) when it is itself evidence. Whatever is
ticked, nothing that acts when a legal officer opens the file is kept: DOCX macros are refused,
external template and mail-merge references are removed. All of it runs within the budgets of
kpp_portal.budget (a child process with limits on time and memory). The SHA-256 of the stored
plaintext is recorded for evidence integrity.
"""
import hashlib
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image

from kpp_portal import budget, images, office, pdfclean, uploads
from kpp_portal.uploads import PreparedFile, extension, safe_display_name, validate_upload

from . import crypto

EVIDENCE_KINDS = ("jpeg", "png", "webp", "heic", "pdf", "docx")
# What a stored file is called unless the sender keeps the original name: the Nth file of a report.
NEUTRAL_NAME = "หลักฐาน"
_PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
# Magic numbers of the raster formats Pillow re-encodes; vector pictures (EMF, WMF) carry no EXIF.
_RASTER_FORMATS = ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF8", "GIF"),
                   (b"BM", "BMP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"))


def _malformed():
    return office.malformed()


def _strip_image(data, kind, fmt=None):
    """`data` re-encoded by Pillow as `fmt` (default: its own format), upright, without metadata."""
    image = images.open_upright(data, unreadable=_malformed())
    options = {"quality": 92} if (fmt or _PILLOW_FORMATS.get(kind)) in ("JPEG", "WEBP") else {}
    try:
        return images.encode(image, fmt or _PILLOW_FORMATS[kind], **options)
    except Exception:
        raise _malformed() from None


def _reencode_office_picture(data):
    fmt = next((fmt for magic, fmt in _RASTER_FORMATS if data.startswith(magic)), None)
    if fmt is None:
        return data
    image = images.open_upright(data, unreadable=_malformed())
    if fmt == "GIF" and image.mode not in ("P", "L", "1"):
        image = image.convert("P")
    return images.encode(image, fmt, **({"quality": 92} if fmt == "JPEG" else {}))


def _docx(data, strip_metadata):
    return office.clean_package(data, strip_metadata, _reencode_office_picture,
                                settings.COMPLAINT_UPLOAD_MAX_BYTES * 20)


# -- one evidence file --------------------------------------------------------------------------
def check(uploaded):
    """The kind of an evidence file by its content (the cheap checks), or a Thai ValidationError."""
    return validate_upload(uploaded, EVIDENCE_KINDS, settings.COMPLAINT_UPLOAD_MAX_BYTES)


def _heic_as_jpeg(data):
    """Pillow may read a HEIC (with a plugin) but not write it: a JPEG instead."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            uploads.check_pixels(image)
            image.verify()
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(
            _("ระบบอ่านไฟล์ HEIC นี้ไม่ได้ โปรดแปลงเป็น JPEG หรือ PNG ก่อนส่ง"), code="heic") from None
    return _strip_image(data, "heic", "JPEG")


def _prepared(data, kind, keep_metadata, name):
    """The work on the file's content, run inside the budget's child process."""
    if keep_metadata:
        if kind == "docx":
            data = _docx(data, strip_metadata=False)
        return PreparedFile(kind, data, name=name, metadata_kept=True)
    if kind == "heic":
        return PreparedFile("jpeg", _heic_as_jpeg(data))
    if kind in _PILLOW_FORMATS:
        return PreparedFile(kind, _strip_image(data, kind))
    if kind == "pdf":
        try:
            return PreparedFile(kind, pdfclean.clean(data))
        except ValidationError as error:
            if error.error_list[0].code != "malformed" or not pdfclean.can_render():
                raise
            return PreparedFile(kind, pdfclean.render(data), rendered=True)
    return PreparedFile(kind, _docx(data, strip_metadata=True))


def prepare(uploaded, keep_metadata):
    """Check by content and strip; raise a Thai ValidationError for anything refused.

    The sender's file name (made safe to show) is kept only with the metadata; otherwise the
    name stays empty and `store` gives the file a neutral one."""
    kind = check(uploaded)
    uploaded.seek(0)
    name = safe_display_name(uploaded.name) if keep_metadata else ""
    return budget.sandboxed(_prepared, uploaded.read(), kind, keep_metadata, name)


def store(report, prepared, message=None, from_staff=False):
    """Hash, encrypt and save one prepared file (inside the caller's transaction).

    The caller removes the stored file if its transaction fails (filecleanup.removed_on_failure)."""
    from .models import ReportFile

    name = prepared.name or f"{NEUTRAL_NAME}-{report.files.count() + 1}{extension(prepared.kind)}"
    evidence = ReportFile(
        report=report, message=message, original_name=name, kind=prepared.kind,
        size=len(prepared.data), sha256=hashlib.sha256(prepared.data).hexdigest(),
        metadata_kept=prepared.metadata_kept, rendered=prepared.rendered, from_staff=from_staff,
    )
    evidence.stored.save("evidence.bin", ContentFile(crypto.encrypt_file(report, prepared.data)), save=False)
    evidence.save()
    return evidence
