"""A year's budget against what was spent: the page's charts and tables, and the rows every
download (CSV, XLSX, JSON) carries. Only the reports already published count."""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from kpp_portal.charts import Bar, BarChart

from .models import BudgetLine, ExpenseCategory, Round

COLUMNS = ["fiscal_year_be", "plan", "programme", "category_code", "category", "budget_baht",
           "spent_6_months_baht", "spent_12_months_baht"]


def headings():
    return [_("ปีงบประมาณ"), _("แผนงาน"), _("งาน/โครงการ"), _("รหัสงบ"), _("งบ"), _("งบประมาณ (บาท)"),
            _("เบิกจ่ายรอบ 6 เดือน (บาท)"), _("เบิกจ่ายรอบ 12 เดือน (บาท)")]


@dataclass
class Group:
    label: str
    budget: Decimal
    spent: Decimal | None

    @property
    def percent(self):
        if self.spent is None or not self.budget:
            return None
        return (self.spent * 100 / self.budget).quantize(Decimal("0.1"))


def _spent(line, rounds):
    """What a published report says was spent on the line (a line it leaves blank spent nothing)."""
    if Round.FULL in rounds:
        return line.spent_year or Decimal(0)
    if Round.HALF in rounds:
        return line.spent_half or Decimal(0)
    return None


class YearFigures:
    """One query: the year's lines; everything else is arithmetic on them."""

    def __init__(self, budget_year, day=None):
        self.year = budget_year
        self.rounds = budget_year.rounds_out(day)
        self.round = self.rounds[0] if self.rounds else None
        self.lines = list(BudgetLine.objects.filter(budget_year=budget_year).order_by(
            "plan", "programme", "category", "pk"))

    def _groups(self, key, order=None):
        groups = {}
        for line in self.lines:
            label = key(line)
            group = groups.setdefault(label, Group(label, Decimal(0), Decimal(0) if self.round else None))
            group.budget += line.amount
            if self.round:
                group.spent += _spent(line, self.rounds)
        found = list(groups.values())
        return sorted(found, key=order) if order else found

    def by_plan(self):
        return self._groups(lambda line: line.plan)

    def by_category(self):
        labels = dict(ExpenseCategory.choices)
        order = list(labels.values())
        return self._groups(lambda line: labels[line.category], order=lambda g: order.index(g.label))

    def total(self):
        spent = sum((_spent(line, self.rounds) for line in self.lines), Decimal(0)) if self.round else None
        return Group(_("รวม"), sum((line.amount for line in self.lines), Decimal(0)), spent)

    def chart(self, groups, label_heading):
        series = (_("งบประมาณ"),) + ((_("เบิกจ่าย (%(round)s)") % {"round": Round(self.round).label},)
                                      if self.round else ())
        total = self.total()

        def values(group):
            return (group.budget,) + ((group.spent,) if self.round else ())

        return BarChart(
            title=_("งบประมาณและการเบิกจ่าย จำแนกตาม%(what)s (บาท)") % {"what": label_heading},
            label_heading=label_heading, series=series,
            bars=[Bar(group.label, values(group), notes=self._notes(group)) for group in groups],
            note_headings=(_("ร้อยละที่เบิกจ่าย"),) if self.round else (),
            total=Bar(total.label, values(total),
                      notes=self._notes(total)))

    def _notes(self, group):
        if not self.round:
            return ()
        return (f"{group.percent}%" if group.percent is not None else "–",)

    def charts(self):
        return {"plan": self.chart(self.by_plan(), _("แผนงาน")),
                "category": self.chart(self.by_category(), _("งบ"))}

    def rows(self):
        """One row per line, in COLUMNS order; an unpublished report's column is empty."""
        half, full = Round.HALF in self.rounds, Round.FULL in self.rounds
        return [(self.year.fiscal_year, line.plan, line.programme, line.category, line.get_category_display(),
                 line.amount, line.spent_half if half else None, line.spent_year if full else None)
                for line in self.lines]

    def json_document(self, source):
        return {
            "fiscal_year_be": self.year.fiscal_year,
            "title": str(self.year),
            "enacted_on": self.year.enacted_on.isoformat(),
            "reports_published": {
                "6": _iso(self.year.half_report_on if Round.HALF in self.rounds else None),
                "12": _iso(self.year.year_report_on if Round.FULL in self.rounds else None)},
            "source": source,
            "columns": COLUMNS,
            "lines": [dict(zip(COLUMNS, [_json_value(value) for value in row], strict=True))
                      for row in self.rows()],
        }


def _iso(day):
    return day.isoformat() if day else None


def _json_value(value):
    # Money as a string: a float would lose satang in a JSON reader.
    return str(value) if isinstance(value, Decimal) else value
