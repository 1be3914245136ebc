"""The supervisor memo (บันทึกข้อความ): a page to print, or the same memo as a PDF made on request.

Either way the print is audited, the response is never cached, and the PDF is never stored (the
memo carries the complaint's text). The memo's "ที่" is taken from the register of outgoing
documents the first time it is printed; every later print shows the same number.
"""
from django.contrib import admin
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from kpp_portal.models import MunicipalityProfile, OutgoingDocument, StaffProfile
from kpp_portal.pdf import render_pdf

from .models import AuditEntry, Status
from .queue import _no_store, readable_report

TEMPLATE = "complaints/admin/print.html"


def _memo_number(report, addressee, user):
    # The register is kept by general affairs, who have no business with the complaint: the
    # subject there names neither the case nor its reference.
    return OutgoingDocument.issue(subject=_("บันทึกรายงานเรื่องร้องเรียน (ลับ)"), recipient=addressee,
                                  user=user, source=f"complaints.memo:{report.pk}")


def _memo_context(request, object_id, detail=""):
    report = readable_report(request, object_id)
    AuditEntry.record(request.user, AuditEntry.Action.PRINT, report, detail)
    timeline = report.status_changes.select_related("changed_by__staff_profile")
    # Signed by the officer who escalated the case (the memo is theirs to the supervisor), or
    # by whoever prints it before an escalation.
    escalation = timeline.filter(to_status=Status.ESCALATED, changed_by__isnull=False).last()
    signer = escalation.changed_by if escalation else request.user
    signer_name, signer_position = StaffProfile.signature_of(signer)
    addressee = _("ผู้บังคับบัญชา")
    if report.escalated_to_id:
        name, position = StaffProfile.signature_of(report.escalated_to)
        addressee = position or name or addressee
    number = _memo_number(report, addressee, request.user)
    return {**admin.site.each_context(request), "report": report, "title": report.reference,
            "timeline": timeline, "notes": report.messages.select_related("author__staff_profile"),
            "today": number.issued_on, "number": number, "addressee": addressee,
            "signer_name": signer_name, "signer_position": signer_position,
            # Given here too: the PDF is rendered without a request's context processors.
            "municipality": MunicipalityProfile.current()}


def print_report(request, object_id):
    return _no_store(render(request, TEMPLATE, _memo_context(request, object_id)))


def print_report_pdf(request, object_id):
    context = _memo_context(request, object_id, detail="pdf")
    with open(finders.find("complaints/memo.css"), encoding="utf-8") as sheet:
        data = render_pdf(TEMPLATE, {**context, "as_pdf": True}, stylesheets=[sheet.read()])
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, f"memo-{context['report'].reference}.pdf")
    return _no_store(response)
