"""The one way the portal makes a PDF: HTML and CSS laid out by WeasyPrint.

WeasyPrint shapes text with Pango, which breaks Thai lines between words (libthai), so a Thai
paragraph wraps as a Thai reader expects; the Sarabun font ships with the portal's static files.
"""
import functools
import io
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from . import budget

# Sarabun's Thai and Latin subsets, bundled so a PDF looks the same on any machine. Each subset
# is a family of its own ("Sarabun" Latin, then "Sarabun Thai" for what Latin lacks): as two
# faces of one family, WeasyPrint's text map read some Latin letters back as Thai ones.
FONT_FACES = [("400", "normal"), ("700", "normal")]
FAMILIES = {"latin": "Sarabun", "thai": "Sarabun Thai"}
FONT_STACK = "'Sarabun', 'Sarabun Thai', sans-serif"
_CMAP_ENTRY = re.compile(rb"<([0-9a-f]{4})> <([0-9a-f]*)>")
_NIKHAHIT_TONE = re.compile("(\u0e4d)([\u0e48-\u0e4b])")


def _font_files():
    """(family, weight, style, path) of each bundled face found in the static files."""
    for weight, style in FONT_FACES:
        for subset, family in FAMILIES.items():
            found = finders.find(f"vendor/sarabun/files/sarabun-{subset}-{weight}-{style}.woff")
            if found:
                yield family, weight, style, found


def font_css():
    return "\n".join(
        f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
        f"font-style: {style}; src: url('{Path(found).as_uri()}'); }}"
        for family, weight, style, found in _font_files())


# -- the text layer ------------------------------------------------------------------------------
# A PDF's text map (ToUnicode) gives one text per glyph. WeasyPrint gives each glyph the text of
# the first cluster it drew it in, but HarfBuzz's Thai shaper draws SARA AM (ำ) as a NIKHAHIT and
# a SARA AA, the NIKHAHIT tied with a tone mark above it: the SARA AA glyph read back as ำ
# everywhere once an ำ had been drawn (ตามมาตรา as ตำมมำตรำ), and the NIKHAHIT and the tone mark
# as nothing. Sarabun names its Thai glyphs after what they draw (uni0E4D0E49.narrow, AGL names),
# so each Thai glyph is mapped to its own letters: ำ reads back as ํ + า, its compatibility
# decomposition (NFKC), which search.reading puts back together.
def _glyph_text(name):
    from fontTools import agl

    text = agl.toUnicode(name)
    if not text or not all("\u0e00" <= letter <= "\u0e7f" for letter in text):
        return None
    # A NIKHAHIT drawn tied with the tone mark after it was typed after that tone mark (น้ำ).
    return _NIKHAHIT_TONE.sub("\\2\\1", text)


@functools.cache
def _face(path):
    """({code point: glyph id}, {glyph id: text}) of a bundled face: its Thai glyphs' texts."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    order = font.getGlyphOrder()
    cmap = {code: font.getGlyphID(name) for code, name in font.getBestCmap().items()}
    texts = {number: text for number, name in enumerate(order) if (text := _glyph_text(name))}
    return cmap, texts


def _thai_texts(program):
    """{glyph id: text} for an embedded font program cut from a bundled face, else {}: the face is
    known by the embedded font's character map (the subset keeps the bundled glyph ids)."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        embedded = TTFont(io.BytesIO(program), lazy=True)
        cmap = {code: embedded.getGlyphID(name) for code, name in (embedded.getBestCmap() or {}).items()}
    except (TTLibError, KeyError, ValueError, AssertionError):
        return {}
    if not any("\u0e00" <= chr(code) <= "\u0e7f" for code in cmap):
        return {}
    for *_name, path in _font_files():
        face_cmap, texts = _face(path)
        if all(face_cmap.get(code) == number for code, number in cmap.items()):
            return texts
    return {}


def thai_text_layer(document, pdf):
    """A WeasyPrint finisher: each Thai glyph of a bundled face mapped to its own letters in the
    fonts' ToUnicode maps (the PDF's own objects, as the PDF reference lays them out)."""
    def get(reference):
        return pdf.objects[int(reference.split()[0])]

    for font in list(pdf.objects):
        if not (isinstance(font, dict) and font.get("Type") == "/Font" and "ToUnicode" in font
                and "DescendantFonts" in font):
            continue
        descriptor = get(get(font["DescendantFonts"][0])["FontDescriptor"])
        program = descriptor.get("FontFile2") or descriptor.get("FontFile3")
        texts = _thai_texts(b"".join(get(program).stream)) if program else {}
        if not texts:
            continue
        to_unicode = get(font["ToUnicode"])
        to_unicode.stream = [_CMAP_ENTRY.sub(functools.partial(_entry, texts), line)
                             for line in to_unicode.stream]


def _entry(texts, entry):
    """A `<glyph> <text>` line of a ToUnicode map, with the glyph's own text if it has one."""
    text = texts.get(int(entry.group(1), 16))
    if text is None:
        return entry.group(0)
    return b"<" + entry.group(1) + b"> <" + text.encode("utf-16-be").hex().encode() + b">"


def html_to_pdf(html, stylesheets=()):
    """Bytes of a PDF laid out from `html` (a whole document) with the portal's fonts."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheets = [CSS(string=font_css() + f"\nbody {{ font-family: {FONT_STACK}; }}", font_config=fonts)]
    sheets += [CSS(string=sheet, font_config=fonts) for sheet in stylesheets]
    base = str(settings.BASE_DIR)
    # ~180 ms of CPU a notice, and the public may ask for one: laid out inside a "files" slot,
    # so a flood of PDF requests takes at most that share of the workers.
    with budget.slot("files"):
        return HTML(string=html, base_url=base).write_pdf(
            stylesheets=sheets, font_config=fonts, finisher=thai_text_layer)


def render_pdf(template_name, context, stylesheets=()):
    """A template rendered to a PDF (the notices, the newsletter, the memos)."""
    return html_to_pdf(render_to_string(template_name, context), stylesheets=stylesheets)
