"""The one picture pipeline: every picture the portal stores or republishes passes here.

A phone photo carries EXIF (GPS position, camera serial, date), XMP and maker notes. The apps
never republish or store the uploaded bytes: they open the picture with `open_upright` (which
refuses more than UPLOAD_MAX_PIXELS before decoding), shape it as they need, and write new
bytes with `encode`, which passes Pillow no metadata to write.

Public pictures (people, news, meeting photos, the municipality's logo) are models with
`PictureMixin`: only re-encoded renditions in a few widths are kept, listed in a JSON field as
{"w": width, "h": height, "name": path}, so templates write srcset and width/height without
touching the storage (`snippets/picture.html`). Their admin form is `PictureAdminForm`. Files
that a change or a deletion leaves behind are removed by kpp_portal.filecleanup.
"""
import io
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps

from kpp_portal import budget, uploads

# Entries of Image.info that some encoders copy into the new file on their own
# (PNG falls back on icc_profile, JPEG on comment).
METADATA_KEYS = ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "photoshop", "comment")
# Kinds Pillow can read here (HEIC needs a plugin we do not ship).
PICTURE_KINDS = ("jpeg", "png", "webp")
JPEG_QUALITY = 82


def open_upright(source, unreadable=None):
    """The picture in `source` (a file object or bytes), loaded and turned upright.

    Raises the Thai ValidationError of uploads for a picture over UPLOAD_MAX_PIXELS or over
    what is left of the request's pixel budget (checked on the header, before decoding), and
    `unreadable` (default: uploads' unreadable-image error) for anything Pillow cannot decode."""
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    source.seek(0)
    try:
        with Image.open(source) as opened:
            uploads.check_pixels(opened)
            budget.spend_pixels(opened.width * opened.height)  # only the first frame is decoded
            opened.load()
            # The orientation lives in the EXIF that is dropped: apply it first.
            image = ImageOps.exif_transpose(opened)
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise uploads.bomb_error() from None
    except Exception:
        raise (unreadable or uploads.unreadable_image_error()) from None
    drop_metadata(image)
    return image


def has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


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
        image = flatten_on_white(image)
    drop_metadata(image)
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def drop_metadata(image):
    for key in METADATA_KEYS:
        image.info.pop(key, None)


# -- renditions of public pictures ------------------------------------------------------------
def target_widths(original_width, widths):
    """The widths to make: every configured one narrower than the picture, plus one at
    min(picture, widest) so a small picture is never enlarged."""
    smaller = [w for w in widths if w < original_width]
    top = min(original_width, max(widths))
    return sorted(set(smaller + [top]))


def renditions(data, widths):
    """[(width, height, extension, bytes)] of a picture, narrowest first.

    One rule for every public picture: JPEG, or PNG when the picture has transparency (a
    logo on a coloured header must stay transparent)."""
    picture = open_upright(data)
    if has_alpha(picture):
        picture, fmt, ext, options = picture.convert("RGBA"), "PNG", "png", {"optimize": True}
    else:
        picture, fmt, ext = picture.convert("RGB"), "JPEG", "jpg"
        options = {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}
    made = []
    for width in target_widths(picture.width, widths):
        copy = picture.copy()
        copy.thumbnail((width, picture.height))
        made.append((copy.width, copy.height, ext, encode(copy, fmt, **options)))
    return made


def make_renditions(fileobj, widths):
    """renditions() of an uploaded picture, made within the budgets of kpp_portal.budget."""
    fileobj.seek(0)
    return budget.sandboxed(renditions, fileobj.read(), tuple(widths))


def save_renditions(made, folder, storage):
    """Store renditions; return the size list (widest last)."""
    token = uuid.uuid4().hex[:12]
    sizes = []
    for width, height, ext, data in made:
        name = storage.save(f"{folder}/{token}-{width}.{ext}", ContentFile(data))
        sizes.append({"w": width, "h": height, "name": name})
    return sizes


def make_sizes(fileobj, folder, widths, storage):
    """Save renditions of an uploaded picture; return the size list (widest last)."""
    return save_renditions(make_renditions(fileobj, widths), folder, storage)


def size_names(sizes):
    return [size["name"] for size in sizes or ()]


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


class PictureMixin:
    """Models whose picture is kept only as re-encoded sizes in a JSONField (`picture_field`)."""

    picture_field = "photo_sizes"
    picture_folder = "pictures"
    picture_widths = (320, 640)
    picture_required = False

    def set_picture(self, uploaded, made=None):
        """Keep renditions of `uploaded` (or the ones already `made` from it)."""
        made = made if made is not None else make_renditions(uploaded, self.picture_widths)
        setattr(self, self.picture_field, save_renditions(made, self.picture_folder, default_storage))

    def clear_picture(self):
        setattr(self, self.picture_field, [])

    @property
    def picture(self):
        return PictureSizes(getattr(self, self.picture_field), default_storage)


class PictureAdminForm(forms.ModelForm):
    """Admin form for a PictureMixin model: upload (checked, re-encoded) or remove its picture."""

    # A FileField, not an ImageField: Django's own image check answers a pixel bomb with a vague
    # "not a valid image"; validate_picture gives the limit and checks the content once.
    picture_upload = forms.FileField(
        label=gettext_lazy("อัปโหลดภาพ"), required=False, validators=[validate_picture],
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=gettext_lazy("JPEG, PNG หรือ WebP ระบบจะย่อเป็นหลายขนาดและลบข้อมูล EXIF (เช่น พิกัด GPS) ออก"),
    )
    picture_remove = forms.BooleanField(label=gettext_lazy("ลบภาพเดิม"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("picture_upload"):
            # Decoded here, within the budgets, so a refusal is a form error and not a failed save.
            try:
                self._renditions = make_renditions(cleaned["picture_upload"], self.instance.picture_widths)
            except ValidationError as error:
                self.add_error("picture_upload", error)
                cleaned.pop("picture_upload", None)
        has_picture = bool(cleaned.get("picture_upload")) or (
            bool(getattr(self.instance, self.instance.picture_field)) and not cleaned.get("picture_remove"))
        if self.instance.picture_required and not has_picture and "picture_upload" not in self.errors:
            self.add_error("picture_upload", gettext_lazy("กรุณาเลือกไฟล์ภาพ"))
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=False)
        if self.cleaned_data.get("picture_upload"):
            instance.set_picture(self.cleaned_data["picture_upload"], made=self._renditions)
        elif self.cleaned_data.get("picture_remove"):
            instance.clear_picture()
        if commit:
            instance.save()
            self._save_m2m()
        return instance
