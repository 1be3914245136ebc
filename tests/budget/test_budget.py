"""The budget as data: the year's page, its downloads, the import, and the ITA evidence."""
import datetime
import io
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from budget.models import BudgetLine, BudgetYear, ExpenseCategory
from kpp_portal import thai
from tests.conftest import PASSWORD
from tests.spreadsheets import xlsx_file

pytestmark = pytest.mark.django_db
FY = 2569  # 1 Oct 2025 – 30 Sep 2026
TODAY = datetime.datetime(2026, 12, 6, 10, tzinfo=datetime.UTC)


def _year(fiscal_year=FY, half=datetime.date(2026, 4, 20), full=datetime.date(2026, 10, 25), lines=3):
    year = BudgetYear.objects.create(fiscal_year=fiscal_year, enacted_on=datetime.date(2025, 9, 15),
                                     published_on=datetime.date(2025, 10, 2), half_report_on=half,
                                     year_report_on=full)
    categories = [ExpenseCategory.PERSONNEL, ExpenseCategory.OPERATIONS, ExpenseCategory.INVESTMENT]
    BudgetLine.objects.bulk_create([
        BudgetLine(budget_year=year, plan=f"แผนงานที่ {index % 4}", programme=f"งานที่ {index}",
                   category=categories[index % 3], amount=Decimal(1_000_000 + index),
                   spent_half=Decimal(400_000), spent_year=Decimal(900_000))
        for index in range(lines)])
    return year


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_the_year_page_shows_budget_against_spent_in_chart_and_table(client):
    _year()
    body = client.get("/budget/2569/").content.decode()
    assert "รายงานผลการใช้จ่ายงบประมาณรอบ 12 เดือน" in body
    assert "<svg" in body and 'id="budget-lines"' in body
    assert "3,000,003.00" in body  # the total budget
    assert "2,700,000" in body  # spent in the year
    assert "90.0%" in body


def test_a_report_not_yet_published_shows_no_figure_anywhere(client):
    _year(half=datetime.date(2026, 4, 20), full=datetime.date(2026, 12, 20))
    body = client.get("/budget/2569/").content.decode()
    assert "รอบ 6 เดือน" in body and "2,700,000" not in body and "900,000" not in body
    data = json.loads(client.get("/budget/2569.json").content)
    assert data["reports_published"] == {"6": "2026-04-20", "12": None}
    assert {line["spent_12_months_baht"] for line in data["lines"]} == {None}
    assert {line["spent_6_months_baht"] for line in data["lines"]} == {"400000.00"}


def test_an_unpublished_year_is_not_there(client):
    year = _year()
    year.published_on = datetime.date(2026, 12, 7)
    year.save()
    for url in ("/budget/2569/", "/budget/2569.csv", "/budget/2569.json"):
        assert client.get(url).status_code == 404
    assert "2569" not in client.get("/budget/").content.decode()


def test_downloads_through_the_one_exporter(client):
    _year()
    response = client.get("/budget/2569.csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ("fiscal_year_be,plan,programme,category_code,category,budget_baht,"
                        "spent_6_months_baht,spent_12_months_baht")
    assert len(lines) == 4 and "งบบุคลากร" in lines[1]
    sheet = load_workbook(io.BytesIO(client.get("/budget/2569.xlsx").content)).active
    assert "2569" in sheet["A1"].value
    data = json.loads(client.get("/budget/2569.json").content)
    assert len(data["lines"]) == 3 and data["lines"][0]["budget_baht"] == "1000000.00"


def test_the_page_costs_the_same_queries_however_many_lines(client, django_assert_max_num_queries):
    year = _year(lines=3)
    with django_assert_max_num_queries(20) as small:
        client.get("/budget/2569/")
    BudgetLine.objects.bulk_create([
        BudgetLine(budget_year=year, plan="แผนงานอื่น", programme=f"งานเพิ่ม {index}",
                   category=ExpenseCategory.SUBSIDIES, amount=Decimal(5000)) for index in range(60)])
    from django.core.cache import cache
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = client.get("/budget/2569/").content.decode()
    assert "งานเพิ่ม 59" in body


