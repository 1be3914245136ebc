"""The budget pages that are evidence for the OIT items on the budget and its spending reports
(O18–O20 in 2564; the six-month report in 2566 and 2567): the year's ordinance once published,
and each spending report once published."""
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import BudgetYear, Round

FIX_URLS = {
    "budget-plan": "admin:budget_budgetyear_changelist",
    "budget-half-report": "admin:budget_budgetyear_changelist",
    "budget-annual-report": "admin:budget_budgetyear_changelist",
}


def evidence(fiscal_year):
    """One query."""
    budget_year = BudgetYear.objects.published().filter(fiscal_year=fiscal_year).first()
    if budget_year is None:
        return {}
    url = budget_year.get_absolute_url()
    found = {"budget-plan": [(str(budget_year), url)]}
    rounds = budget_year.rounds_out(timezone.localdate())
    if Round.HALF in rounds:
        found["budget-half-report"] = [(
            _("รายงานผลการใช้จ่ายงบประมาณ รอบ 6 เดือน ปีงบประมาณ พ.ศ. %(year)s") % {"year": fiscal_year},
            url)]
    if Round.FULL in rounds:
        found["budget-annual-report"] = [(
            _("รายงานผลการใช้จ่ายงบประมาณประจำปีงบประมาณ พ.ศ. %(year)s") % {"year": fiscal_year},
            reverse("budget:year", args=[fiscal_year]))]
    return found


def gaps(fiscal_year):
    """Why a topic of the year has no evidence, when there is more to say than "none"."""
    budget_year = BudgetYear.objects.filter(fiscal_year=fiscal_year).first()
    if budget_year is None:
        return {}
    if not budget_year.is_public():
        why = _("ข้อมูลงบประมาณปี %(year)s ยังไม่ได้เผยแพร่ (ไม่มีวันที่เผยแพร่)") % {"year": fiscal_year}
        return dict.fromkeys(FIX_URLS, why)
    rounds = budget_year.rounds_out(timezone.localdate())
    found = {}
    if Round.HALF not in rounds:
        found["budget-half-report"] = _("ยังไม่ได้ใส่วันที่เผยแพร่รายงานผลการใช้จ่ายรอบ 6 เดือนของปี %(year)s") % {
            "year": fiscal_year}
    if Round.FULL not in rounds:
        found["budget-annual-report"] = _("ยังไม่ได้ใส่วันที่เผยแพร่รายงานผลการใช้จ่ายรอบ 12 เดือนของปี %(year)s") % {
            "year": fiscal_year}
    return found
