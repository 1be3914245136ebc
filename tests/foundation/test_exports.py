"""The one exporter (kpp_portal.exports): tidy CSV, printable XLSX, no cell ever runs as a formula."""
import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kpp_portal.exports import export_response, safe_cell

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


@pytest.mark.parametrize("value", HOSTILE)
def test_safe_cell_quotes_what_a_spreadsheet_would_run(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["แผนงาน", "a=b", "", 5, Decimal("-3.50"), datetime.date(2025, 1, 2)])
def test_safe_cell_leaves_everything_else(value):
    assert safe_cell(value) == value


def test_csv_is_tidy_with_a_bom_and_no_title():
    response = export_response("csv", "ตาราง.csv", ["ชื่อ", "จำนวน"], [["ก", 1], ["ข", None]], title="หัวเรื่อง")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    assert _csv(response) == [["ชื่อ", "จำนวน"], ["ก", "1"], ["ข", ""]]


def test_csv_cells_and_headers_are_formula_safe():
    rows = _csv(export_response("csv", "x.csv", ["=header"], [[value] for value in HOSTILE]))
    assert rows[0] == ["'=header"]
    assert [row[0] for row in rows[1:]] == ["'" + value for value in HOSTILE]


def test_xlsx_stores_formula_like_text_as_text():
    response = export_response("xlsx", "x.xlsx", ["value", "amount"], [[value, 1] for value in HOSTILE])
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = _sheet(response)
    for row_number, value in enumerate(HOSTILE, start=2):
        cell = sheet.cell(row_number, 1)
        # openpyxl writes through lxml, which escapes a carriage return: the text comes back as is.
        assert cell.value == value and cell.data_type == "s" and cell.quotePrefix
    assert sheet.cell(2, 2).value == 1 and sheet.cell(2, 2).data_type == "n"
    # No formula anywhere in the file itself.
    import zipfile

    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        assert b"<f>" not in book.read("xl/worksheets/sheet1.xml")


def test_xlsx_title_lines_above_the_header_and_typed_cells():
    response = export_response(
        "xlsx", "x.xlsx", ["วันที่", "บาท"], [[datetime.date(2025, 10, 1), Decimal("12.50")]],
        title=["สรุปผล", "เทศบาลเมืองกำแพงเพชร"], sheet_name="สขร.1", widths=(12, 20))
    sheet = _sheet(response)
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "สรุปผล" and values[1][0] == "เทศบาลเมืองกำแพงเพชร"
    assert values[2] == ["วันที่", "บาท"]
    assert values[3][0].date() == datetime.date(2025, 10, 1) and values[3][1] == 12.5
    assert sheet.title == "สขร.1" and sheet.print_title_rows == "$3:$3"
    assert sheet.column_dimensions["B"].width == 20


def test_xlsx_drops_characters_xml_cannot_hold():
    sheet = _sheet(export_response("xlsx", "x.xlsx", ["a"], [["ก\x0bข\x00"]]))
    assert sheet.cell(2, 1).value == "กข"


def test_download_name_follows_rfc_6266_for_thai():
    response = export_response("csv", "สถิติ.csv", ["a"], [])
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert "=?utf-8?" not in disposition


def test_unknown_format_is_a_programming_error():
    with pytest.raises(ValueError):
        export_response("ods", "x.ods", ["a"], [])
