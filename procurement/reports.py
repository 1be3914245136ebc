"""Figures of a fiscal year for the annual report (O24), its charts and the red flags.

Every figure is computed once here and handed to the chart, whose one template draws it and
prints the same numbers as its table, so the two can never disagree. A constant number of
queries, whatever the year's size.
"""
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal import thai
from kpp_portal.charts import Bar, BarChart

from .models import (
    Award,
    CommitteeMember,
    PlanItem,
    ProcurementMethod,
    ProcurementThreshold,
    ProcurementTraining,
    same_person,
)

ZERO = Decimal("0")
# "Just under a threshold": within this share below the ceiling of the specific method.
NEAR_THRESHOLD_SHARE = Decimal("0.10")


def annual_figures(fiscal_year):
    """All figures of a fiscal year: plan totals, awards, charts and red flags."""
    items = PlanItem.objects.filter(plan__fiscal_year=fiscal_year)
    planned_by_method = {row["method"]: row["total"] for row in
                         items.values("method").annotate(total=Sum("budget")).order_by()}
    planned_by_division = sorted(
        ((row["division"], row["total"], row["count"]) for row in
         items.values("division").annotate(total=Sum("budget"), count=Count("pk")).order_by()),
        key=lambda row: -row[1])
    planned_by_month = defaultdict(lambda: ZERO)
    for row in items.values("planned_month").annotate(total=Sum("budget")).order_by():
        planned_by_month[row["planned_month"].month] += row["total"]

    awards = list(
        Award.objects.published().in_fiscal_year(fiscal_year)
        .select_related("project__plan_item", "winning_bid")
        .annotate(bid_count=Count("project__bids"))
        .order_by("contract_date", "pk")
    )
    awarded_by_method = defaultdict(lambda: ZERO)
    award_count_by_method = defaultdict(int)
    reference_by_method = defaultdict(lambda: ZERO)
    awarded_by_month = defaultdict(lambda: ZERO)
    for award in awards:
        method = award.project.method
        awarded_by_method[method] += award.contract_amount
        award_count_by_method[method] += 1
        reference_by_method[method] += award.project.reference_price
        awarded_by_month[award.contract_date.month] += award.contract_amount

    methods = [
        {"method": method, "label": label, "planned": planned_by_method.get(method, ZERO),
         "awarded": awarded_by_method[method], "count": award_count_by_method[method],
         "reference": reference_by_method[method],
         "saving": reference_by_method[method] - awarded_by_method[method]}
        for method, label in ProcurementMethod.choices
    ]
    months = [
        {"label": thai.format_thai_month(first.year, first.month, long=False),
         "year": first.year, "month": first.month,
         "planned": planned_by_month[first.month], "awarded": awarded_by_month[first.month]}
        for first in thai.fiscal_months(fiscal_year)
    ]
    total_planned = sum(planned_by_method.values(), ZERO)
    total_awarded = sum(awarded_by_method.values(), ZERO)
    total_reference = sum(reference_by_method.values(), ZERO)
    return {
        "fiscal_year": fiscal_year,
        "methods": methods,
        "divisions": planned_by_division,
        "months": months,
        "awards": awards,
        "total_planned": total_planned,
        "total_awarded": total_awarded,
        "total_reference": total_reference,
        "charts": _charts(methods, planned_by_division, months, len(awards),
                          (total_planned, total_awarded, total_reference)),
        "red_flags": {**red_flags(fiscal_year, awards, total_awarded, awarded_by_method),
                      **committee_flags(fiscal_year)},
    }


