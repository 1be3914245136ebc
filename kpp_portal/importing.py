"""Spreadsheet imports for the back office (CSV or XLSX): preview, row-level errors in Thai, all or nothing.

Officers keep their lists in Excel, with the headings in Thai. An app describes an import once:

- a RowImporter: the columns (model field → Thai heading), a ModelForm that validates one row,
  how a cell is read (normalise) and shown (display), and what a row becomes (new_instance);
- an ImportForm: what the rows are imported into (a plan, an assessment year …) and the file.

import_view then runs the one flow every import follows: upload → every row checked and shown
with its errors → confirm → saved inside one transaction, or nothing is saved.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from . import budget, office
from .forms import PortalForm
from .uploads import validate_upload

MAX_ROWS = 10_000
MAX_COLUMNS = 100  # every import has a dozen; the rest of a wider sheet is not read
MAX_BYTES = 5 * 1024 * 1024


def _cells(data, kind, max_rows):
    """The non-empty rows of a CSV or the first sheet of an XLSX, the heading first; reading
    stops one row past `max_rows`. Runs inside the budget's child process."""
    if kind == "xlsx":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                office.check_no_doctype(archive)
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        except Exception:  # openpyxl raises many kinds; a DOCTYPE is refused the same way
            raise ValidationError(_("อ่านไฟล์ Excel ไม่ได้ กรุณาตรวจสอบว่าเป็นไฟล์ .xlsx ที่ไม่เสียหาย")) from None
    else:
        if b"\x00" in data:
            raise ValidationError(_("ไฟล์นี้ไม่ใช่ไฟล์ข้อความ CSV"))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("ไฟล์ CSV ต้องบันทึกเป็น UTF-8")) from None
        rows = (row[:MAX_COLUMNS] for row in csv.reader(io.StringIO(text)))
    raw = []
    try:
        for row in rows:
            if any(cell not in (None, "") for cell in row):
                raw.append(list(row))
                if len(raw) > max_rows + 1:
                    break
    except (csv.Error, zipfile.BadZipFile, OSError, ValueError, KeyError):
        raise ValidationError(_("อ่านไฟล์ไม่ได้ กรุณาตรวจสอบว่าไฟล์ไม่เสียหาย")) from None
    return raw


