"""A year's OIT list as data that staff keep.

Three ways in, one model (AssessmentYear and its OITItems):

- the data files shipped in disclosures/data/oit_<year>.csv (`manage.py load_oit_items`), as
  drafts: columns year, code, group, title_th, title_en, requirement, topic (keys of
  kpp_portal.ita.TOPICS, several joined by "|" for a merged item), window (year, previous, half,
  in-force), counts (document, report, page, record), kinds (document category slugs), confidence;
- a spreadsheet an editor imports in the admin (OITItemImporter, Thai headings);
- items typed or corrected in the admin.

A new year can take the previous year's evidence links (link_candidates), for staff to review.
"""


import csv
import re
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kpp_portal import importing
from kpp_portal.ita import TOPICS
from kpp_portal.thai import validate_be_year

from .models import AssessmentYear, Document, EvidenceKind, EvidenceWindow, OITItem

DATA_DIR = Path(__file__).resolve().parent / "data"
_FILE_NAME = re.compile(r"^oit_(\d{4})\.csv$")
REQUIRED_COLUMNS = {"year", "code", "group", "title_th", "title_en", "requirement", "topic"}
TOPIC_SEPARATOR = re.compile(r"[|,;]")
# The data files' columns for the import's fields (OITItemImporter).
FILE_COLUMNS = {"code": "code", "title": "title_th", "group": "group", "title_en": "title_en",
                "requirement": "requirement", "topics": "topic", "confidence": "confidence",
                "window": "window", "counts": "counts", "document_kinds": "kinds"}


def parse_topics(text):
    """Topic keys from "structure|powers", also accepting the Thai labels staff see in the admin;
    an unknown word is kept as it is, for the validation to name it."""
    labels = {label: key for key, label in TOPICS.items()}
    topics = []
    for word in TOPIC_SEPARATOR.split(str(text or "")):
        word = word.strip()
        if word:
            topics.append(labels.get(word, word))
    return topics


def data_files(data_dir=DATA_DIR):
    """{year: path} of every checklist data file."""
    found = {}
    for path in sorted(Path(data_dir).glob("oit_*.csv")):
        match = _FILE_NAME.match(path.name)
        if match:
            found[int(match.group(1))] = path
    return found


def read_checklist(path):
    """The rows of one data file, checked by the admin import's own row form (OITItemImporter:
    the same rules, the same Thai errors); raises ValidationError naming the line at fault."""
    path = Path(path)
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or ())
        if missing:
            raise ValidationError(_("%(file)s: ไม่พบคอลัมน์ %(columns)s") % {
                "file": path.name, "columns": ", ".join(sorted(missing))})
        rows = list(reader)
    for line, row in enumerate(rows, start=2):
        if not row["year"].isdigit():
            raise ValidationError(_("%(file)s แถว %(line)s: ปีต้องเป็นตัวเลข พ.ศ.") % {
                "file": path.name, "line": line})
    checked = _DataFileRows().check([{field: row.get(column) for field, column in FILE_COLUMNS.items()}
                                     for row in rows])
    for row in checked:
        if row.errors:
            raise ValidationError(_("%(file)s แถว %(line)s: %(errors)s") % {
                "file": path.name, "line": row.line, "errors": "; ".join(row.errors)})
    return rows


@transaction.atomic
def load_checklist(path, refresh=False):
    """Add one file's year and items as a draft; returns (created, updated).

    A year confirmed against the NACC manual belongs to staff and is never touched. In a draft,
    items the file lacks are added; with `refresh`, items already there take the file's wording
    again (matched on code, so the documents linked to them stay linked, and items staff added
    stay)."""
    rows = read_checklist(path)
    years = {int(row["year"]) for row in rows}
    created = updated = 0
    for year in years:
        assessment_year, _new = AssessmentYear.objects.get_or_create(
            year=year, defaults={"source": _("ไฟล์ข้อมูล %(name)s ที่มากับระบบ") % {"name": Path(path).name}}
        )
        if assessment_year.is_confirmed:
            continue
        existing = {item.code: item for item in assessment_year.items.all()}
        for order, row in enumerate((row for row in rows if int(row["year"]) == year), start=1):
            values = {
                "order": order,
                "group": row["group"],
                "title": row["title_th"],
                "title_en": row["title_en"],
                "requirement": row["requirement"],
                "topics": parse_topics(row["topic"]),
                "confidence": row.get("confidence", ""),
                "window": row.get("window") or EvidenceWindow.YEAR,
                "counts": row.get("counts") or EvidenceKind.PAGE,
                "document_kinds": row.get("kinds", ""),
            }
            item = existing.get(row["code"])
            if item is None:
                OITItem.objects.create(assessment_year=assessment_year, code=row["code"], **values)
                created += 1
            elif refresh:
                for name, value in values.items():
                    setattr(item, name, value)
                item.save()
                updated += 1
    return created, updated


