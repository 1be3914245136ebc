"""The ITA sheet as a download (CSV for any tool, XLSX for the officer who types into the NACC's ITAS)."""
from django.conf import settings
from django.utils.translation import gettext as _

from kpp_portal.exports import export_response


def absolute(path):
    """An absolute URL on this portal, from the configured site address (not the request's host)."""
    return f"{settings.SITE_URL}{path}"


def checklist_response(fmt, year, rows):
    """One line per OIT item: code, title, the evidence URLs (one per line) and whether it is met."""
    header = [_("ข้อ"), _("ชื่อข้อ"), _("URL หลักฐานบนเว็บไซต์"), _("สถานะ")]
    lines = (
        [row.item.code, row.item.title, "\n".join(absolute(path) for path in row.evidence_paths()),
         _("เผยแพร่แล้ว") if row.is_met else _("ยังไม่เผยแพร่")]
        for row in rows
    )
    return export_response(fmt, f"ita-oit-{year}.{fmt}", header, lines, sheet_name=f"OIT {year}")
