"""Pictures for the public site: re-encoded by Pillow into a few widths.

Re-encoding is the point, not only resizing: a phone photo carries EXIF (GPS position, camera,
date) that must not be republished, and the bytes a browser gets are ones Pillow wrote. The
original upload is never kept. Each size is listed as {"w": width, "h": height, "name": path}
so templates can write srcset and width/height without touching the storage.
"""
import uuid

from django.core.files.base import ContentFile

from kpp_portal import uploads
from kpp_portal.images import encode, flatten_on_white, open_upright

# Kinds Pillow can read here (HEIC needs a plugin we do not ship).
PICTURE_KINDS = ("jpeg", "png", "webp")
JPEG_QUALITY = 82


def target_widths(original_width, widths):
    """The widths to make: every configured one narrower than the picture, plus one at
    min(picture, widest) so a small picture is never enlarged."""
    smaller = [w for w in widths if w < original_width]
    top = min(original_width, max(widths))
    return sorted(set(smaller + [top]))


def make_sizes(fileobj, folder, widths, storage):
    """Save JPEG renditions of an uploaded picture; return the size list (widest last)."""
    picture = flatten_on_white(open_upright(fileobj))
    token = uuid.uuid4().hex[:12]
    sizes = []
    for width in target_widths(picture.width, widths):
        copy = picture.copy()
        copy.thumbnail((width, picture.height))
        data = encode(copy, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        name = storage.save(f"{folder}/{token}-{copy.width}.jpg", ContentFile(data))
        sizes.append({"w": copy.width, "h": copy.height, "name": name})
    return sizes


def delete_sizes(sizes, storage):
    for size in sizes or ():
        storage.delete(size["name"])


def validate_picture(uploaded):
    """Field validator: a real JPEG/PNG/WebP by content (the shared upload checks)."""
    uploads.validate_upload(uploaded, PICTURE_KINDS)


class PictureSizes:
    """Template helper over a size list: src (widest), srcset, width, height."""

    def __init__(self, sizes, storage):
        self.sizes = sizes or []
        self.storage = storage

    def __bool__(self):
        return bool(self.sizes)

    @property
    def widest(self):
        return self.sizes[-1]

    @property
    def src(self):
        return self.storage.url(self.widest["name"])

    @property
    def width(self):
        return self.widest["w"]

    @property
    def height(self):
        return self.widest["h"]

    @property
    def srcset(self):
        return ", ".join(f"{self.storage.url(s['name'])} {s['w']}w" for s in self.sizes)
