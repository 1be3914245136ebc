"""Template filters over kpp_portal.thai: {% load thai %} in any template."""
import datetime

from django import template
from django.utils import timezone

from kpp_portal import thai

register = template.Library()


@register.filter
def staff_name(user):
    """A staff member as colleagues know them: full name (position), not the user name."""
    from kpp_portal.models import StaffProfile

    return StaffProfile.name_of(user)


@register.filter
def thai_date(value, arg=""):
    """{{ d|thai_date }} → 25 พ.ย. 2569; arg letters: l=long month, d=Thai digits, t=time."""
    return thai.format_thai_date(value, long="l" in arg, digits="d" in arg, with_time="t" in arg)


@register.filter
def thai_month(value):
    """{{ date|thai_month }} → ต.ค. 2569 (a month, e.g. when a plan item is to be announced)."""
    return thai.format_thai_month(value.year, value.month, long=False) if value else ""


@register.filter
def thai_digits(value):
    return thai.thai_digits(value)


@register.filter
def be_year(value):
    return thai.be_year(value)


@register.filter
def fiscal_year(value):
    """{{ d|fiscal_year }} → 2569 (the BE fiscal year of a date)."""
    if value in (None, ""):
        return ""
    return thai.fiscal_year_of(value)


@register.filter
def fiscal_year_range(value):
    """{{ 2569|fiscal_year_range }} → 1 ต.ค. 2568 – 30 ก.ย. 2569."""
    start, end = thai.fiscal_year_range(int(value))
    return f"{thai.format_thai_date(start)} – {thai.format_thai_date(end)}"


@register.filter
def baht(value):
    return thai.format_baht(value)


@register.filter
def html_datetime(value):
    """{{ d|html_datetime }} → the value of <time datetime="…">: 2026-11-29 for a date,
    2026-11-29T10:35:16+07:00 for a date-time (local time, whole seconds: HTML allows at most
    three digits of a fraction, and Django's "c" format gives six)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()
