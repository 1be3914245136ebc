"""The public report of gifts and benefits received, per fiscal year (the No Gift Policy report).

Totals per year and per action taken. A year reads "ไม่มีการรับของขวัญ" only when the
responsible unit has stated that its register for the year is complete (GiftYearStatement),
the way the complaint statistics publish a zero year only as a recorded statement; a year with
neither records nor a statement says that nothing has been reported. Three queries.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from kpp_portal import thai

from .models import GiftRecord, GiftYearStatement, NoGiftDeclaration


@dataclass
class GiftYear:
    fiscal_year: int
    records: list = field(default_factory=list)
    declaration: NoGiftDeclaration | None = None
    statement: GiftYearStatement | None = None

    @property
    def complete(self):
        return timezone.localdate() > thai.fiscal_year_range(self.fiscal_year)[1]

    @property
    def count(self):
        return len(self.records)

    @property
    def total_value(self):
        return sum((record.estimated_value for record in self.records), Decimal("0"))

    @property
    def by_action(self):
        """[(label, count, value)] for each action taken, in the order of the choices."""
        rows = []
        for action, label in GiftRecord.Action.choices:
            chosen = [record for record in self.records if record.action == action]
            rows.append((label, len(chosen), sum((r.estimated_value for r in chosen), Decimal("0"))))
        return rows

    @property
    def none_stated(self):
        """No record and the unit says so: the explicit "ไม่มีการรับของขวัญ"."""
        return not self.records and self.statement is not None

    def empty_state(self):
        """What a year without records says (the page's wording, for the download)."""
        if self.none_stated:
            return _("ไม่มีการรับของขวัญ")
        if not self.complete:
            return _("ยังไม่มีรายการ (ปีงบประมาณยังไม่สิ้นสุด)")
        return _("ยังไม่มีรายงานจากหน่วยงานที่รับผิดชอบ")


def yearly_report():
    """[GiftYear] from the first year with any data to the current fiscal year (or a later one
    already declared), newest first."""
    declarations = {d.fiscal_year: d for d in NoGiftDeclaration.objects.select_related("document")}
    for declaration in declarations.values():
        declaration.public_document = declaration.document if declaration.document.is_public else None
    statements = {s.fiscal_year: s for s in GiftYearStatement.objects.select_related("document")}
    by_year = {}
    for record in GiftRecord.objects.order_by("received_on", "pk"):
        by_year.setdefault(record.fiscal_year, []).append(record)
    known = set(declarations) | set(statements) | set(by_year)
    if not known:
        return []
    last = max(max(known), thai.current_fiscal_year())
    return [
        GiftYear(year, by_year.get(year, []), declarations.get(year), statements.get(year))
        for year in range(last, min(known) - 1, -1)
    ]


def year_report(fiscal_year):
    """One year's report, or None for a year outside the report."""
    return next((report for report in yearly_report() if report.fiscal_year == fiscal_year), None)
