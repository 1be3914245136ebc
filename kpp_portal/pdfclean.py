"""A PDF rebuilt from what a reader needs: pages, their content and pictures, plain annotations.

The pages are copied into a new catalogue, so the source's XMP, document information,
JavaScript, /OpenAction, forms and attached files stay behind. Before copying, every page, its
annotations and every object its resources reach keep only allow-listed keys: no XMP
(/Metadata) or application data (/PieceInfo) on a Form XObject or a font, no thumbnail, no
action, no popup carrying the author's name; annotations of kinds that carry files or media
(/FileAttachment, /RichMedia, /Screen, /Movie, /Sound, /3D …) are dropped. Pictures are
re-encoded without their metadata, refused above UPLOAD_MAX_PIXELS before anything is decoded.

A PDF that cannot be rebuilt with confidence (pypdf cannot read it) is kept only as pictures of
its pages in a new PDF (`render`, Dangerzone's approach): poppler's pdftoppm draws the pages,
nothing of the original file but its pixels survives.
"""
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from . import budget, images, uploads

PAGE_KEYS = {"/Type", "/Parent", "/Resources", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox",
             "/ArtBox", "/Contents", "/Rotate", "/Annots", "/Group", "/UserUnit"}
ANNOTATION_SUBTYPES = {"/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon",
                       "/PolyLine", "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Caret",
                       "/Ink", "/Stamp", "/Widget"}
# What an annotation shows; its author (/T), dates, popup, actions and replies are left out.
ANNOTATION_KEYS = {"/Type", "/Subtype", "/Rect", "/Contents", "/F", "/AP", "/AS", "/Border", "/C",
                   "/BS", "/BE", "/QuadPoints", "/InkList", "/Vertices", "/L", "/LE", "/IC", "/DA",
                   "/Q", "/RD", "/CA", "/Name", "/Open", "/Dest", "/H", "/MK"}
# A widget is a form field: its /T is the field's name, its /Parent the field.
FIELD_KEYS = {"/FT", "/Ff", "/V", "/DV", "/T", "/Kids", "/Parent", "/DA", "/Q", "/Opt", "/MaxLen", "/DR"}
FORM_KEYS = {"/Type", "/Subtype", "/FormType", "/BBox", "/Matrix", "/Resources", "/Group", "/Filter",
             "/DecodeParms", "/Length"}
IMAGE_KEYS = {"/Type", "/Subtype", "/Width", "/Height", "/ColorSpace", "/BitsPerComponent", "/Filter",
              "/DecodeParms", "/Length", "/Decode", "/Interpolate", "/ImageMask", "/Mask", "/SMask",
              "/Intent", "/SMaskInData", "/Matte"}
# Dropped wherever they are found under a page (fonts, graphics states, patterns …).
METADATA_KEYS = ("/Metadata", "/PieceInfo", "/LastModified", "/OPI", "/Ref", "/Thumb")
UNDECODED_FILTERS = ("/JBIG2Decode", "/CCITTFaxDecode")


def malformed():
    return ValidationError(_("ไฟล์เสียหายหรืออ่านไม่ได้ โปรดตรวจสอบไฟล์แล้วลองใหม่"), code="malformed")


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _keep_only(dictionary, keys):
    for key in [key for key in dictionary if key not in keys]:
        del dictionary[key]


def _clean_object(value, seen):
    """Walk down from a page's resources or an appearance: allow-lists for XObjects, no
    metadata keys anywhere. Never up (/Parent, /P)."""
    value = _resolved(value)
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, DictionaryObject):
        subtype = value.get("/Subtype")
        if value.get("/Type") == "/XObject" or subtype in ("/Form", "/Image"):
            if subtype == "/Form":
                _keep_only(value, FORM_KEYS)
            elif subtype == "/Image":
                _keep_only(value, IMAGE_KEYS)
        for key in METADATA_KEYS:
            value.pop(key, None)
        for key, item in list(value.items()):
            if key not in ("/Parent", "/P"):
                _clean_object(item, seen)
    elif isinstance(value, ArrayObject):
        for item in value:
            _clean_object(item, seen)