def read_rows(uploaded, columns, optional=(), max_rows=MAX_ROWS, max_bytes=MAX_BYTES):
    """[{field: cell}, …] from an uploaded CSV or XLSX whose first row holds the headings in
    `columns` ({field: heading}); a missing optional heading gives empty cells. Raises
    ValidationError in Thai when the file cannot be read, or cannot be read within the budgets
    of kpp_portal.budget."""
    name = (uploaded.name or "").lower()
    if name.endswith(".xlsx"):
        kind = validate_upload(uploaded, {"xlsx"}, max_bytes)
    elif name.endswith(".csv"):
        if not uploaded.size or uploaded.size > max_bytes:
            raise ValidationError(
                _("ไฟล์ CSV ว่างเปล่าหรือใหญ่เกิน %(mb)s MB") % {"mb": max_bytes // (1024 * 1024)}
            )
        kind = "csv"
    else:
        raise ValidationError(_("รับเฉพาะไฟล์ .csv หรือ .xlsx"))
    uploaded.seek(0)
    raw = budget.sandboxed(_cells, uploaded.read(), kind, max_rows)
    if not raw:
        raise ValidationError(_("ไม่พบข้อมูลในไฟล์"))
    header = [str(cell or "").strip() for cell in raw[0]]
    missing = [label for field, label in columns.items() if label not in header and field not in optional]
    if missing:
        raise ValidationError(_("ไม่พบคอลัมน์: %(columns)s") % {"columns": ", ".join(missing)})
    if len(raw) - 1 > max_rows:
        raise ValidationError(_("นำเข้าได้ครั้งละไม่เกิน %(max)s แถว") % {"max": max_rows})
    positions = {field: header.index(label) for field, label in columns.items() if label in header}
    rows = []
    for cells in raw[1:]:
        cells = list(cells) + [None] * (len(header) - len(cells))
        rows.append({field: cells[positions[field]] if field in positions else None for field in columns})
    return rows


def text(value):
    """A cell as trimmed text (numbers from Excel without a trailing .0)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def money(value):
    """An amount in baht as the text a DecimalField reads: "1,250,000.50 บาท" → "1250000.50"; an
    empty cell or a dash is "" (no figure); anything else stays as written, for the form to refuse."""
    cell = text(value).replace(",", "").replace("บาท", "").strip()
    if cell in ("-", "–"):
        return ""
    try:
        return str(Decimal(cell)) if cell else ""
    except InvalidOperation:
        return cell


@dataclass
class CheckedRow:
    line: int  # as the officer sees it in the spreadsheet (the heading is line 1)
    data: dict  # the normalised values, kept in the session until confirmed
    errors: list
    warning: str
    cells: list  # the values as shown in the preview, in column order


class RowImporter:
    """One kind of import. Subclasses set `columns` and `row_form`, say what a row becomes, and
    set `target`: the object the rows go into (named in the preview, logged on once saved)."""

    columns = {}
    optional_columns = ()
    row_form = None
    target = None

    def normalise(self, row):
        """{field: value the row form accepts} from the raw cells."""
        return {field: text(value) for field, value in row.items()}

    def display(self, data):
        """{field: text} as the officer should read the row in the preview."""
        return data

    def new_instance(self):
        raise NotImplementedError

    def warning(self, instance):
        """A remark on a valid row that does not stop the import, or ''."""
        return ""

    def check_together(self, checked):
        """Errors that only the rows together show (e.g. a code twice): add them to row.errors."""

    def read(self, uploaded):
        return read_rows(uploaded, self.columns, self.optional_columns)

    def _form(self, data):
        return self.row_form(data, instance=self.new_instance())

    def check(self, rows, normalised=False):
        """[CheckedRow] for every row, validated like an admin form."""
        checked = []
        for line, row in enumerate(rows, start=2):
            data = row if normalised else self.normalise(row)
            form = self._form(data)
            errors, warning = [], ""
            if form.is_valid():
                warning = self.warning(form.instance)
            else:
                for field, field_errors in form.errors.items():
                    label = self.columns.get(field, "")
                    errors.extend(f"{label}: {message}" if label else message for message in field_errors)
            shown = self.display(data)
            cells = [shown.get(field, "") for field in self.columns]
            checked.append(CheckedRow(line, data, errors, warning, cells))
        self.check_together(checked)
        return checked

    def save_instances(self, instances):
        type(instances[0])._default_manager.bulk_create(instances)

    def save(self, data_rows):
        """Create every row (normalised data, as kept from the preview), or none: raises
        ValidationError if any row fails now."""
        checked = self.check(data_rows, normalised=True)
        if not checked or any(row.errors for row in checked):
            raise ValidationError(_("มีแถวที่ไม่ถูกต้อง ยังไม่ได้บันทึกข้อมูลใด ๆ"))
        with transaction.atomic():
            instances = []
            for row in checked:
                form = self._form(row.data)
                form.is_valid()
                instances.append(form.instance)
            self.save_instances(instances)
        return len(instances)


class ImportForm(PortalForm):
    """The upload step: subclasses add the fields that choose the target and implement
    `target()` (JSON-able, kept in the session) and `importer_for(target)`."""

    importer_class = RowImporter
    file = forms.FileField(label=gettext_lazy("ไฟล์ CSV หรือ XLSX"))
    submit_label = gettext_lazy("ตรวจสอบไฟล์")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("หัวคอลัมน์: %(columns)s") % {
            "columns": ", ".join(self.importer_class.columns.values())
        }

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and not self.errors:
            try:
                cleaned["rows"] = self.importer_for(self.target()).read(upload)
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned

    def target(self):
        raise NotImplementedError

    @classmethod
    def importer_for(cls, target):
        """The RowImporter for a target; raises ObjectDoesNotExist when it is gone."""
        raise NotImplementedError


def import_view(model_admin, request, form_class, session_key, title, done_url, samples=()):
    """Upload → preview with row-level errors → confirm, for a ModelAdmin's custom URL.

    `done_url(target)` is where the officer lands after a successful import; `samples` are
    (label, URL) of sample files to start from."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
    }
    if request.method == "POST" and "confirm" in request.POST:
        pending = request.session.get(session_key)
        if not pending:
            messages.error(request, _("ไม่พบข้อมูลที่รอนำเข้า กรุณาอัปโหลดไฟล์อีกครั้ง"))
            return redirect(request.path)
        try:
            importer = form_class.importer_for(pending["target"])
            count = importer.save(pending["rows"])
        except (ObjectDoesNotExist, ValidationError) as error:
            messages.error(
                request,
                error.messages[0]
                if isinstance(error, ValidationError)
                else _("ไม่พบรายการปลายทางของการนำเข้าแล้ว กรุณาอัปโหลดไฟล์อีกครั้ง"),
            )
            return redirect(request.path)
        del request.session[session_key]
        model_admin.log_change(request, importer.target, _("นำเข้า %(count)s รายการจากไฟล์") % {"count": count})
        messages.success(request, _("นำเข้า %(count)s รายการแล้ว") % {"count": count})
        return redirect(done_url(pending["target"]))
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        target = form.target()
        importer = form_class.importer_for(target)
        checked = importer.check(form.cleaned_data["rows"])
        valid = bool(checked) and not any(row.errors for row in checked)
        if valid:
            request.session[session_key] = {"target": target, "rows": [row.data for row in checked]}
        else:
            request.session.pop(session_key, None)
        context.update(
            checked=checked,
            valid=valid,
            target_label=str(importer.target),
            error_count=sum(1 for row in checked if row.errors),
        )
    context.update(form=form, columns=list(form_class.importer_class.columns.values()), samples=samples)
    return TemplateResponse(request, "admin/import.html", context)
