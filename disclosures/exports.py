"""The ITA sheet as a download (CSV for any tool, XLSX for the officer who types into the NACC's ITAS)."""
from django.conf import settings
from django.utils.translation import gettext as _

from kpp_portal.exports import export_response


def absolute(path):
    """An absolute URL on this portal, from the configured site address (not the request's host)."""
    return f"{settings.SITE_URL}{path}"


def _status(row):
    if row.proven:
        return _("เผยแพร่แล้ว")
    if row.confirmed_by_staff:
        return _("ยืนยันโดยเจ้าหน้าที่")
    return _("เผยแพร่บางส่วน") if row.is_partial else _("ยังไม่เผยแพร่")


def checklist_response(fmt, assessment_year, rows, draft=False):
    """One line per OIT item: code, title, the evidence URLs (one per line) and whether it is met
    (a merged item with only some of its parts proven: partly). A year not yet confirmed against
    the NACC manual says so in the file's name and sheet."""
    header = [_("ข้อ"), _("ชื่อข้อ"), _("URL หลักฐานบนเว็บไซต์"), _("สถานะ")]
    lines = (
        [row.item.code, row.item.title, "\n".join(absolute(path) for path in row.evidence_paths()),
         _status(row)]
        for row in rows
    )
    suffix = "-draft" if draft else ""
    return export_response(fmt, f"ita-oit-{assessment_year}{suffix}.{fmt}", header, lines,
                           sheet_name=f"OIT {assessment_year}{suffix}")


def gift_register_response(fmt, report):
    """One year's gift register as published (recipient's position, never a name); a year with
    no record carries the year's state as its only line, so an empty file is never ambiguous."""
    header = [_("วันที่ได้รับ"), _("ตำแหน่งผู้รับ"), _("ผู้ให้"), _("โอกาส"), _("ของขวัญหรือประโยชน์"),
              _("มูลค่าโดยประมาณ (บาท)"), _("การดำเนินการ"), _("รายละเอียดการดำเนินการ")]
    lines = [
        [record.received_on, record.recipient_position, record.giver, record.occasion, record.description,
         record.estimated_value, record.get_action_display(), record.action_note]
        for record in report.records
    ]
    if not lines:
        lines = [["", "", "", "", report.empty_state(), "", "", ""]]
    year = report.fiscal_year
    title = _("รายงานการรับของขวัญและประโยชน์อื่นใด ปีงบประมาณ พ.ศ. %(year)s") % {"year": year}
    return export_response(fmt, f"gift-register-{year}.{fmt}", header, lines, title=title,
                           sheet_name=f"No Gift {year}")
