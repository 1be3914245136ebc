from .models import MunicipalityProfile


def load(stdout):
    from .thai import current_fiscal_year

    profile = MunicipalityProfile.current()
    if not profile.complaint_manual_adopted_on:
        # The demo municipality adopted the complaint manual at the start of last fiscal year.
        profile.complaint_manual_adopted_on = day_in(current_fiscal_year() - 1, 0)
        profile.save()
    stdout.write(f"ข้อมูลหน่วยงาน: {profile.name_th}")


def day_in(fiscal_year, days):
    """A demo date `days` into a fiscal year, never after today: on the first day of a year the
    current year's samples are all dated today, so a demo loaded on any date is complete and
    nothing in it lies in the future."""
    import datetime

    from django.utils import timezone

    from .thai import fiscal_year_range

    start, end = fiscal_year_range(fiscal_year)
    return min(start + datetime.timedelta(days=days), end, timezone.localdate())
