"""Working days (วันทำการ): Monday to Friday except the public holidays staff keep in the admin.

A time limit of N working days is counted as Thai offices count it: from the day after the
request arrives, skipping weekends and holidays. A request received on the Friday before
Songkran with a limit of three working days is due on the third working day after the
holidays, not on Wednesday.
"""
import datetime

from django.apps import apps

ONE_DAY = datetime.timedelta(days=1)
# The holidays table is looked up by name: services.models counts its deadlines with this module.
HOLIDAY_MODEL = "services.Holiday"


class WorkingCalendar:
    """The working days between two dates, with the holidays of that span loaded once."""

    def __init__(self, holidays, first, last):
        self.holidays = frozenset(holidays)
        self.first, self.last = first, last

    @classmethod
    def covering(cls, first, last):
        Holiday = apps.get_model(HOLIDAY_MODEL)
        holidays = Holiday.objects.filter(date__range=(first, last)).values_list("date", flat=True)
        return cls(holidays, first, last)

    @classmethod
    def for_adding(cls, start, days):
        """Wide enough to add `days` working days to `start`: weekends take 2 days in 7 and a
        Thai year has about 20 holidays, so 2×days + 30 calendar days always suffice."""
        return cls.covering(start, start + datetime.timedelta(days=2 * days + 30))

    def is_working_day(self, day):
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start, days):
        """The date of the `days`-th working day after `start` (`start` itself never counts)."""
        day = start
        remaining = days
        while remaining > 0:
            day += ONE_DAY
            if day > self.last:
                raise ValueError(f"calendar loaded up to {self.last}, not far enough to add {days} days")
            if self.is_working_day(day):
                remaining -= 1
        return day

    def count(self, start, end):
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        if end > self.last or start < self.first - ONE_DAY:
            raise ValueError(f"calendar loaded for {self.first}–{self.last}, not {start}–{end}")
        total = 0
        day = start + ONE_DAY
        while day <= end:
            total += self.is_working_day(day)
            day += ONE_DAY
        return total


def add_working_days(start, days):
    return WorkingCalendar.for_adding(start, days).add(start, days)


def working_days_between(start, end):
    if end <= start:
        return 0
    return WorkingCalendar.covering(start, end).count(start, end)


def years_without_holidays(years_ce):
    """The calendar years (CE) among `years_ce` for which no holiday has been entered: their
    deadlines count weekends only, which staff must be told."""
    Holiday = apps.get_model(HOLIDAY_MODEL)
    entered = Holiday.objects.filter(date__year__in=list(years_ce)).dates("date", "year")
    entered = {day.year for day in entered}
    return [year for year in years_ce if year not in entered]
