"""Re-encoding uploaded pictures so that no metadata survives: one rule for every app.

A phone photo carries EXIF (GPS position, camera serial, date), XMP and maker notes. The apps
never republish or store the uploaded bytes: they open the picture with `open_upright`, shape it
as they need, and write new bytes with `encode`, which passes Pillow no metadata to write.
"""
import io

from PIL import Image, ImageOps

from kpp_portal import uploads

# Entries of Image.info that some encoders copy into the new file on their own
# (PNG falls back on icc_profile, JPEG on comment).
METADATA_KEYS = ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "photoshop", "comment")


def open_upright(source, unreadable=None):
    """The picture in `source` (a file object or bytes), loaded and turned upright.

    Raises the Thai ValidationError of uploads for a decompression bomb, and `unreadable`
    (default: uploads' unreadable-image error) for anything Pillow cannot decode."""
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    source.seek(0)
    try:
        with Image.open(source) as opened:
            opened.load()
            # The orientation lives in the EXIF that is dropped: apply it first.
            image = ImageOps.exif_transpose(opened)
    except Image.DecompressionBombError:
        raise uploads.bomb_error() from None
    except Exception:
        raise (unreadable or uploads.unreadable_image_error()) from None
    _drop_metadata(image)
    return image


def has_alpha(image):
    return image.mode in ("RGBA", "LA") or "transparency" in image.info


def flatten_on_white(image):
    """An RGB picture: transparent areas become white (JPEG has no transparency)."""
    if not has_alpha(image):
        return image.convert("RGB")
    image = image.convert("RGBA")
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A"))
    return background


def encode(image, fmt, **options):
    """The bytes of `image` saved as `fmt` ("JPEG", "PNG", "WEBP") with encoder `options`.

    Metadata options (exif, icc_profile, xmp, comment) are refused rather than written."""
    forbidden = set(options) & set(METADATA_KEYS)
    if forbidden:
        raise TypeError(f"encode() never writes metadata: {sorted(forbidden)}")
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    _drop_metadata(image)
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _drop_metadata(image):
    for key in METADATA_KEYS:
        image.info.pop(key, None)