def _clean_annotation(annotation, seen):
    widget = annotation.get("/Subtype") == "/Widget"
    _keep_only(annotation, ANNOTATION_KEYS | (FIELD_KEYS if widget else set()))
    field = annotation.get("/Parent") if widget else None
    while field is not None:  # form fields run JavaScript on keystrokes and formatting
        field = _resolved(field)
        if id(field) in seen:
            break
        seen.add(id(field))
        _keep_only(field, FIELD_KEYS)
        field = field.get("/Parent")
    _clean_object(annotation.get("/AP"), seen)


def _clean_page(page, seen):
    _keep_only(page, PAGE_KEYS)
    annotations = _resolved(page.get("/Annots"))
    if annotations is not None:
        kept = ArrayObject()
        for reference in annotations if isinstance(annotations, ArrayObject) else ():
            annotation = _resolved(reference)
            if isinstance(annotation, DictionaryObject) and annotation.get("/Subtype") in ANNOTATION_SUBTYPES:
                _clean_annotation(annotation, seen)
                kept.append(reference)
        page[NameObject("/Annots")] = kept
    _clean_object(page.get("/Resources"), seen)


def _image_sizes(resources, seen):
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
            yield from _image_sizes(xobject.get("/Resources"), seen)


def _check_pixels(page, seen):
    for width, height in _image_sizes(page.get("/Resources"), seen):
        if width * height > settings.UPLOAD_MAX_PIXELS:
            raise uploads.bomb_error(width, height)
        budget.spend_pixels(width * height)


def _image_filter(page, key):
    xobject = page
    for name in ([key] if isinstance(key, str) else key):
        xobject = _resolved(_resolved(_resolved(xobject["/Resources"])["/XObject"])[name])
    filters = _resolved(xobject.get("/Filter"))
    return filters[-1] if isinstance(filters, ArrayObject) and filters else filters


def _reencode_images(page):
    for key in page.images.keys():
        if isinstance(key, str) and key.startswith("~"):
            continue  # an inline image is raw samples in the content stream: no metadata to carry
        try:
            picture = page.images[key]
        except Exception:
            if _image_filter(page, key) in UNDECODED_FILTERS:
                continue  # bilevel scans (JBIG2, fax) that pypdf cannot decode carry no metadata
            raise
        image = picture.image
        images.drop_metadata(image)
        if image.mode not in ("1", "L", "RGB", "CMYK"):
            image = image.convert("RGB")
        picture.replace(image, quality=92)


def clean(data):
    """The PDF rebuilt without what identifies its author or acts when it is opened."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("รับไฟล์ PDF ที่ตั้งรหัสผ่านไม่ได้ โปรดปลดรหัสผ่านก่อนส่ง"), code="encrypted")
        if not len(reader.pages):
            raise malformed()  # pages pypdf cannot find would be lost, or kept uncleaned
        writer = PdfWriter()
        pictures, cleaned = set(), set()
        for page in reader.pages:
            _check_pixels(page, pictures)
            # Cleaned before copying, so what is dropped is never cloned into the new file.
            _clean_page(page, cleaned)
            writer.add_page(page)
        for page in writer.pages:
            _reencode_images(page)
        writer.metadata = None
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except MemoryError:
        raise
    except Exception:  # pypdf and Pillow raise many kinds of errors on a damaged file
        raise malformed() from None
    return out.getvalue()


# -- pages as pictures ----------------------------------------------------------------------------
RENDER_MAX_PAGES = 30
RENDER_LONG_SIDE = 1600  # pixels: a page stays readable; 30 pages fit the pixel budget


def can_render():
    return shutil.which("pdftoppm") is not None


def render(data):
    """A new PDF made of pictures of the first RENDER_MAX_PAGES pages of `data` (run inside the
    budget's child process: pdftoppm inherits its limits and gets what is left of its time)."""
    if not can_render():
        raise malformed()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source.pdf"
        source.write_bytes(data)
        try:
            subprocess.run(
                ["pdftoppm", "-png", "-l", str(RENDER_MAX_PAGES), "-scale-to", str(RENDER_LONG_SIDE),
                 str(source), str(Path(folder) / "page")],
                check=True, capture_output=True, timeout=max(0.1, budget.child_seconds_left() - 0.3))
        except (subprocess.SubprocessError, OSError):
            raise malformed() from None
        pages = [images.open_upright(path.read_bytes(), unreadable=malformed()).convert("RGB")
                 for path in sorted(Path(folder).glob("page*.png"))]
    if not pages:
        raise malformed()
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=150)
    return out.getvalue()
