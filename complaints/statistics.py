"""Public statistics per BE fiscal year and reporting round: counts and medians only.

For each round (the first six months and the whole fiscal year): the complaints received, those
concluded and those still in progress, as they stood at the round's end, or at the end of the
last closed month for a round still running. Never live: figures that moved within a second of
a filing would give the time, category and channel of each web report, which in a small town
points at a person. A month, not a day: a day's figures would still date each report.
Figures the legal-affairs unit stated for complaints outside the portal (HistoricalFigures) are
added. "ไม่มีเรื่องร้องเรียน" is printed only where such a statement says so; a round with
neither reports nor a statement reads as not reported, never as zero.
No free text, reference or date of a single report is ever published.
"""
import datetime
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from django.conf import settings
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.damrongtham import CentreDirection
from kpp_portal.thai import ROUND_FIRST_HALF, ROUND_FULL_YEAR, fiscal_round_range, fiscal_year_of

from .models import Category, Channel, CorruptionReport, HistoricalFigures, Outcome, PurgedReportFigures

ROUNDS = (ROUND_FIRST_HALF, ROUND_FULL_YEAR)
ROUND_LABELS = {ROUND_FIRST_HALF: _("รอบ 6 เดือนแรก"), ROUND_FULL_YEAR: _("รอบ 12 เดือน")}


@dataclass
class RoundFigures:
    fiscal_year: int
    round: str
    complete: bool
    total: int = 0  # received through the portal
    concluded: int = 0  # of those, closed (concluded or rejected) by the round's end
    stated: HistoricalFigures | None = None
    by_channel: dict = field(default_factory=dict)
    by_category: dict = field(default_factory=dict)
    by_outcome: dict = field(default_factory=dict)
    by_centre: dict = field(default_factory=dict)  # received from / forwarded to the Damrongtham Centre
    median_days_to_acknowledge: float | None = None
    median_days_to_conclude: float | None = None

    @property
    def round_label(self):
        return ROUND_LABELS[self.round]

    @property
    def received(self):
        return self.total + (self.stated.received if self.stated else 0)

    @property
    def concluded_total(self):
        return self.concluded + (self.stated.concluded if self.stated else 0)

    @property
    def in_progress(self):
        return self.received - self.concluded_total

    @property
    def stated_zero(self):
        """No complaint, and the legal-affairs unit has said so for this round."""
        return self.received == 0 and self.stated is not None

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

    @property
    def centre_items(self):
        return self._labelled(self.by_centre, CentreDirection)


def published_until(today=None):
    """The last day the public figures count: the end of the previous month."""
    today = today or timezone.localdate()
    return today.replace(day=1) - datetime.timedelta(days=1)


def _figures(fiscal_year, round_months, dated_reports, until, stated):
    """dated_reports: (received, acknowledged, closed) local dates with each report's row. Only
    what had happened by `until` counts: the reports received in the round by then, those closed
    by the round's end (or `until`), and outcomes and durations known by `until`."""
    start, end = fiscal_round_range(fiscal_year, round_months)
    as_of = min(end, until)
    dated_inside = [
        (received, acknowledged if acknowledged and acknowledged <= until else None,
         closed if closed and closed <= until else None, row)
        for received, acknowledged, closed, row in dated_reports if start <= received <= as_of
    ]
    inside = [dated[3] for dated in dated_inside]
    figures = RoundFigures(fiscal_year, round_months, complete=until >= end, total=len(inside),
                           concluded=sum(1 for dated in dated_inside if dated[2] and dated[2] <= as_of),
                           stated=stated.get((fiscal_year, round_months)))
    channels, categories = (Counter(r[column] for r in inside) for column in (1, 2))
    outcomes = Counter(row[3] for _, _, closed, row in dated_inside if closed)
    figures.by_channel = {value: channels[value] for value in Channel.values}
    figures.by_category = {value: categories[value] for value in Category.values}
    figures.by_outcome = {value: outcomes[value] for value in Outcome.values}
    # A referral counts once its own day is inside the published months too.
    centre = Counter(row[6] for _, _, _, row in dated_inside if row[6] and row[7] and row[7] <= as_of)
    figures.by_centre = {value: centre[value] for value in CentreDirection.values}
    acknowledge = [
        (acknowledged - received).days for received, acknowledged, _, _ in dated_inside if acknowledged
    ]
    conclude = [(closed - received).days for received, _, closed, _ in dated_inside if closed]
    figures.median_days_to_acknowledge = median(acknowledge) if acknowledge else None
    figures.median_days_to_conclude = median(conclude) if conclude else None
    return figures


