"""Procurement pages that are evidence for the OIT items on procurement (O21–O24 in 2564)."""
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal import thai

from . import monthly
from .models import Announcement, Award, ProcurementPlan


def evidence(fiscal_year):
    """Five queries, whatever the year's size."""
    found = {}
    if ProcurementPlan.objects.published().filter(fiscal_year=fiscal_year).exists():
        found["procurement-plan"] = [(
            _("แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. %(year)s") % {"year": fiscal_year},
            reverse("procurement:plan", args=[fiscal_year]))]
    start, end = thai.fiscal_year_range(fiscal_year)
    if Announcement.objects.published().filter(announced_on__range=(start, end)).exists():
        found["procurement-announcements"] = [(
            _("ประกาศจัดซื้อจัดจ้าง"), reverse("procurement:announcements"))]
    months = list(Award.objects.published().in_fiscal_year(fiscal_year)
                  .annotate(month=TruncMonth("contract_date")).values_list("month", flat=True)
                  .distinct().order_by("month"))
    if months:
        found["procurement-monthly"] = [
            (monthly.page_title(month.year, month.month),
             reverse("procurement:monthly", args=[thai.be_year(month.year), month.month]))
            for month in months]
        found["procurement-progress"] = [(
            _("รายการจัดซื้อจัดจ้างและความก้าวหน้า ปีงบประมาณ พ.ศ. %(year)s") % {"year": fiscal_year},
            reverse("procurement:progress", args=[fiscal_year]))]
    # The yearly report covers a finished year: the one before the assessment, and this one too
    # once it has contracts (the report page needs the year's published plan).
    reported = [fiscal_year] if months and "procurement-plan" in found else []
    previous = fiscal_year - 1
    if ProcurementPlan.objects.published().filter(fiscal_year=previous).exists() \
            and Award.objects.published().in_fiscal_year(previous).exists():
        reported.append(previous)
    if reported:
        found["procurement-annual-report"] = [(
            _("รายงานสรุปผลการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. %(year)s") % {"year": year},
            reverse("procurement:annual_report", args=[year])) for year in reported]
    return found