def load_all(stdout=None, data_dir=DATA_DIR, refresh=False):
    for year, path in data_files(data_dir).items():
        created, updated = load_checklist(path, refresh)
        if stdout:
            stdout.write(f"OIT {year}: {created} new, {updated} updated")


# -- import from a spreadsheet in the admin ---------------------------------------------------

ITEM_COLUMNS = {
    "code": "รหัสข้อ",
    "title": "ชื่อข้อ",
    "group": "ตัวชี้วัดย่อย",
    "title_en": "ชื่อข้อ (อังกฤษ)",
    "requirement": "สิ่งที่ต้องเผยแพร่",
    "topics": "หน้าของพอร์ทัลที่เป็นหลักฐาน",
    "confidence": "ความเชื่อมั่นของแหล่งข้อมูล",
    "window": "ช่วงเวลาของหลักฐาน",
    "counts": "สิ่งที่นับเป็นหลักฐาน",
    "document_kinds": "หมวดเอกสารที่นับเป็นหลักฐาน",
}


# Two rows of the sample import file, as staff would fill them from the NACC manual.
SAMPLE_ROWS = [
    {"code": "O1", "title": "โครงสร้าง หน้าที่และอำนาจ", "group": "ข้อมูลพื้นฐาน",
     "title_en": "Structure and powers", "requirement": "แผนผังโครงสร้างและอำนาจหน้าที่ของหน่วยงาน",
     "topics": "structure|powers", "window": "in-force", "counts": "page", "document_kinds": "",
     "confidence": "คู่มือการประเมิน ITA"},
    {"code": "O14", "title": "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล", "group": "",
     "title_en": "HR report (previous FY)", "requirement": "รายงานผลของปีงบประมาณที่ผ่านมา",
     "topics": "hr-report", "window": "previous", "counts": "report", "document_kinds": "hr-report",
     "confidence": "คู่มือการประเมิน ITA"},
]


class OITItemRowForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An unknown code names the codes that are allowed, so staff can correct the sheet.
        for name, codes in (("topics", TOPICS), ("window", EvidenceWindow.values),
                            ("counts", EvidenceKind.values)):
            self.fields[name].error_messages["invalid_choice"] = _(
                "ไม่รู้จักรหัส %%(value)s ใช้ได้: %(codes)s") % {"codes": ", ".join(codes)}

    class Meta:
        model = OITItem
        fields = ["code", "title", "group", "title_en", "requirement", "topics", "confidence", "window",
                  "counts", "document_kinds"]


class OITItemImporter(importing.RowImporter):
    """Rows of one assessment year; the year is created when the import is confirmed."""

    columns = ITEM_COLUMNS
    optional_columns = ("group", "title_en", "requirement", "topics", "confidence", "window", "counts",
                        "document_kinds")
    row_form = OITItemRowForm

    def __init__(self, year, source=""):
        self.year, self.source = year, source
        self.target = AssessmentYear.objects.filter(year=year).first() or AssessmentYear(
            year=year, source=source
        )
        if self.target.is_confirmed:
            raise ValidationError(_("ปี %(year)s ยืนยันกับคู่มือแล้ว ต้องยกเลิกการยืนยันก่อนนำเข้าเพิ่ม") % {"year": year})

    def normalise(self, row):
        data = super().normalise(row)
        data["topics"] = parse_topics(row.get("topics"))
        # The code or the Thai label staff see in the admin; empty takes the model's default.
        for field, choices in (("window", EvidenceWindow), ("counts", EvidenceKind)):
            labels = {str(label): value for value, label in choices.choices}
            given = str(data.get(field) or "").strip()
            data[field] = labels.get(given, given) or OITItem._meta.get_field(field).default
        return data

    def display(self, data):
        return {**data, "topics": ", ".join(TOPICS.get(topic, topic) for topic in data["topics"])}

    def new_instance(self):
        return OITItem(assessment_year_id=self.year)

    def check_together(self, checked):
        taken = self._taken()
        seen = set()
        for row in checked:
            code = row.data.get("code")
            if code in taken:
                row.errors.append(
                    _("รหัสข้อ: ปี %(year)s มีข้อ %(code)s อยู่แล้ว") % {"year": self.year, "code": code}
                )
            elif code in seen:
                row.errors.append(_("รหัสข้อ: %(code)s ซ้ำกับแถวก่อนหน้า") % {"code": code})
            seen.add(code)

    def _taken(self):
        return set(OITItem.objects.filter(assessment_year=self.year).values_list("code", flat=True))

    def save_instances(self, instances):
        self.target, _new = AssessmentYear.objects.get_or_create(
            year=self.year, defaults={"source": self.source}
        )
        start = self.target.items.aggregate(last=Max("order"))["last"] or 0
        for order, item in enumerate(instances, start=start + 1):
            item.order = order
        OITItem.objects.bulk_create(instances)


