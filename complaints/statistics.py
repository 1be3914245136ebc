"""Public statistics per BE fiscal year and reporting round: counts and medians only.

No free text, reference or date of a single report is ever published. A year without
reports is shown explicitly as "ไม่มีเรื่องร้องเรียน", as the municipality's measure 3 does.
"""
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from django.conf import settings
from django.utils import timezone

from kpp_portal.thai import (
    ROUND_FIRST_HALF,
    ROUND_FULL_YEAR,
    current_fiscal_year,
    fiscal_round_range,
    fiscal_year_of,
)

from .models import Category, Channel, CorruptionReport, Outcome, PurgedReportFigures

ROUNDS = (ROUND_FIRST_HALF, ROUND_FULL_YEAR)
ROUND_LABELS = {ROUND_FIRST_HALF: "รอบ 6 เดือนแรก", ROUND_FULL_YEAR: "รอบ 12 เดือน"}


@dataclass
class RoundFigures:
    fiscal_year: int
    round: str
    complete: bool
    total: int = 0
    by_channel: dict = field(default_factory=dict)
    by_category: dict = field(default_factory=dict)
    by_outcome: dict = field(default_factory=dict)
    median_days_to_acknowledge: float | None = None
    median_days_to_conclude: float | None = None

    @property
    def round_label(self):
        return ROUND_LABELS[self.round]

    @staticmethod
    def _labelled(counts, choices):
        return [(choices(value).label, count) for value, count in counts.items() if count]

    @property
    def channel_items(self):
        return self._labelled(self.by_channel, Channel)

    @property
    def category_items(self):
        return self._labelled(self.by_category, Category)

    @property
    def outcome_items(self):
        return self._labelled(self.by_outcome, Outcome)


def _figures(fiscal_year, round_months, dated_reports, today):
    """dated_reports: (received, acknowledged, closed) local dates with each report's row."""
    start, end = fiscal_round_range(fiscal_year, round_months)
    dated_inside = [dated for dated in dated_reports if start <= dated[0] <= end]
    inside = [dated[3] for dated in dated_inside]
    figures = RoundFigures(fiscal_year, round_months, complete=today > end, total=len(inside))
    channels, categories, outcomes = (Counter(r[column] for r in inside) for column in (1, 2, 3))
    figures.by_channel = {value: channels[value] for value in Channel.values}
    figures.by_category = {value: categories[value] for value in Category.values}
    figures.by_outcome = {value: outcomes[value] for value in Outcome.values}
    acknowledge = [
        (acknowledged - received).days for received, acknowledged, _, _ in dated_inside if acknowledged
    ]
    conclude = [(closed - received).days for received, _, closed, _ in dated_inside if closed]
    figures.median_days_to_acknowledge = median(acknowledge) if acknowledge else None
    figures.median_days_to_conclude = median(conclude) if conclude else None
    return figures


def yearly_table():
    """[RoundFigures] from COMPLAINT_STATS_FIRST_YEAR to the current fiscal year, newest first;
    two queries whatever the number of reports (purged ones included)."""
    fields = PurgedReportFigures.STATISTICS_FIELDS
    reports = list(CorruptionReport.objects.values_list(*fields)) + list(
        PurgedReportFigures.objects.values_list(*fields))
    today = timezone.localdate()
    last_year = current_fiscal_year()
    # Each report's local date and fiscal year once, then each round looks only at its own
    # year's reports: converting every report for every round cost 2 s at 20,000 reports
    # (bench.dataset + pyinstrument), now 0.25 s, most of it reading the rows.
    zone = timezone.get_current_timezone()

    def local_date(moment):
        return moment.astimezone(zone).date() if moment else None

    by_year = {}
    for report in reports:
        dated = (local_date(report[0]), local_date(report[4]), local_date(report[5]), report)
        by_year.setdefault(fiscal_year_of(dated[0]), []).append(dated)
    first_year = min([settings.COMPLAINT_STATS_FIRST_YEAR, *by_year])
    return [
        _figures(year, round_months, by_year.get(year, []), today)
        for year in range(last_year, first_year - 1, -1)
        for round_months in ROUNDS
        if fiscal_round_range(year, round_months)[0] <= today
    ]


CSV_HEADER = (
    ["fiscal_year_be", "round_months", "complete", "total"]
    + [f"channel_{value}" for value in Channel.values]
    + [f"category_{value}" for value in Category.values]
    + [f"outcome_{value}" for value in Outcome.values]
    + ["median_days_to_acknowledge", "median_days_to_conclude"]
)


def csv_rows(table):
    for f in table:
        yield (
            [f.fiscal_year, f.round, int(f.complete), f.total]
            + list(f.by_channel.values()) + list(f.by_category.values()) + list(f.by_outcome.values())
            + ["" if f.median_days_to_acknowledge is None else f.median_days_to_acknowledge,
               "" if f.median_days_to_conclude is None else f.median_days_to_conclude]
        )


def json_rows(table):
    return [
        {
            "fiscal_year_be": f.fiscal_year,
            "round_months": int(f.round),
            "complete": f.complete,
            "total": f.total,
            "by_channel": f.by_channel,
            "by_category": f.by_category,
            "by_outcome": f.by_outcome,
            "median_days_to_acknowledge": f.median_days_to_acknowledge,
            "median_days_to_conclude": f.median_days_to_conclude,
        }
        for f in table
    ]
