"""Spreadsheets as a browser uploads them, for the admin imports (kpp_portal.importing)."""
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def csv_file(name, header, *rows):
    text = "\n".join(",".join(f'"{cell}"' for cell in row) for row in (header, *rows))
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def xlsx_file(name, header, *rows):
    book = Workbook()
    for row in (header, *rows):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())
