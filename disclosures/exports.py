"""Tables as downloads (CSV for any tool, XLSX for the officer who types into the NACC's ITAS)."""
import csv
import io

from django.conf import settings
from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def absolute(path):
    """An absolute URL on this portal, from the configured site address (not the request's host)."""
    return f"{settings.SITE_URL}{path}"


def spreadsheet_safe(value):
    """A cell that a spreadsheet will not run as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _disposition(filename):
    return f'attachment; filename="{filename}"'


def csv_response(filename, header, rows):
    # UTF-8 with a byte-order mark: Excel then reads Thai correctly.
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    return response


def xlsx_response(filename, title, header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_safe(value) for value in row])
    for column in sheet.columns:
        width = max(len(str(cell.value or "").split("\n")[0]) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 80)
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response
