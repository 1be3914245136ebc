"""The ordinance's lines, and later each report's spending, from a spreadsheet through the
portal's one import flow (kpp_portal/importing.py): a line already in the year (same plan,
work programme and category) takes the file's figures; a new one is added."""
from django import forms
from django.utils.translation import gettext_lazy as _

from kpp_portal import importing

from .models import BudgetLine, BudgetYear, ExpenseCategory

COLUMNS = {
    "plan": "แผนงาน",
    "programme": "งาน/โครงการ",
    "category": "งบ",
    "amount": "งบประมาณ (บาท)",
    "spent_half": "เบิกจ่ายรอบ 6 เดือน (บาท)",
    "spent_year": "เบิกจ่ายรอบ 12 เดือน (บาท)",
}


def _category(value):
    """A category written as its code or its Thai name, with or without the leading งบ."""
    text = importing.text(value)
    for code, label in ExpenseCategory.choices:
        if text in (code, str(label), str(label).removeprefix("งบ")):
            return code
    return text


class BudgetLineRowForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = list(COLUMNS)


class BudgetLineImporter(importing.RowImporter):
    columns = COLUMNS
    optional_columns = ("spent_half", "spent_year")
    row_form = BudgetLineRowForm

    def __init__(self, budget_year):
        self.target = budget_year
        self.existing = {(line.plan, line.programme, line.category): line for line in budget_year.lines.all()}

    def normalise(self, row):
        return {"plan": importing.text(row["plan"]), "programme": importing.text(row["programme"]),
                "category": _category(row["category"]),
                **{field: importing.money(row[field]) for field in ("amount", "spent_half", "spent_year")}}

    def display(self, data):
        shown = dict(data)
        shown["category"] = dict(ExpenseCategory.choices).get(data["category"], data["category"])
        return shown

    def _form(self, data):
        key = (data.get("plan"), data.get("programme"), data.get("category"))
        instance = self.existing.get(key) or BudgetLine(budget_year=self.target)
        return self.row_form(data, instance=instance)

    def new_instance(self):
        return BudgetLine(budget_year=self.target)

    def warning(self, instance):
        return _("แก้ตัวเลขของรายการที่มีอยู่แล้ว") if instance.pk else ""

    def check_together(self, checked):
        seen = {}
        for row in checked:
            key = (row.data.get("plan"), row.data.get("programme"), row.data.get("category"))
            if key in seen:
                row.errors.append(_("รายการซ้ำกับแถวที่ %(line)s") % {"line": seen[key]})
            seen.setdefault(key, row.line)

    def save_instances(self, instances):
        BudgetLine.objects.bulk_create([line for line in instances if not line.pk])
        BudgetLine.objects.bulk_update([line for line in instances if line.pk],
                                       ["amount", "spent_half", "spent_year"])


class BudgetImportForm(importing.ImportForm):
    importer_class = BudgetLineImporter
    budget_year = forms.ModelChoiceField(label=_("ปีงบประมาณ"), queryset=BudgetYear.objects.all())
    field_order = ["budget_year", "file"]

    def target(self):
        return {"budget_year": self.cleaned_data["budget_year"].pk}

    @classmethod
    def importer_for(cls, target):
        return BudgetLineImporter(BudgetYear.objects.get(pk=target["budget_year"]))
