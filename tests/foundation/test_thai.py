import datetime
import zoneinfo

import pytest

from kpp_portal import thai

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
UTC = datetime.UTC


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (datetime.date(2025, 9, 30), 2568),
        (datetime.date(2025, 10, 1), 2569),
        (datetime.date(2026, 9, 30), 2569),
        (datetime.date(2026, 10, 1), 2570),
        (datetime.date(2024, 2, 29), 2567),
        (datetime.date(2019, 10, 1), 2563),
    ],
)
def test_fiscal_year_changes_on_the_first_of_october(day, fiscal_year):
    assert thai.fiscal_year_of(day) == fiscal_year


def test_fiscal_year_of_a_datetime_is_taken_in_bangkok_not_utc():
    # 30 Sep 2025 18:30 UTC is already 1 Oct 2025 01:30 in Bangkok: FY 2569.
    moment = datetime.datetime(2025, 9, 30, 18, 30, tzinfo=UTC)
    assert thai.fiscal_year_of(moment) == 2569
    # 30 Sep 2025 16:59 UTC is 23:59 in Bangkok: still FY 2568.
    assert thai.fiscal_year_of(datetime.datetime(2025, 9, 30, 16, 59, tzinfo=UTC)) == 2568


def test_fiscal_year_range_and_rounds():
    assert thai.fiscal_year_range(2569) == (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30))
    assert thai.fiscal_half_range(2563) == (datetime.date(2019, 10, 1), datetime.date(2020, 3, 31))
    assert thai.fiscal_round_range(2562, "12") == (datetime.date(2018, 10, 1), datetime.date(2019, 9, 30))
    assert thai.fiscal_round_range(2563, 6) == thai.fiscal_half_range(2563)
    with pytest.raises(ValueError):
        thai.fiscal_round_range(2563, "9")


def test_buddhist_era_dates_short_long_and_thai_digits():
    day = datetime.date(2026, 11, 25)
    assert thai.format_thai_date(day) == "25 พ.ย. 2569"
    assert thai.format_thai_date(day, long=True) == "25 พฤศจิกายน 2569"
    assert thai.format_thai_date(day, long=True, digits=True) == "๒๕ พฤศจิกายน ๒๕๖๙"
    assert thai.format_thai_date(datetime.date(2024, 2, 29)) == "29 ก.พ. 2567"
    assert thai.format_thai_date(None) == ""


def test_midnight_in_bangkok_is_the_next_day_there():
    moment = datetime.datetime(2026, 11, 24, 17, 0, tzinfo=UTC)  # 00:00 on the 25th in Bangkok
    assert thai.format_thai_date(moment, with_time=True) == "25 พ.ย. 2569 00:00 น."
    assert moment.astimezone(BANGKOK).day == 25


def test_month_and_money_formats():
    assert thai.format_thai_month(2026, 11) == "พฤศจิกายน 2569"
    from decimal import Decimal

    assert thai.format_baht(Decimal("1234567.5")) == "1,234,567.50"


def test_template_filters_use_the_same_helpers():
    from django.template import Context, Template

    html = Template(
        "{{ d|thai_date }}|{{ d|thai_date:'ld' }}|{{ d|fiscal_year }}|{{ 2569|fiscal_year_range }}"
    ).render(Context({"d": datetime.date(2025, 10, 1)}))
    assert html == "1 ต.ค. 2568|๑ ตุลาคม ๒๕๖๘|2569|1 ต.ค. 2568 – 30 ก.ย. 2569"


def test_english_site_names_months_in_english_and_keeps_the_buddhist_era():
    from django.utils import translation

    with translation.override("en"):
        assert thai.format_thai_date(datetime.date(2026, 11, 25)) == "25 Nov 2569 BE"
        assert (
            thai.format_thai_date(datetime.date(2026, 11, 25), long=True, digits=True)
            == "25 November 2569 BE"
        )
        assert thai.format_thai_month(2026, 11) == "November 2569 BE"
    with translation.override("th"):
        assert thai.format_thai_date(datetime.date(2026, 11, 25)) == "25 พ.ย. 2569"


def test_fiscal_months_run_october_to_september():
    months = thai.fiscal_months(2569)
    assert months[0] == datetime.date(2025, 10, 1)
    assert months[2] == datetime.date(2025, 12, 1)
    assert months[3] == datetime.date(2026, 1, 1)
    assert months[-1] == datetime.date(2026, 9, 1)
    assert len(months) == 12


def test_fiscal_year_bounds_are_bangkok_midnights_around_the_year():
    start, end = thai.fiscal_year_bounds(2569)
    assert (start.isoformat(), end.isoformat()) == ("2025-10-01T00:00:00+07:00", "2026-10-01T00:00:00+07:00")


def test_thai_month_filter_names_a_month_with_its_be_year():
    from kpp_portal.templatetags.thai import thai_month

    assert thai_month(datetime.date(2026, 10, 15)) == "ต.ค. 2569"
    assert thai_month(None) == ""


def test_html_datetime_is_a_value_html_accepts():
    from kpp_portal.templatetags.thai import html_datetime

    moment = datetime.datetime(2026, 11, 29, 3, 35, 16, 982890, tzinfo=UTC)
    assert html_datetime(moment) == "2026-11-29T10:35:16+07:00"  # Bangkok time, no microseconds
    assert html_datetime(datetime.date(2024, 3, 1)) == "2024-03-01"
    assert html_datetime(None) == ""
