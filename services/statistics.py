"""Public service statistics per BE fiscal year and month (ITA item "ข้อมูลเชิงสถิติการให้บริการ").

Counts, medians, shares and averages only: no reference, subject, name or date of a single
request is ever published. A constant number of queries whatever the number of requests:
counts, ratings and the working days each request took (stored when it closed) are grouped in
the database, so Python sees a few hundred rows however many requests there are.
"""
import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from kpp_portal.thai import (
    current_fiscal_year,
    fiscal_months,
    fiscal_year_bounds,
    fiscal_year_range,
    format_thai_month,
)

from .models import RequestType, ServiceRequest


@dataclass
class Figures:
    """One row: a request type, a month or a whole year."""

    label: str
    slug: str = ""
    received: int = 0
    closed: int = 0
    in_progress: int | None = 0  # open at the end of the period; None for a month still ahead
    closed_days: Counter = field(default_factory=Counter, repr=False)  # working days taken: how many
    closed_within_limit: int = 0
    rating_sum: int = 0
    ratings: int = 0

    @property
    def median_working_days(self):
        return _median(self.closed_days)

    @property
    def within_limit_percent(self):
        return round(self.closed_within_limit * 100 / self.closed, 1) if self.closed else None

    @property
    def average_rating(self):
        return round(self.rating_sum / self.ratings, 2) if self.ratings else None

    def add_closed(self, days, on_time, count, rating_sum, ratings):
        """`count` requests closed after `days` working days, in time or not, with their ratings."""
        self.closed += count
        if days is not None:
            self.closed_days[days] += count
        self.closed_within_limit += count if on_time else 0
        self.rating_sum += rating_sum or 0
        self.ratings += ratings

    def as_dict(self):
        return {
            "received": self.received, "closed": self.closed, "in_progress": self.in_progress,
            "median_working_days_to_close": self.median_working_days,
            "closed_within_time_limit_percent": self.within_limit_percent,
            "average_rating": self.average_rating, "ratings": self.ratings,
        }


@dataclass
class Month:
    first_day: datetime.date
    total: Figures
    by_type: dict  # type id -> Figures

    @property
    def key(self):
        return f"{self.first_day:%Y-%m}"


@dataclass
class YearFigures:
    fiscal_year: int
    total: Figures
    by_type: list  # [Figures] in catalogue order, types without requests left out
    months: list  # [Month] October first
    complete: bool


def available_years():
    """From the first fiscal year with a request (or this one) to this one, newest first."""
    current = current_fiscal_year()
    first = ServiceRequest.objects.aggregate(first=Min("fiscal_year"))["first"] or current
    return list(range(current, min(first, current) - 1, -1))


def _median(counts):
    """The median of values given as {value: how many times}, as statistics.median would."""
    total = sum(counts.values())
    if not total:
        return None
    middle, seen, values = ((total - 1) // 2, total // 2), 0, []
    for value, count in sorted(counts.items()):
        values += [value for position in middle if seen <= position < seen + count]
        seen += count
    return values[0] if total % 2 else (values[0] + values[1]) / 2


def _month_of(month_start, month_index, zone):
    """The index (0 = October) of a month truncated by the database, in Bangkok time."""
    local = timezone.localtime(month_start, zone) if timezone.is_aware(month_start) else month_start
    return month_index[(local.year, local.month)]


def year_figures(fiscal_year):
    """Everything the statistics page, CSV and JSON show for one fiscal year: four queries."""
    start_at, end_at = fiscal_year_bounds(fiscal_year)
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    firsts = fiscal_months(fiscal_year)
    month_index = {(first.year, first.month): index for index, first in enumerate(firsts)}
    types = list(RequestType.objects.order_by("order", "title").values_list("pk", "slug", "title"))

    received = defaultdict(lambda: [0] * 12)
    rows = (ServiceRequest.objects.filter(fiscal_year=fiscal_year)
            .annotate(month=TruncMonth("received_at", tzinfo=zone))
            .values_list("request_type", "month").annotate(count=Count("pk")).order_by())
    for type_id, month_start, count in rows:
        received[type_id][_month_of(month_start, month_index, zone)] += count

    # Still open when the year began (received earlier, not closed by then).
    carried = dict(
        ServiceRequest.objects.filter(fiscal_year__lt=fiscal_year)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start_at))
        .values_list("request_type").annotate(count=Count("pk")).order_by()
    )

    months = [Month(first, Figures(format_thai_month(first.year, first.month, long=False)), {})
              for first in firsts]
    by_type = {type_id: Figures(title, slug) for type_id, slug, title in types}
    total = Figures(_("ทุกบริการ"))
    closed_per_month = defaultdict(lambda: [0] * 12)
    # Closed in the year, grouped by what the figures need: a few hundred rows, not one per request.
    closed_rows = (
        ServiceRequest.objects.filter(closed_at__gte=start_at, closed_at__lt=end_at)
        .annotate(month=TruncMonth("closed_at", tzinfo=zone))
        .values_list("request_type", "month", "working_days_taken", "closed_on_time")
        .annotate(count=Count("pk"), rating_sum=Sum("rating"), ratings=Count("rating")).order_by()
    )
    for type_id, month_start, days, on_time, count, rating_sum, ratings in closed_rows:
        index = _month_of(month_start, month_index, zone)
        closed_per_month[type_id][index] += count
        month = months[index]
        row = month.by_type.setdefault(type_id, Figures(by_type[type_id].label, by_type[type_id].slug))
        for figures in (row, month.total, by_type[type_id], total):
            figures.add_closed(days, on_time, count, rating_sum, ratings)

    # The last month that has ended or is running: later months have no backlog yet.
    last_index = (11 if today > fiscal_year_range(fiscal_year)[1]
                  else month_index.get((today.year, today.month), -1))
    month_backlog = [0] * 12
    for type_id, figures in by_type.items():
        backlog = carried.get(type_id, 0)
        for index, month in enumerate(months):
            count, closed = received[type_id][index], closed_per_month[type_id][index]
            backlog += count - closed
            figures.received += count
            month.total.received += count
            if count or closed or (backlog and index <= last_index):
                row = month.by_type.setdefault(type_id, Figures(figures.label, figures.slug))
                row.received = count
                row.in_progress = backlog if index <= last_index else None
            if index <= last_index:
                month_backlog[index] += backlog
        figures.in_progress = (carried.get(type_id, 0) + sum(received[type_id][:last_index + 1])
                               - sum(closed_per_month[type_id][:last_index + 1]))
        total.received += figures.received
        total.in_progress += figures.in_progress
    for index, month in enumerate(months):
        month.total.in_progress = month_backlog[index] if index <= last_index else None
    return YearFigures(
        fiscal_year=fiscal_year, total=total, months=months, complete=today >= end_at.date(),
        by_type=[figures for figures in by_type.values()
                 if figures.received or figures.closed or figures.in_progress],
    )


