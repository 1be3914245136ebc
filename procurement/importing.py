"""Import plan items from a spreadsheet (CSV or XLSX): every row checked, all or nothing.

Officers keep their plans in Excel; the columns are the plan's own headings in Thai. Methods
and sources of funds may be written as their Thai names or codes, the month as "ต.ค. 2569",
"ตุลาคม 2569" or "2569-10" (Buddhist Era, as in the plan).
"""
import csv
import datetime
import io
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kpp_portal import thai
from kpp_portal.uploads import validate_upload

from .models import PlanItem, ProcurementMethod, ProcurementThreshold, SourceOfFunds

COLUMNS = {
    "title": "งาน/โครงการ",
    "budget": "วงเงินงบประมาณ (บาท)",
    "source_of_funds": "แหล่งที่มาของเงิน",
    "method": "วิธีจัดหา",
    "planned_month": "เดือนที่คาดว่าจะประกาศ",
    "division": "หน่วยงานที่รับผิดชอบ",
}
MAX_ROWS = 10_000
MAX_BYTES = 5 * 1024 * 1024


def _choice(value, choices):
    """The code of a TextChoices value written as its code, its Thai label, or a label's start."""
    text = str(value or "").strip()
    for code, label in choices.choices:
        if text in (code, str(label)):
            return code
    for code, label in choices.choices:
        # "วิธีเฉพาะเจาะจง" or "เฉพาะเจาะจง" or "e-bidding"
        if text and (text in str(label) or str(label).startswith(text)):
            return code
    return text


def _month(value):
    """A date (first of month) from a cell: a date, "ต.ค. 2569", "ตุลาคม 2569" or "2569-10"."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1).isoformat()
    text = str(value or "").strip()
    match = re.fullmatch(r"(\d{4})[-/](\d{1,2})", text)
    if match:
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            return datetime.date(thai.ce_year(year), month, 1).isoformat()
    match = re.fullmatch(r"(\S+)\s+(\d{4})", text)
    if match:
        name, year = match[1], int(match[2])
        for months in (thai.MONTHS_SHORT, thai.MONTHS_LONG):
            if name in months:
                return datetime.date(thai.ce_year(year), months.index(name) + 1, 1).isoformat()
    return text


def _money(value):
    text = str(value if value is not None else "").replace(",", "").replace("บาท", "").strip()
    try:
        return str(Decimal(text))
    except InvalidOperation:
        return text


class PlanItemRowForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["title", "budget", "source_of_funds", "method", "planned_month", "division"]


def read_rows(uploaded):
    """[{field: text}, …] from an uploaded CSV or XLSX; ValidationError in Thai if unreadable."""
    name = (uploaded.name or "").lower()
    if name.endswith(".xlsx"):
        validate_upload(uploaded, {"xlsx"}, MAX_BYTES)
        try:
            sheet = load_workbook(uploaded, read_only=True, data_only=True).active
            raw = [list(row) for row in sheet.iter_rows(values_only=True)]
        except Exception:
            raise ValidationError(_("อ่านไฟล์ Excel ไม่ได้ กรุณาตรวจสอบว่าเป็นไฟล์ .xlsx ที่ไม่เสียหาย")) from None
    elif name.endswith(".csv"):
        if not uploaded.size or uploaded.size > MAX_BYTES:
            raise ValidationError(_("ไฟล์ CSV ว่างเปล่าหรือใหญ่เกิน 5 MB"))
        data = uploaded.read()
        if b"\x00" in data:
            raise ValidationError(_("ไฟล์นี้ไม่ใช่ไฟล์ข้อความ CSV"))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("ไฟล์ CSV ต้องบันทึกเป็น UTF-8")) from None
        raw = list(csv.reader(io.StringIO(text)))
    else:
        raise ValidationError(_("รับเฉพาะไฟล์ .csv หรือ .xlsx"))
    raw = [row for row in raw if any(cell not in (None, "") for cell in row)]
    if not raw:
        raise ValidationError(_("ไม่พบข้อมูลในไฟล์"))
    header = [str(cell or "").strip() for cell in raw[0]]
    missing = [label for label in COLUMNS.values() if label not in header]
    if missing:
        raise ValidationError(_("ไม่พบคอลัมน์: %(columns)s") % {"columns": ", ".join(missing)})
    if len(raw) - 1 > MAX_ROWS:
        raise ValidationError(_("นำเข้าได้ครั้งละไม่เกิน %(max)s แถว") % {"max": MAX_ROWS})
    positions = {field: header.index(label) for field, label in COLUMNS.items()}
    rows = []
    for cells in raw[1:]:
        cells = list(cells) + [None] * (len(header) - len(cells))
        rows.append({field: cells[position] for field, position in positions.items()})
    return rows


def normalise(row):
    return {
        "title": str(row["title"] or "").strip(),
        "budget": _money(row["budget"]),
        "source_of_funds": _choice(row["source_of_funds"], SourceOfFunds),
        "method": _choice(row["method"], ProcurementMethod),
        "planned_month": _month(row["planned_month"]),
        "division": str(row["division"] or "").strip(),
    }


def _display(data):
    """The row as the officer should read it in the preview: Thai labels and a BE month."""
    shown = dict(data)
    shown["source_of_funds"] = dict(SourceOfFunds.choices).get(
        data["source_of_funds"], data["source_of_funds"]
    )
    shown["method"] = dict(ProcurementMethod.choices).get(data["method"], data["method"])
    try:
        month = datetime.date.fromisoformat(data["planned_month"])
        shown["planned_month"] = thai.format_thai_month(month.year, month.month, long=False)
    except ValueError:
        pass
    try:
        shown["budget"] = thai.format_baht(Decimal(data["budget"]))
    except InvalidOperation:
        pass
    return shown


def check(plan, rows):
    """[(line number, data, errors or [], warning, shown)]: every row validated like an admin form."""
    rules = ProcurementThreshold.objects.in_force(plan.fiscal_year)
    checked = []
    for line, row in enumerate(rows, start=2):
        data = normalise(row)
        form = PlanItemRowForm(data, instance=PlanItem(plan=plan))
        errors, warning = [], ""
        if form.is_valid():
            warning = form.instance.threshold_warning(rules)
        else:
            for field, messages in form.errors.items():
                label = COLUMNS.get(field, "")
                errors.extend(f"{label}: {message}" if label else message for message in messages)
        checked.append((line, data, errors, warning, _display(data)))
    return checked


def save(plan, rows, revision=None):
    """Create every row, or none: raises ValidationError if any row fails."""
    checked = check(plan, rows)
    if any(row[2] for row in checked):
        raise ValidationError(_("มีแถวที่ไม่ถูกต้อง ยังไม่ได้บันทึกข้อมูลใด ๆ"))
    with transaction.atomic():
        items = []
        for _line, data, *_rest in checked:
            form = PlanItemRowForm(data, instance=PlanItem(plan=plan, revision=revision))
            form.is_valid()
            items.append(form.instance)
        PlanItem.objects.bulk_create(items)
    return len(items)
