"""Red flags and chart figures on crafted data."""
from decimal import Decimal

from procurement.models import ProcurementMethod
from procurement.reports import annual_figures

SPECIFIC = ProcurementMethod.SPECIFIC


def test_red_flags_on_crafted_awards(make):
    # Competitive, below the reference price: no flag.
    make.awarded(amounts=("900000.00", "950000.00"), reference="1000000.00", contract_amount="900000.00")
    # One bidder, and at the reference price.
    single = make.awarded(amounts=("1000000.00",), reference="1000000.00")
    # Above the reference price.
    above = make.awarded(amounts=("1050000.00", "1100000.00"), reference="1000000.00")
    # Split under the 500,000 ceiling of the specific method: two to one supplier and division.
    split = [make.awarded(amounts=(amount,), reference="499000.00", method=SPECIFIC, budget="499000.00",
                          division="กองช่าง", winner="ร้าน ตัวอย่างวัสดุ") for amount in ("495000.00", "480000.00")]
    # Near the ceiling but another supplier: near, not a split group.
    lone = make.awarded(amounts=("460000.00",), reference="499000.00", method=SPECIFIC, budget="499000.00",
                        division="กองคลัง", winner="ร้าน อื่น")
    # Far below the ceiling: not near.
    make.awarded(
        amounts=("100000.00", "120000.00"), reference="150000.00", method=SPECIFIC, budget="150000.00"
    )

    flags = annual_figures(2569)["red_flags"]
    single_ids = {a.pk for a in flags["single_bidder"]}
    assert single_ids == {single.pk, split[0].pk, split[1].pk, lone.pk}
    assert {a.pk for a in flags["at_or_above_reference"]} == {single.pk, above.pk}
    assert {a.pk for a in flags["near_threshold"]} == {split[0].pk, split[1].pk, lone.pk}
    assert len(flags["split_groups"]) == 1
    group = flags["split_groups"][0]
    assert (group["supplier"], group["division"], group["total"]) == ("ร้าน ตัวอย่างวัสดุ", "กองช่าง",
                                                                       Decimal("975000.00"))
    total = Decimal("900000.00") + Decimal("1000000.00") + Decimal("1050000.00") + Decimal("975000.00") \
        + Decimal("460000.00") + Decimal("100000.00")
    specific = Decimal("975000.00") + Decimal("460000.00") + Decimal("100000.00")
    assert flags["specific_amount"] == specific
    assert flags["specific_share"] == (specific / total * 100).quantize(Decimal("0.1"))


def test_no_awards_no_flags_and_no_division_by_zero(make):
    make.item()
    figures = annual_figures(2569)
    assert figures["red_flags"]["specific_share"] == 0
    assert figures["total_awarded"] == 0
    assert figures["charts"]["month"].bars[0].label == "ต.ค. 2568"


def test_charts_carry_the_table_numbers(make):
    make.awarded(amounts=("300000.00",), reference="310000.00", method=SPECIFIC, budget="320000.00",
                 division="กองการศึกษา")
    figures = annual_figures(2569)
    by_label = {bar.label: bar.values for bar in figures["charts"]["planned_awarded"].bars}
    assert by_label[SPECIFIC.label] == (Decimal("320000.00"), Decimal("300000.00"))
    row = next(row for row in figures["methods"] if row["method"] == SPECIFIC)
    assert (row["planned"], row["awarded"], row["saving"]) == (Decimal("320000.00"), Decimal("300000.00"),
                                                                Decimal("10000.00"))
    december = next(row for row in figures["months"] if row["month"] == 12)
    assert december["awarded"] == Decimal("300000.00")


def test_annual_report_queries_do_not_grow(client, make, django_assert_max_num_queries):
    for size in (2, 20):
        for _n in range(size):
            make.awarded()
        with django_assert_max_num_queries(14):
            assert client.get("/procurement/report/2569/").status_code == 200