def _charts(methods, divisions, months, award_count, totals):
    """The report's charts; each prints its numbers as the table under it."""
    baht = thai.format_baht
    total_planned, total_awarded, total_reference = totals
    planned_awarded = (_("วงเงินตามแผน"), _("มูลค่าตามสัญญา"))
    return {
        "planned_awarded": BarChart(
            _("วงเงินตามแผนเทียบกับมูลค่าตามสัญญา จำแนกตามวิธีจัดหา (บาท)"),
            label_heading=_("วิธีจัดหา"), series=planned_awarded, format_value=baht,
            bars=[Bar(row["label"], (row["planned"], row["awarded"]),
                      notes=(row["count"], baht(row["reference"]), baht(row["saving"]))) for row in methods],
            note_headings=(_("จำนวนสัญญา"), _("ราคากลางรวม"), _("ต่ำกว่าราคากลาง")),
            total=Bar(_("รวม"), (total_planned, total_awarded),
                      notes=(award_count, baht(total_reference), "")),
        ),
        "division": BarChart(
            _("วงเงินตามแผนจำแนกตามหน่วยงาน (บาท)"),
            label_heading=_("หน่วยงาน"), series=planned_awarded[:1], format_value=baht,
            bars=[Bar(name, (total,), notes=(count,)) for name, total, count in divisions],
            note_headings=(_("จำนวนรายการ"),),
        ),
        "month": BarChart(
            _("รายเดือน: วงเงินตามแผน (ตามเดือนที่คาดว่าจะประกาศ) และมูลค่าตามสัญญา (บาท)"),
            label_heading=_("เดือน"), series=planned_awarded, format_value=baht,
            # A month with contracts links to its สขร.1.
            bars=[Bar(row["label"], (row["planned"], row["awarded"]),
                      url=reverse("procurement:monthly", args=[thai.be_year(row["year"]), row["month"]])
                      if row["awarded"] else "") for row in months],
        ),
    }


def red_flags(fiscal_year, awards, total_awarded, awarded_by_method):
    """What an auditor looks for first. Each is a fact to check, not proof of wrongdoing."""
    specific = awarded_by_method[ProcurementMethod.SPECIFIC]
    specific_share = (specific / total_awarded * 100) if total_awarded else ZERO
    single_bidder = [award for award in awards if award.bid_count == 1]
    at_or_above = [award for award in awards if award.contract_amount >= award.project.reference_price]

    rule = ProcurementThreshold.objects.in_force(fiscal_year).get(ProcurementMethod.SPECIFIC)
    near, split_groups = [], []
    if rule is not None and rule.up_to is not None:
        floor = rule.up_to * (1 - NEAR_THRESHOLD_SHARE)
        near = [
            award
            for award in awards
            if award.project.method == ProcurementMethod.SPECIFIC
            and floor <= award.contract_amount <= rule.up_to
        ]
        # Several near-ceiling contracts to one supplier from one division suggest one purchase split up.
        groups = defaultdict(list)
        for award in near:
            groups[(award.winning_bid.bidder_name, award.project.plan_item.division)].append(award)
        split_groups = [
            {"supplier": supplier, "division": division, "awards": group,
             "total": sum((award.contract_amount for award in group), ZERO)}
            for (supplier, division), group in groups.items() if len(group) > 1
        ]
    return {
        "specific_amount": specific,
        "specific_share": specific_share.quantize(Decimal("0.1")),
        "single_bidder": single_bidder,
        "at_or_above_reference": at_or_above,
        "near_threshold": near,
        "split_groups": split_groups,
        "threshold": rule,
        "near_share_percent": int(NEAR_THRESHOLD_SHARE * 100),
    }


def committee_flags(fiscal_year):
    """Members of the year's committees who signed no declaration of no conflict of interest, and
    committees none of whose members appears in the training register. Two queries."""
    members = list(CommitteeMember.objects.filter(project__plan_item__plan__fiscal_year=fiscal_year)
                   .select_related("project").order_by("project_id", "role", "pk"))
    trained = ProcurementTraining.trained_names()
    committees = defaultdict(list)
    for member in members:
        committees[(member.project, member.role)].append(member)
    untrained = [
        {"project": project, "role": group[0].get_role_display(), "members": group}
        for (project, _role), group in committees.items()
        if not any(same_person(member.name) in trained for member in group)
    ]
    return {
        "undeclared_members": [member for member in members if not member.has_declared],
        "untrained_committees": untrained,
    }
