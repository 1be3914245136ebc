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

from django.conf import settings
from django.db.models import Count, F
from django.db.models.functions import TruncDate, TruncMonth
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


class LocalDate(TruncDate):
    """TruncDate without its per-value Python converter: PostgreSQL and SQLite already answer
    with a date (the converter only mends databases that answer with a datetime), and at 20,000
    reports two converted columns cost more than the query."""

    def get_db_converters(self, connection):
        return self.output_field.get_db_converters(connection)


def published_until(today=None):
    """The last day the public figures count: the end of the previous month."""
    today = today or timezone.localdate()
    return today.replace(day=1) - datetime.timedelta(days=1)


def _median(counts):
    """statistics.median of a multiset given as {value: how many}."""
    total = sum(counts.values())
    if not total:
        return None
    wanted, found, seen = {(total - 1) // 2, total // 2}, {}, 0
    for value in sorted(counts):
        for position in wanted - set(found):
            if position < seen + counts[value]:
                found[position] = value
        seen += counts[value]
        if len(found) == len(wanted):
            break
    low, high = found[(total - 1) // 2], found[total // 2]
    return low if total % 2 else (low + high) / 2


def _months(start, end):
    """The first day of each month from start's to end's."""
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def _figures(fiscal_year, round_months, grouped, until, stated):
    """One round from the month-grouped counts (see _grouped). A round starts on the first of a
    month and ends on the last of one, and nothing received after `until` was counted, so a
    report's month says whether the round holds it."""
    start, end = fiscal_round_range(fiscal_year, round_months)
    as_of = min(end, until)
    by_kind, closed_in, acknowledge, referred = grouped
    channels, categories, outcomes, centres = Counter(), Counter(), Counter(), Counter()
    acknowledged_days, concluded_days = Counter(), Counter()
    total = concluded = 0
    for month in _months(start, as_of):
        for (channel, category), count in by_kind.get(month, {}).items():
            total += count
            channels[channel] += count
            categories[category] += count
        for (closed_month, outcome, days), count in closed_in.get(month, {}).items():
            outcomes[outcome] += count
            concluded_days[days] += count
            # Closed by `until` already; by the round's end too when that is a month's end.
            concluded += count if as_of == until or closed_month <= end else 0
        acknowledged_days.update(acknowledge.get(month, {}))
        for (referred_month, direction), count in referred.get(month, {}).items():
            # A referral counts once its own day is inside the published months too.
            centres[direction] += count if as_of == until or referred_month <= end else 0
    figures = RoundFigures(fiscal_year, round_months, complete=until >= end, total=total, concluded=concluded,
                           stated=stated.get((fiscal_year, round_months)))
    figures.by_channel = {value: channels[value] for value in Channel.values}
    figures.by_category = {value: categories[value] for value in Category.values}
    figures.by_outcome = {value: outcomes[value] for value in Outcome.values}
    figures.by_centre = {value: centres[value] for value in CentreDirection.values}
    figures.median_days_to_acknowledge = _median(acknowledged_days)
    figures.median_days_to_conclude = _median(concluded_days)
    return figures


def _days(value):
    return value.days if isinstance(value, datetime.timedelta) else value


def _grouped(until):
    """Counts by the month a report was received, in the database: ({month: {(channel,
    category): n}}, {month: {(month closed, outcome, days to conclude): n}}, {month: {days to
    acknowledge: n}}), reports and purged reports' figures alike, counting only what had
    happened by `until`, and the Centre's referrals by month. Four queries whatever the number of reports."""
    zone = timezone.get_current_timezone()

    local = {"acknowledged": LocalDate("acknowledged_at", tzinfo=zone),
             "closed": LocalDate("closed_at", tzinfo=zone)}
    derived = {"to_acknowledge": F("acknowledged") - F("received_on"),
               "to_close": F("closed") - F("received_on"), "closed_month": TruncMonth("closed")}

    def rows(*columns, date):
        querysets = [
            model.objects.filter(received_on__lte=until)
            .annotate(month=TruncMonth("received_on"), **({date: local[date]} if date else {}))
            .annotate(**{column: derived[column] for column in columns if column in derived})
            .filter(**({f"{date}__lte": until} if date else {}))
            .values("month", *columns).annotate(n=Count("pk")).order_by()
            for model in (CorruptionReport, PurgedReportFigures)
        ]
        found = {}
        for row in querysets[0].union(querysets[1], all=True):
            key = tuple(_days(row[column]) for column in columns)
            key = key if len(key) > 1 else key[0]
            into = found.setdefault(row["month"], {})
            into[key] = into.get(key, 0) + row["n"]
        return found

    # Referrals to and from the Damrongtham Centre; a purged report's referral went with it.
    referred = {}
    referrals = (CorruptionReport.objects
                 .filter(received_on__lte=until, centre_referral__referred_on__lte=until)
                 .annotate(month=TruncMonth("received_on"),
                           referred_month=TruncMonth("centre_referral__referred_on"))
                 .values("month", "referred_month", "centre_referral__direction").annotate(n=Count("pk"))
                 .order_by())
    for row in referrals:
        into = referred.setdefault(row["month"], {})
        key = (row["referred_month"], row["centre_referral__direction"])
        into[key] = into.get(key, 0) + row["n"]
    return (rows("channel", "category", date=None),
            rows("closed_month", "outcome", "to_close", date="closed"),
            rows("to_acknowledge", date="acknowledged"), referred)


def yearly_table(until=None):
    """[RoundFigures] from COMPLAINT_STATS_FIRST_YEAR (or the first stated year) to the fiscal
    year of `until` (published_until() by default), newest first; counted in the database by
    month (five queries whatever the number of reports, purged ones included)."""
    until = until or published_until()
    last_year = fiscal_year_of(until)
    grouped = _grouped(until)
    stated = {(figures.fiscal_year, figures.round): figures for figures in HistoricalFigures.objects.all()}
    # A whole year stated as empty says its first six months were empty too.
    for (year, round_months), figures in list(stated.items()):
        if round_months == ROUND_FULL_YEAR and figures.received == 0:
            stated.setdefault((year, ROUND_FIRST_HALF), figures)
    first_year = min([settings.COMPLAINT_STATS_FIRST_YEAR, *(fiscal_year_of(month) for month in grouped[0]),
                      *(year for year, _round in stated)])
    return [
        _figures(year, round_months, grouped, until, stated)
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