def test_report_dates_must_follow_their_period():
    year = BudgetYear(fiscal_year=FY, enacted_on=datetime.date(2025, 9, 15),
                      half_report_on=datetime.date(2026, 3, 1), year_report_on=datetime.date(2026, 9, 1))
    with pytest.raises(ValidationError) as error:
        year.full_clean()
    assert {"half_report_on", "year_report_on"} <= set(error.value.message_dict)


def test_spending_in_six_months_cannot_exceed_the_year():
    year = _year(lines=0)
    line = BudgetLine(budget_year=year, plan="ก", programme="ข", category=ExpenseCategory.CENTRAL,
                      amount=Decimal(10), spent_half=Decimal(8), spent_year=Decimal(5))
    with pytest.raises(ValidationError):
        line.full_clean()


HEADER = ["แผนงาน", "งาน/โครงการ", "งบ", "งบประมาณ (บาท)", "เบิกจ่ายรอบ 6 เดือน (บาท)",
          "เบิกจ่ายรอบ 12 เดือน (บาท)"]
IMPORT_URL = "/admin/budget/budgetline/import/"


@pytest.fixture
def editor_client(client, editor):
    client.login(username="editor", password=PASSWORD)
    return client


def test_xlsx_import_adds_lines_then_a_report_updates_them(editor_client):
    year = _year(lines=0)
    rows = [("แผนงานการศึกษา", "งานระดับก่อนวัยเรียนและประถมศึกษา", "งบบุคลากร", "42,000,000", None, None),
            ("แผนงานงบกลาง", "งบกลาง", "กลาง", 96500000, None, None)]
    upload = xlsx_file("b.xlsx", HEADER, *rows)
    response = editor_client.post(IMPORT_URL, {"budget_year": year.pk, "file": upload})
    assert response.status_code == 200 and "ทุกแถวถูกต้อง" in response.content.decode()
    assert not BudgetLine.objects.exists()
    assert editor_client.post(IMPORT_URL, {"confirm": "1"}).status_code == 302
    assert BudgetLine.objects.get(category=ExpenseCategory.CENTRAL).amount == Decimal(96_500_000)
    # The six-month report: the same lines with what was spent.
    report = [("แผนงานการศึกษา", "งานระดับก่อนวัยเรียนและประถมศึกษา", "งบบุคลากร", 42000000, 20580000, None)]
    editor_client.post(IMPORT_URL, {"budget_year": year.pk, "file": xlsx_file("r.xlsx", HEADER, *report)})
    assert editor_client.post(IMPORT_URL, {"confirm": "1"}).status_code == 302
    assert BudgetLine.objects.count() == 2
    assert BudgetLine.objects.get(category=ExpenseCategory.PERSONNEL).spent_half == Decimal(20_580_000)


def test_an_import_with_a_bad_row_saves_nothing(editor_client):
    year = _year(lines=0)
    rows = [("แผนงานการศึกษา", "งานก", "งบบุคลากร", 1000, None, None),
            ("แผนงานการศึกษา", "งานข", "งบอะไรก็ไม่รู้", 1000, None, None),
            ("แผนงานการศึกษา", "งานก", "งบบุคลากร", 2000, None, None)]
    body = editor_client.post(IMPORT_URL, {"budget_year": year.pk,
                                           "file": xlsx_file("b.xlsx", HEADER, *rows)}).content.decode()
    assert "รายการซ้ำกับแถวที่ 2" in body
    editor_client.post(IMPORT_URL, {"confirm": "1"})
    assert not BudgetLine.objects.exists()


def test_the_spending_reports_are_ita_evidence_from_their_publication():
    from kpp_portal.ita import portal_evidence

    _year(full=datetime.date(2026, 12, 20))
    found = portal_evidence(FY)
    assert found["budget-plan"] and found["budget-half-report"]
    assert "budget-annual-report" not in found
    with time_machine.travel(datetime.datetime(2026, 12, 21, 10, tzinfo=datetime.UTC)):
        assert portal_evidence(FY)["budget-annual-report"][0][1] == "/budget/2569/"


