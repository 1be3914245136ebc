"""Tables as downloads, CSV and XLSX: the one exporter of the portal, formula-safe, with Thai
file names (see export_response).
"""
import csv
import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
# What Excel, LibreOffice and Google Sheets treat as the start of a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value):
    """A CSV cell that a spreadsheet shows as text: a formula-like string gets a leading quote."""
    if is_formula_like(value):
        return "'" + value
    return "" if value is None else value


def export_response(fmt, filename, headers, rows, title=None, sheet_name=None, widths=None):
    """A download of `headers` + `rows` as `fmt` ("csv" or "xlsx").

    Every table that leaves the portal as a file goes through here:

        from kpp_portal.exports import export_response

        def plan_export(request, fmt):                      # fmt is "csv" or "xlsx", from the URL
            rows = ((item.title, item.budget, item.method) for item in items)
            return export_response(fmt, f"plan-2568.{fmt}", ["title", "budget", "method"], rows,
                                   title="แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ 2568")

    - `headers` is the first row, `rows` any iterable of sequences (a generator is fine). Cells may
      be str, int, Decimal, float, date/datetime or None (an empty cell).
    - CSV is tidy open data: the header row first, then one line per row, UTF-8 with a byte-order
      mark (Excel reads Thai only with it). `title` never appears in the CSV.
    - XLSX is for people: `title` (a string or several lines) sits above the header in bold merged
      rows, the header is bold and repeated on every printed page, cells wrap, A4 landscape fitted
      to the page width. `widths` sets column widths (characters); by default they follow the text.
    - Both are formula-safe: a text cell that starts with = + - @ tab or CR never runs as a formula
      when a spreadsheet opens the file (CSV injection). `safe_cell()` is the CSV rule, for anything
      else that writes a cell.
    - The download name goes out in RFC 6266 form (`filename*=utf-8''…`), so Thai names work.

    The response is a plain HttpResponse: a caller may add headers (e.g. `Cache-Control: no-store`
    for staff-only exports).
    """
    if fmt == "csv":
        data, content_type = _csv_bytes(headers, rows), CSV_TYPE
    elif fmt == "xlsx":
        data, content_type = _xlsx_bytes(headers, rows, title, sheet_name, widths), XLSX_TYPE
    else:
        raise ValueError(f"unknown export format {fmt!r}; use one of {FORMATS}")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _csv_bytes(headers, rows):
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([safe_cell(value) for value in headers])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue().encode("utf-8")


def _xlsx_value(value):
    # XML cannot hold most control characters; openpyxl would refuse the whole file.
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _text_cell(cell):
    # openpyxl turns any string starting with "=" into a formula. Store it as a string instead,
    # with the quote-prefix style that keeps Excel from re-reading it as one when edited.
    cell.data_type = "s"
    cell.quotePrefix = True


def _xlsx_bytes(headers, rows, title, sheet_name, widths):
    book = Workbook()
    sheet = book.active
    # A sheet name holds at most 31 characters and none of []:*?/\
    sheet.title = "".join(c for c in (sheet_name or "data") if c not in "[]:*?/\\")[:31] or "data"
    lines = [title] if isinstance(title, str) else list(title or ())
    for line in lines:
        sheet.append([_xlsx_value(line)])
    sheet.append([_xlsx_value(value) for value in headers])
    header_row = len(lines) + 1
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    for row in sheet.iter_rows():
        for cell in row:
            if is_formula_like(cell.value):
                _text_cell(cell)
    last = get_column_letter(max(len(headers), 1))
    for number in range(1, header_row):
        sheet.merge_cells(f"A{number}:{last}{number}")
        sheet.cell(number, 1).font = Font(bold=True, size=14 if number == 1 else 11)
        sheet.cell(number, 1).alignment = Alignment(horizontal="center")
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            cell.alignment = wrap
    for index in range(1, len(headers) + 1):
        letter = get_column_letter(index)
        if widths:
            width = widths[index - 1]
        else:
            longest = max((len(str(c.value or "").split("\n")[0]) for c in sheet[letter][header_row - 1:]),
                          default=0)
            width = min(max(longest + 2, 8), 80)
        sheet.column_dimensions[letter].width = width
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