def yearly_table(until=None):
    """[RoundFigures] from COMPLAINT_STATS_FIRST_YEAR (or the first stated year) to the fiscal
    year of `until` (published_until() by default), newest first; three queries whatever the
    number of reports (purged ones included)."""
    until = until or published_until()
    last_year = fiscal_year_of(until)
    # The database turns each moment into its local date: reading dates instead of timestamps
    # and converting them here halved the cost at 20,000 reports (bench.cpu). Then each round
    # looks only at its own year's reports.
    zone = timezone.get_current_timezone()
    local_dates = {f"{name}_date": TruncDate(name, tzinfo=zone) for name in ("acknowledged_at", "closed_at")}
    columns = ("received_on", "channel", "category", "outcome", "acknowledged_at_date", "closed_at_date")
    centre = ("centre_referral__direction", "centre_referral__referred_on")
    reports = [*CorruptionReport.objects.annotate(**local_dates).values_list(*columns, *centre),
               # A purged report's referral went with it.
               *(row + ("", None) for row in PurgedReportFigures.objects.annotate(**local_dates)
                 .values_list(*columns))]
    by_year = {}
    year_of = {}
    for report in reports:
        received = report[0]
        year = year_of.get(received)
        if year is None:
            year = year_of[received] = fiscal_year_of(received)
        by_year.setdefault(year, []).append((received, report[4], report[5], report))
    stated = {(figures.fiscal_year, figures.round): figures for figures in HistoricalFigures.objects.all()}
    # A whole year stated as empty says its first six months were empty too.
    for (year, round_months), figures in list(stated.items()):
        if round_months == ROUND_FULL_YEAR and figures.received == 0:
            stated.setdefault((year, ROUND_FIRST_HALF), figures)
    first_year = min([settings.COMPLAINT_STATS_FIRST_YEAR, *by_year, *(year for year, _round in stated)])
    return [
        _figures(year, round_months, by_year.get(year, []), until, stated)
        for year in range(last_year, first_year - 1, -1)
        for round_months in ROUNDS
        if fiscal_round_range(year, round_months)[0] <= until
    ]


CSV_HEADER = (
    ["fiscal_year_be", "round_months", "complete", "received", "concluded", "in_progress",
     "stated_by_municipality", "received_through_portal"]
    + [f"channel_{value}" for value in Channel.values]
    + [f"category_{value}" for value in Category.values]
    + [f"outcome_{value}" for value in Outcome.values]
    + [f"damrongtham_{value}" for value in CentreDirection.values]
    + ["median_days_to_acknowledge", "median_days_to_conclude", "counted_until"]
)


def csv_rows(table, until):
    for f in table:
        yield (
            [f.fiscal_year, f.round, int(f.complete), f.received, f.concluded_total, f.in_progress,
             int(f.stated is not None), f.total]
            + list(f.by_channel.values()) + list(f.by_category.values()) + list(f.by_outcome.values())
            + list(f.by_centre.values())
            + ["" if f.median_days_to_acknowledge is None else f.median_days_to_acknowledge,
               "" if f.median_days_to_conclude is None else f.median_days_to_conclude,
               until.isoformat()]
        )


def json_rows(table):
    return [
        {
            "fiscal_year_be": f.fiscal_year,
            "round_months": int(f.round),
            "complete": f.complete,
            "received": f.received,
            "concluded": f.concluded_total,
            "in_progress": f.in_progress,
            "stated_by_municipality": None if f.stated is None else {
                "received": f.stated.received, "concluded": f.stated.concluded,
                "in_progress": f.stated.in_progress,
                "source": f.stated.source, "stated_on": f.stated.stated_on.isoformat()},
            "received_through_portal": f.total,
            "by_channel": f.by_channel,
            "by_category": f.by_category,
            "by_outcome": f.by_outcome,
            "damrongtham_centre": f.by_centre,
            "median_days_to_acknowledge": f.median_days_to_acknowledge,
            "median_days_to_conclude": f.median_days_to_conclude,
        }
        for f in table
    ]
