"""Uploaded files of requests and replies: checked by content (kpp_portal.uploads), pictures
re-encoded by the shared image rule (kpp_portal.images) so no EXIF, GPS or camera data is kept,
then handed to the model as bytes."""
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile

from kpp_portal import images, uploads

from .models import FILE_KINDS

PHOTO_KINDS = {"jpeg", "png", "webp"}
DOCUMENT_KINDS = FILE_KINDS - PHOTO_KINDS
PHOTO_MAX_SIDE = 2400  # a fault photo needs no more; a 50 MP original is re-encoded anyway


@dataclass
class PreparedFile:
    label: str  # the field it came through, e.g. "ภาพถ่ายจุดที่ชำรุด"
    name: str  # the uploader's file name, kept for staff
    kind: str  # detected from the content: "jpeg", "pdf", …
    content: bytes

    def as_file(self):
        return ContentFile(self.content)


def prepare(uploaded, kinds, label):
    """A checked upload as a PreparedFile; raises the Thai ValidationError of uploads."""
    kind = uploads.validate_upload(uploaded, kinds, settings.SERVICE_UPLOAD_MAX_BYTES)
    if kind in PHOTO_KINDS:
        picture = images.open_upright(uploaded)
        picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
        content = images.encode(images.flatten_on_white(picture), "JPEG", quality=85, optimize=True)
        kind = "jpeg"
    else:
        uploaded.seek(0)
        content = uploaded.read()
    return PreparedFile(label=str(label), name=uploaded.name or "file", kind=kind, content=content)
