"""kpp_portal.charts: one server-side bar chart, drawn to scale, its numbers in a table too."""
import re
from decimal import Decimal

from django.template.loader import render_to_string

from kpp_portal.charts import BAR_AREA, Bar, BarChart, format_number
from tests.conftest import page_html


def _chart(**options):
    return BarChart("คำขอ E-Service รายเดือน (เรื่อง)", [Bar("ต.ค. 2568", (12, 10), url="/e/10/"),
                                                        Bar("พ.ย. 2568", (24, 6), notes=("ปิดปรับปรุง 2 วัน",))],
                    label_heading="เดือน", series=("ยื่นคำขอ", "เสร็จแล้ว"), note_headings=("หมายเหตุ",),
                    **options)


def test_bars_are_drawn_to_the_largest_value_or_a_fixed_scale():
    widths = [[rect["width"] for rect in row["rects"]] for row in _chart().rows]
    assert widths == [[BAR_AREA / 2, round(BAR_AREA * 10 / 24, 1)], [BAR_AREA, BAR_AREA / 4]]
    percent = BarChart("ร้อยละ", [Bar("ก่อน", (Decimal("32"),))], label_heading="ช่วง", scale=100)
    assert percent.rows[0]["rects"][0]["width"] == round(BAR_AREA * 0.32, 1)


def test_nothing_to_draw_divides_by_nothing():
    empty = BarChart("ว่าง", [Bar("ต.ค.", (0, 0))], label_heading="เดือน", series=("ก", "ข"))
    assert [rect["width"] for rect in empty.rows[0]["rects"]] == [0, 0]
    assert BarChart("ไม่มีแท่ง", [], label_heading="เดือน").height == 4


def test_numbers_print_with_separators_and_decimals_only_when_needed():
    assert [format_number(value) for value in (1234, Decimal("32.00"), Decimal("1234.5"))] == [
        "1,234", "32", "1,234.50"]


def test_the_template_draws_a_picture_of_the_table_it_prints():
    chart = _chart(total=Bar("รวม", (36, 16)))
    html = page_html(render_to_string("snippets/bar_chart.html", {"chart": chart}))
    assert 'data-label="' in html  # each cell names its column on a phone (.table-stack)
    html = re.sub(r' data-label="[^"]*"', "", html)
    assert html.count("<figure") == 1 and "<figcaption" in html
    # The drawing is hidden from screen readers; the same numbers are in the table, once each.
    assert 'aria-hidden="true" focusable="false"' in html and "role=\"img\"" not in html
    for number in ("12", "10", "24", "6"):
        assert html.count(f'class="chart-value">{number}<') == 1
        assert html.count(f'<td class="text-end">{number}</td>') == 1
    assert html.count("<rect") == 4 and 'class="legend-swatch series-1"' in html
    assert '<a href="/e/10/">ต.ค. 2568</a>' in html and "<td>ปิดปรับปรุง 2 วัน</td>" in html
    assert "<tfoot><tr><th scope=\"row\">รวม</th><td class=\"text-end\">36</td>" in html


def test_one_series_has_no_legend():
    html = page_html(render_to_string("snippets/bar_chart.html", {"chart": BarChart(
        "วงเงิน", [Bar("ก", (1,))], label_heading="หน่วยงาน", series=("บาท",))}))
    assert "legend-swatch" not in html and '<th scope="col" class="text-end">บาท</th>' in html
