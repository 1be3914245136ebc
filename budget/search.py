"""Each published year's budget in the portal-wide search (see search/sources.py): the
ordinance's title with its plans and work programmes, so "งานบำบัดน้ำเสีย" finds the year."""
from search.models import Section
from search.sources import Entry, Source

from .models import BudgetLine, BudgetYear


class BudgetYearSource(Source):
    model = BudgetYear
    section = Section.BUDGET
    follows = {BudgetLine: "lines"}

    def objects(self):
        return BudgetYear.objects.exclude(published_on=None).prefetch_related("lines")

    def entry(self, budget_year):
        names = dict.fromkeys(f"{line.plan} {line.programme}" for line in budget_year.lines.all())
        return Entry(title=str(budget_year), url=budget_year.get_absolute_url(),
                     text=f"งบประมาณรายจ่าย รายงานผลการใช้จ่ายงบประมาณ {' '.join(names)} {budget_year.note}",
                     date=budget_year.published_on, visible_from=budget_year.published_on)


SOURCES = [BudgetYearSource()]
