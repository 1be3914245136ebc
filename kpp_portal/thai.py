"""Thai calendar helpers: Buddhist-Era dates and the government fiscal year (and the check of a
Thai 13-digit tax or citizen number).

The Thai fiscal year runs 1 October to 30 September and is named by the BE year in
which it ends: 1 Oct 2025 (CE) opens FY 2569. Every app formats dates through here.
"""
import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .words import split

BE_OFFSET = 543

MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
MONTHS_LONG = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
               "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")

MONTHS_SHORT_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG_EN = ("January", "February", "March", "April", "May", "June",
                  "July", "August", "September", "October", "November", "December")

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def thai_digits(value):
    """Render Arabic digits as Thai digits (๐–๙)."""
    return str(value).translate(_THAI_DIGITS)


def be_year(year_ce):
    return year_ce + BE_OFFSET


def ce_year(year_be):
    return year_be - BE_OFFSET


# Years a person may mean: BE 2400 is 1857 CE, earlier than anything the municipality records.
FIRST_BE_YEAR = 2400
LAST_BE_YEAR = 2700
FIRST_FIELD_BE_YEAR = 2500  # 1957 CE: the first year a year field (fiscal, assessment) takes
DATE_RE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,4})\s*$")


def format_be(value):
    """29/11/2569 for the input box."""
    return f"{value.day:02d}/{value.month:02d}/{be_year(value.year)}"


def _check_be_year(year, first):
    if year < first:
        # A Christian-era year typed by habit: suggest the BE year it probably is.
        example = be_year(year) if 1900 <= year <= 2200 else be_year(timezone.localdate().year)
        raise ValidationError(_("ปี %(year)s ไม่ใช่ปี พ.ศ. โปรดใช้ปี พ.ศ. เช่น %(example)s") % {
            "year": year, "example": example}, code="not_buddhist_era")
    if year > LAST_BE_YEAR:
        raise ValidationError(_("ปี พ.ศ. %(year)s ไม่น่าจะถูกต้อง โปรดตรวจสอบ") % {"year": year},
                              code="implausible_year")


def validate_be_year(value):
    """A year field (a fiscal or assessment year) takes a BE year from 2500: one typed in the
    Christian era (2027) is refused with the BE year it probably is (2570)."""
    _check_be_year(value, FIRST_FIELD_BE_YEAR)


def parse_be(text):
    """A date typed as on every Thai form, dd/mm/BBBB; ValidationError (Thai) for anything else,
    never a guess. A year below 2400 is a Christian-era year typed by habit (or the reverse, a BE
    year converted twice, above 2700): refused, not stored 543 years off."""
    match = DATE_RE.match(text or "")
    if not match:
        raise ValidationError(_("กรอกวันที่เป็น วว/ดด/ปปปป (ปีพุทธศักราช) เช่น 29/11/2569"), code="invalid")
    day, month, year = (int(part) for part in match.groups())
    _check_be_year(year, FIRST_BE_YEAR)
    try:
        return datetime.date(year - BE_OFFSET, month, day)
    except ValueError:
        raise ValidationError(_("ไม่มีวันที่ %(text)s ในปฏิทิน") % {"text": text.strip()}, code="invalid") from None


