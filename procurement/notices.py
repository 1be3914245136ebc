"""Paper for the boards: a procurement announcement and a year's plan as A4 notices with a QR code,
and the month's สขร.1 as a PDF (landscape, the official columns)."""
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kpp_portal import thai
from kpp_portal.models import MunicipalityProfile
from kpp_portal.notices import notice_pdf, pdf_response
from kpp_portal.pdf import render_pdf

from . import monthly
from .models import Announcement, AnnouncementKind, ProcurementPlan


def announcement_pdf(announcement):
    project = announcement.project
    details = [(_("โครงการ"), project.title), (_("เลขที่โครงการ e-GP"), project.egp_number),
               (_("วิธีจัดหา"), project.get_method_display()),
               (_("ราคากลาง"), _("%(price)s บาท") % {"price": thai.format_baht(project.reference_price)})]
    if project.bids_close_on and announcement.kind == AnnouncementKind.INVITATION:
        details.append((_("วันสุดท้ายของการยื่นข้อเสนอ"), thai.format_thai_date(project.bids_close_on, long=True)))
    if announcement.kind == AnnouncementKind.DRAFT_TOR:
        closes = thai.format_thai_date(announcement.hearing_closes_on, long=True)
        details.append((_("รับฟังความคิดเห็นถึง"), closes))
    return notice_pdf(
        heading=announcement.get_kind_display(),
        lines=[announcement.title, _("ประกาศ ณ วันที่ %(day)s") % {
            "day": thai.format_thai_date(announcement.announced_on, long=True)}],
        details=details, path=announcement.get_absolute_url())


def announcement_notice(request, pk):
    announcement = get_object_or_404(Announcement.objects.published().select_related("project"), pk=pk)
    return pdf_response(announcement_pdf(announcement), f"notice-announcement-{announcement.pk}.pdf")


def plan_pdf(plan):
    totals = plan.items.all()
    count = totals.count()
    budget = sum((item.budget for item in totals), 0)
    return notice_pdf(
        heading=_("แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. %(year)s") % {"year": plan.fiscal_year},
        lines=[_("เทศบาลเผยแพร่แผนการจัดซื้อจัดจ้างประจำปี เพื่อให้ประชาชนตรวจสอบได้ว่าจะจัดซื้อจัดจ้างอะไร "
                 "เมื่อใด และด้วยวงเงินเท่าใด"),
               _("%(count)s รายการ วงเงินรวม %(budget)s บาท") % {
                   "count": count, "budget": thai.format_baht(budget)}],
        details=[(_("เผยแพร่เมื่อ"), thai.format_thai_date(plan.published_on, long=True))],
        path=plan.get_absolute_url())


def plan_notice(request, fiscal_year):
    plan = get_object_or_404(ProcurementPlan.objects.published(), fiscal_year=fiscal_year)
    return pdf_response(plan_pdf(plan), f"notice-plan-{fiscal_year}.pdf")


def monthly_pdf(year_ce, month, table):
    return render_pdf("procurement/monthly_pdf.html", {
        "title": monthly.title(year_ce, month), "columns": monthly.COLUMNS, "table": table,
        "municipality": MunicipalityProfile.current()})
