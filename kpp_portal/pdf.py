"""The one way the portal makes a PDF: HTML and CSS laid out by WeasyPrint.

WeasyPrint shapes text with Pango, which breaks Thai lines between words (libthai), so a Thai
paragraph wraps as a Thai reader expects; the Sarabun font ships with the portal's static files.
"""
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


def font_css():
    rules = []
    for weight, style in FONT_FACES:
        for subset, family in FAMILIES.items():
            found = finders.find(f"vendor/sarabun/files/sarabun-{subset}-{weight}-{style}.woff")
            if found:
                rules.append(
                    f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
                    f"font-style: {style}; src: url('{Path(found).as_uri()}'); }}"
                )
    return "\n".join(rules)


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
        return HTML(string=html, base_url=base).write_pdf(stylesheets=sheets, font_config=fonts)


def render_pdf(template_name, context, stylesheets=()):
    """A template rendered to a PDF (the notices, the newsletter, the memos)."""
    return html_to_pdf(render_to_string(template_name, context), stylesheets=stylesheets)