CSV_HEADER = ["fiscal_year_be", "period", "request_type", "request_type_title", "received", "closed",
              "in_progress", "median_working_days_to_close", "closed_within_time_limit_percent",
              "average_rating", "ratings"]


def _csv_row(fiscal_year, period, figures):
    values = figures.as_dict()
    return [fiscal_year, period, figures.slug or "all", figures.label,
            *("" if values[key] is None else values[key] for key in CSV_HEADER[4:])]


def csv_rows(figures):
    """Tidy rows: the year, then each month; in each, all services then each type."""
    fiscal_year = figures.fiscal_year
    yield _csv_row(fiscal_year, "year", figures.total)
    for row in figures.by_type:
        yield _csv_row(fiscal_year, "year", row)
    for month in figures.months:
        yield _csv_row(fiscal_year, month.key, month.total)
        for row in month.by_type.values():
            yield _csv_row(fiscal_year, month.key, row)


def json_document(figures):
    def typed(rows):
        return [{"request_type": row.slug, "title": row.label, **row.as_dict()} for row in rows]

    return {
        "fiscal_year_be": figures.fiscal_year,
        "complete": figures.complete,
        "year": {**figures.total.as_dict(), "by_type": typed(figures.by_type)},
        "months": [{"month": month.key, **month.total.as_dict(), "by_type": typed(month.by_type.values())}
                   for month in figures.months],
    }


def charts(figures):
    """The page's two charts; each draws received and closed and its table carries the other
    figures of the same rows, so one table per chart holds every number."""
    from kpp_portal.charts import Bar, BarChart, format_number

    def notes(row):
        return tuple("—" if value is None else format_number(value) for value in (
            row.in_progress, row.median_working_days, row.within_limit_percent, row.average_rating))

    def bar(row):
        return Bar(row.label, (row.received, row.closed), notes=notes(row))

    series = (_("รับเรื่อง"), _("ปิดเรื่อง"))
    note_headings = (_("อยู่ระหว่างดำเนินการ"), _("มัธยฐานวันทำการถึงปิดเรื่อง"), _("ปิดภายในกำหนด (%)"),
                     _("ความพึงพอใจเฉลี่ย (เต็ม 5)"))
    return {
        "types": BarChart(_("คำร้องจำแนกตามบริการ"), [bar(row) for row in figures.by_type],
                          label_heading=_("บริการ"), series=series, note_headings=note_headings,
                          total=bar(figures.total)),
        "months": BarChart(_("คำร้องรายเดือน (อยู่ระหว่างดำเนินการ = ค้าง ณ สิ้นเดือน)"),
                           [bar(month.total) for month in figures.months],
                           label_heading=_("เดือน"), series=series, note_headings=note_headings),
    }