class _DataFileRows(OITItemImporter):
    """The import's checks for a shipped data file, whose codes may already be loaded (a refresh)."""

    def __init__(self):
        self.year, self.source, self.target = None, "", None

    def _taken(self):
        return set()


class OITImportForm(importing.ImportForm):
    importer_class = OITItemImporter
    year = forms.IntegerField(label=gettext_lazy("ปีที่ประเมิน (พ.ศ.)"), validators=[validate_be_year])
    source = forms.CharField(
        label=gettext_lazy("ที่มาของรายการ"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("เช่น คู่มือการประเมิน ITA ประจำปี หรือหนังสือแจ้งของสำนักงาน ป.ป.ช."),
    )
    field_order = ["year", "source", "file"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if AssessmentYear.objects.confirmed().filter(year=year).exists():
            raise ValidationError(_("ปี %(year)s ยืนยันกับคู่มือแล้ว ต้องยกเลิกการยืนยันก่อนนำเข้าเพิ่ม") % {"year": year})
        return year

    def target(self):
        return {"year": self.cleaned_data["year"], "source": self.cleaned_data["source"]}

    @classmethod
    def importer_for(cls, target):
        return OITItemImporter(target["year"], target["source"])


# -- a new year takes the previous year's links, for staff to review --------------------------


def _same_title(text):
    """Titles compared without spaces or case: "ประกาศต่าง ๆ" and "ประกาศต่างๆ" are one title."""
    return re.sub(r"\s+", "", text).casefold()


class LinkCandidate:
    """A document linked to an item of the previous year, offered to the matching item of this year."""

    def __init__(self, item, previous_item, document, already_linked):
        self.item, self.previous_item, self.document = item, previous_item, document
        self.already_linked = already_linked
        self.same_code = item.code == previous_item.code
        self.same_title = _same_title(item.title) == _same_title(previous_item.title)

    @property
    def key(self):
        return f"{self.item.pk}:{self.document.pk}"

    @property
    def suggested(self):
        """Ticked in the review form: the title matches; a code alone may be a renumbered item."""
        return self.same_title and not self.already_linked


def link_candidates(assessment_year):
    """[LinkCandidate] for every document of the previous year whose item matches an item of
    this year by title (with or without the same code) or by code alone (shown, not ticked)."""
    previous = assessment_year.previous()
    if previous is None:
        return previous, []
    items = list(assessment_year.items.prefetch_related("documents"))
    by_title, by_code = {}, {}
    for old in previous.items.prefetch_related("documents"):
        by_title.setdefault(_same_title(old.title), []).append(old)
        by_code[old.code] = old
    candidates = []
    for item in items:
        titled = by_title.get(_same_title(item.title), [])
        match = next((old for old in titled if old.code == item.code), None) or (
            titled[0] if titled else None
        )
        match = match or by_code.get(item.code)
        if match is None:
            continue
        linked = {document.pk for document in item.documents.all()}
        candidates.extend(
            LinkCandidate(item, match, document, document.pk in linked) for document in match.documents.all()
        )
    return previous, candidates


@transaction.atomic
def copy_links(assessment_year, keys):
    """Link the reviewed pairs ("item:document" keys among the candidates); returns how many."""
    _previous, candidates = link_candidates(assessment_year)
    chosen = [
        candidate for candidate in candidates if candidate.key in set(keys) and not candidate.already_linked
    ]
    Document.oit_items.through.objects.bulk_create(
        [Document.oit_items.through(document_id=c.document.pk, oititem_id=c.item.pk) for c in chosen],
        ignore_conflicts=True,
    )
    return len(chosen)
