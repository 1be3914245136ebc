"""Uploaded files of requests and replies: checked by content (kpp_portal.uploads), photos
re-encoded by the shared image rule (kpp_portal.images) so no EXIF, GPS or camera data is kept,
inside the budgets of kpp_portal.budget, then handed to the model as a PreparedFile."""
from django.conf import settings

from kpp_portal import budget, images, uploads
from kpp_portal.uploads import PreparedFile

from .models import FILE_KINDS

PHOTO_KINDS = {"jpeg", "png", "webp"}
DOCUMENT_KINDS = FILE_KINDS - PHOTO_KINDS
PHOTO_MAX_SIDE = 2400  # a fault photo needs no more; a 50 MP original is re-encoded anyway


def _photo_as_jpeg(data):
    picture = images.open_upright(data)
    picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    return images.encode(images.flatten_on_white(picture), "JPEG", quality=85, optimize=True)


def prepare(uploaded, kinds, label):
    """A checked upload as a PreparedFile; raises the Thai ValidationError of uploads."""
    kind = uploads.validate_upload(uploaded, kinds, settings.SERVICE_UPLOAD_MAX_BYTES)
    uploaded.seek(0)
    content = uploaded.read()
    if kind in PHOTO_KINDS:
        content, kind = budget.sandboxed(_photo_as_jpeg, content), "jpeg"
    return PreparedFile(kind, content, name=uploaded.name or "file", label=str(label))