def test_the_oit_items_on_spending_reports_are_met_by_the_budget_data():
    from disclosures.checklists import checklist_rows
    from disclosures.oit_lists import DATA_DIR, load_checklist

    load_checklist(DATA_DIR / "oit_2564.csv")
    _year(fiscal_year=2564, half=datetime.date(2021, 4, 20), full=None)
    _year(fiscal_year=2563, half=None, full=datetime.date(2020, 10, 25))
    BudgetYear.objects.filter(fiscal_year__in=[2563, 2564]).update(published_on=datetime.date(2020, 1, 5))
    rows = {row.item.code: row for row in checklist_rows(2564)}
    assert rows["O18"].is_met and rows["O19"].is_met and rows["O20"].is_met
    BudgetYear.objects.filter(fiscal_year=2563).update(year_report_on=None)
    assert not {row.item.code: row for row in checklist_rows(2564)}["O20"].is_met


def test_found_by_the_portal_wide_search_and_in_the_sitemap(client):
    from search.index import rebuild
    _year()
    BudgetLine.objects.create(budget_year=BudgetYear.objects.get(), plan="แผนงานเคหะและชุมชน",
                              programme="งานบำบัดน้ำเสีย", category=ExpenseCategory.INVESTMENT,
                              amount=Decimal(7))
    rebuild()
    assert "/budget/2569/" in client.get("/search/", {"q": "งานบำบัดน้ำเสีย"}).content.decode()
    assert "/budget/2569/" in client.get("/sitemap.xml").content.decode()


def test_demo_has_the_current_and_previous_year(demo, client):
    current = thai.current_fiscal_year()
    assert set(BudgetYear.objects.values_list("fiscal_year", flat=True)) >= {current - 1, current}
    previous = BudgetYear.objects.get(fiscal_year=current - 1)
    assert previous.half_report_on is not None
    for year in (current - 1, current):
        assert client.get(reverse("budget:year", args=[year])).status_code == 200
    total = previous.lines.aggregate(total=Sum("amount"))["total"]
    assert Decimal(300_000_000) < total < Decimal(600_000_000)


@pytest.mark.parametrize(("cell", "read"), [("1,250,000.50 บาท", "1250000.50"), (96500000, "96500000"),
                                            (1250.5, "1250.5"), ("-", ""), (None, ""), ("ห้าบาท", "ห้า")])
def test_an_amount_cell_as_the_import_reads_it(cell, read):
    from kpp_portal.importing import money

    assert money(cell) == read


def test_a_missing_report_says_what_staff_must_fill_in():
    from kpp_portal.ita import portal_gaps

    _year(half=None, full=None)
    gaps = portal_gaps(FY)
    assert "รอบ 6 เดือน" in gaps["budget-half-report"][0]
    assert gaps["budget-annual-report"][1] == "/admin/budget/budgetyear/"


def test_the_admin_in_thai_with_its_import(editor_client):
    year = _year()
    body = editor_client.get(f"/admin/budget/budgetyear/{year.pk}/change/").content.decode()
    assert "วันที่เผยแพร่รายงานผลการใช้จ่ายรอบ 6 เดือน" in body and "งานที่ 2" in body
    body = editor_client.get("/admin/budget/budgetline/").content.decode()
    assert IMPORT_URL in body
    body = editor_client.get(IMPORT_URL).content.decode()
    assert "เบิกจ่ายรอบ 12 เดือน (บาท)" in body  # the headings the file needs


def test_the_newest_years_lines_download_as_the_sheet_to_import_back(editor_client):
    year = _year(lines=2)
    BudgetLine.objects.update(spent_year=None)
    response = editor_client.get("/admin/budget/budgetline/import/sheet.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADER and sheet.max_row == 3
    sheet["F2"], sheet["F3"] = 950000, 960000  # the year's spending, filled in by the finance division
    out = io.BytesIO()
    sheet.parent.save(out)
    upload = SimpleUploadedFile("back.xlsx", out.getvalue())
    editor_client.post(IMPORT_URL, {"budget_year": year.pk, "file": upload})
    assert editor_client.post(IMPORT_URL, {"confirm": "1"}).status_code == 302
    spent = sorted(BudgetLine.objects.values_list("spent_year", flat=True))
    assert spent == [Decimal(950000), Decimal(960000)]


def test_the_sheet_is_for_staff_only(client):
    assert client.get("/admin/budget/budgetline/import/sheet.csv").status_code == 302