def _local_date(value):
    """A date for display: aware datetimes are shown in Bangkok time, not UTC."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _english():
    return (translation.get_language() or "th").startswith("en")


def _month_name(month, long):
    """Thai month names; English ones on the English site (the year stays Buddhist Era)."""
    if _english():
        return (MONTHS_LONG_EN if long else MONTHS_SHORT_EN)[month - 1]
    return (MONTHS_LONG if long else MONTHS_SHORT)[month - 1]


def format_thai_date(value, long=False, digits=False, with_time=False):
    """25 พ.ย. 2569 (short) or 25 พฤศจิกายน 2569 (long); optional time and Thai digits.

    On the English site: 25 Nov 2569 BE."""
    if value in (None, ""):
        return ""
    day = _local_date(value)
    text = f"{day.day} {_month_name(day.month, long)} {be_year(day.year)}"
    if _english():
        text += " BE"
    if with_time and isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        text += f", {local:%H:%M}" if _english() else f" {local:%H:%M} น."
    return thai_digits(text) if digits and not _english() else text


def format_thai_month(year_ce, month, long=True):
    """พฤศจิกายน 2569 — for monthly reports."""
    text = f"{_month_name(month, long)} {be_year(year_ce)}"
    return text + " BE" if _english() else text


def fiscal_year_of(value):
    """The BE fiscal year a date (or aware datetime, taken in Bangkok) belongs to."""
    day = _local_date(value)
    year_ce = day.year + 1 if day.month >= 10 else day.year
    return be_year(year_ce)


def fiscal_year_range(fiscal_year):
    """(first day, last day) of a BE fiscal year: FY 2569 is 1 Oct 2025 – 30 Sep 2026."""
    end_ce = ce_year(fiscal_year)
    return datetime.date(end_ce - 1, 10, 1), datetime.date(end_ce, 9, 30)


def fiscal_year_bounds(fiscal_year):
    """[start, end) of a BE fiscal year as aware datetimes in the portal's time zone (midnight
    1 Oct to midnight the next 1 Oct), for filtering date-time fields."""
    start, end = fiscal_year_range(fiscal_year)
    tz = timezone.get_current_timezone()
    return (datetime.datetime.combine(start, datetime.time.min, tz),
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tz))


def fiscal_months(fiscal_year):
    """The first day of each of the twelve months of a BE fiscal year, October first."""
    start, _ = fiscal_year_range(fiscal_year)
    return [datetime.date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
            for i in range(12)]


def fiscal_half_range(fiscal_year):
    """The first round of six months (1 Oct – 31 Mar) of a BE fiscal year."""
    start, _ = fiscal_year_range(fiscal_year)
    return start, datetime.date(start.year + 1, 3, 31)


ROUND_FIRST_HALF = "6"
ROUND_FULL_YEAR = "12"


def fiscal_round_range(fiscal_year, round_months):
    """Date range of a reporting round: "6" (first six months) or "12" (the full year)."""
    if str(round_months) == ROUND_FIRST_HALF:
        return fiscal_half_range(fiscal_year)
    if str(round_months) == ROUND_FULL_YEAR:
        return fiscal_year_range(fiscal_year)
    raise ValueError(f"unknown round: {round_months!r}")


def current_fiscal_year():
    return fiscal_year_of(timezone.now())


def format_baht(amount):
    """1,234,567.50 — money in baht with satang, as Thai forms print it."""
    if amount in (None, ""):
        return ""
    return f"{amount:,.2f}"


def shorten(text, limit):
    """At most about `limit` characters of `text`, cut between words and ended with "…".

    Thai has no spaces between words, so the cut uses the portal's word segmentation (words.py,
    PyThaiNLP) rather than spaces or a character count that splits a word in half."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    kept, length = [], 0
    for piece in split(text):
        if length + len(piece) > limit:
            break
        kept.append(piece)
        length += len(piece)
    short = "".join(kept).rstrip(" ,.;:-–")
    return f"{short or text[:limit]}…"


def validate_thai_tax_id(value):
    """Thirteen digits whose last is the check digit of the first twelve (weights 13…2, mod 11),
    as for Thai citizen and juristic-person numbers: a typo is caught before it reaches open data."""
    if not (len(value) == 13 and value.isdigit()):
        raise ValidationError(_("เลขประจำตัวผู้เสียภาษีต้องเป็นตัวเลข 13 หลัก"))
    total = sum(int(digit) * weight for digit, weight in zip(value[:12], range(13, 1, -1), strict=True))
    if (11 - total % 11) % 10 != int(value[12]):
        raise ValidationError(_("เลขประจำตัวผู้เสียภาษีไม่ถูกต้อง (หลักตรวจสอบไม่ตรง) กรุณาตรวจสอบการพิมพ์"))


def in_reader_language(thai, english):
    """A text kept in both languages, as the reader reads: the English one on the English site
    when it is filled in, else the Thai one."""
    return english if english and translation.get_language() == "en" else thai
