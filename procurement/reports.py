"""Figures of a fiscal year for the annual report (O24), its charts and the red flags.

Every figure is computed once here and handed to both the SVG chart and the table beside it,
so the two can never disagree. A constant number of queries, whatever the year's size.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from kpp_portal import thai

from .models import Award, PlanItem, ProcurementMethod, ProcurementThreshold

ZERO = Decimal("0")
# "Just under a threshold": within this share below the ceiling of the specific method.
NEAR_THRESHOLD_SHARE = Decimal("0.10")


@dataclass
class Bar:
    label: str
    values: tuple  # one value per series
    widths: tuple = ()  # percent of the chart's largest value, for the SVG


@dataclass
class Chart:
    """Bars with one or more series (e.g. planned and awarded), scaled to the largest value."""

    title: str
    series: tuple
    bars: list = field(default_factory=list)

    def __post_init__(self):
        largest = max((value for bar in self.bars for value in bar.values), default=ZERO) or Decimal(1)
        for bar in self.bars:
            bar.widths = tuple(float(value / largest * 100) for value in bar.values)

    # SVG user units: the chart scales to its container through its viewBox.
    width = 640
    bar_area = 440

    @property
    def row_height(self):
        return 24 + 18 * len(self.series)

    @property
    def height(self):
        return self.row_height * len(self.bars) + 4

    def rows(self):
        """Bars with the y position of their label and of each series' rectangle."""
        for index, bar in enumerate(self.bars):
            top = index * self.row_height
            rects = []
            for number, (percent, value) in enumerate(zip(bar.widths, bar.values)):
                length = max(percent * self.bar_area / 100, 1)
                rects.append({"y": top + 20 + 18 * number, "width": round(length, 1), "value": value,
                              "text_x": round(length + 6, 1), "text_y": top + 32 + 18 * number, "series": number})
            yield {"bar": bar, "label_y": top + 15, "rects": rects}


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
    planned_label, awarded_label = _("วงเงินตามแผน"), _("มูลค่าตามสัญญา")
    return {
        "fiscal_year": fiscal_year,
        "methods": methods,
        "divisions": planned_by_division,
        "months": months,
        "awards": awards,
        "total_planned": total_planned,
        "total_awarded": total_awarded,
        "total_reference": sum(reference_by_method.values(), ZERO),
        "charts": {
            "method": Chart(_("วงเงินตามแผนจำแนกตามวิธีจัดหา (บาท)"), (planned_label,),
                            [Bar(row["label"], (row["planned"],)) for row in methods]),
            "division": Chart(_("วงเงินตามแผนจำแนกตามหน่วยงาน (บาท)"), (planned_label,),
                              [Bar(name, (total,)) for name, total, _count in planned_by_division]),
            "planned_awarded": Chart(_("วงเงินตามแผนเทียบกับมูลค่าตามสัญญา จำแนกตามวิธีจัดหา (บาท)"),
                                     (planned_label, awarded_label),
                                     [Bar(row["label"], (row["planned"], row["awarded"])) for row in methods]),
            "month": Chart(_("รายเดือน: วงเงินตามแผน (ตามเดือนที่คาดว่าจะประกาศ) และมูลค่าตามสัญญา (บาท)"),
                           (planned_label, awarded_label),
                           [Bar(row["label"], (row["planned"], row["awarded"])) for row in months]),
        },
        "red_flags": red_flags(fiscal_year, awards, total_awarded, awarded_by_method),
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
        near = [award for award in awards
                if award.project.method == ProcurementMethod.SPECIFIC and floor <= award.contract_amount <= rule.up_to]
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
