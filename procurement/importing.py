"""Import plan items from a spreadsheet (CSV or XLSX): every row checked, all or nothing.

Officers keep their plans in Excel; the columns are the plan's own headings in Thai. Methods
and sources of funds may be written as their Thai names or codes, the month as "ต.ค. 2569",
"ตุลาคม 2569" or "2569-10" (Buddhist Era, as in the plan).
"""
import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms

from kpp_portal import importing, thai

from .models import (
    PlanItem,
    ProcurementMethod,
    ProcurementThreshold,
    SourceOfFunds,
)

COLUMNS = {
    "title": "งาน/โครงการ",
    "budget": "วงเงินงบประมาณ (บาท)",
    "source_of_funds": "แหล่งที่มาของเงิน",
    "method": "วิธีจัดหา",
    "planned_month": "เดือนที่คาดว่าจะประกาศ",
    "division": "หน่วยงานที่รับผิดชอบ",
}


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


class PlanItemRowForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["title", "budget", "source_of_funds", "method", "planned_month", "division"]


def normalise(row):
    return {
        "title": str(row["title"] or "").strip(),
        "budget": importing.money(row["budget"]),
        "source_of_funds": _choice(row["source_of_funds"], SourceOfFunds),
        "method": _choice(row["method"], ProcurementMethod),
        "planned_month": _month(row["planned_month"]),
        "division": str(row["division"] or "").strip(),
    }


def _display(data):
    """The row as the officer should read it in the preview: Thai labels and a BE month."""
    shown = dict(data)
    sources = dict(SourceOfFunds.choices)
    shown["source_of_funds"] = sources.get(data["source_of_funds"], data["source_of_funds"])
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


class PlanItemImporter(importing.RowImporter):
    columns = COLUMNS
    row_form = PlanItemRowForm

    def __init__(self, plan, revision=None):
        self.plan, self.revision = plan, revision
        self.target = plan
        self.rules = ProcurementThreshold.objects.in_force(plan.fiscal_year)

    def normalise(self, row):
        return normalise(row)

    def display(self, data):
        return _display(data)

    def new_instance(self):
        return PlanItem(plan=self.plan, revision=self.revision)

    def warning(self, instance):
        return instance.threshold_warning(self.rules)
