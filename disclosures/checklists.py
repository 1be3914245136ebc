"""OIT item lists as data: one CSV per assessment year in disclosures/data/oit_<year>.csv.

A new assessment year is a new file (and `manage.py load_oit_items`), never a code change.
Columns: year, code, group, title_th, title_en, requirement, topic (a key of
kpp_portal.ita.TOPICS when a page of the portal proves the item, else empty), confidence.
"""
import csv
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from kpp_portal.ita import TOPICS

from .models import OITItem

DATA_DIR = Path(__file__).resolve().parent / "data"
_FILE_NAME = re.compile(r"^oit_(\d{4})\.csv$")
REQUIRED_COLUMNS = {"year", "code", "group", "title_th", "title_en", "requirement", "topic"}


def data_files(data_dir=DATA_DIR):
    """{year: path} of every checklist data file."""
    found = {}
    for path in sorted(Path(data_dir).glob("oit_*.csv")):
        match = _FILE_NAME.match(path.name)
        if match:
            found[int(match.group(1))] = path
    return found


def read_checklist(path):
    """The rows of one data file, checked; raises ValidationError naming the line at fault."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or ())
        if missing:
            raise ValidationError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        rows = list(reader)
    codes = set()
    for line, row in enumerate(rows, start=2):
        if row["topic"] and row["topic"] not in TOPICS:
            raise ValidationError(f"{path.name} line {line}: unknown topic {row['topic']!r}")
        if not row["code"] or not row["title_th"] or not row["year"].isdigit():
            raise ValidationError(f"{path.name} line {line}: year, code and title_th are required")
        if row["code"] in codes:
            raise ValidationError(f"{path.name} line {line}: code {row['code']} twice")
        codes.add(row["code"])
    return rows


@transaction.atomic
def load_checklist(path):
    """Create or update the items of one year from its file; returns (created, updated).

    Items are matched on (year, code), so documents editors linked to an item stay linked
    when a title or requirement is corrected in the file."""
    created = updated = 0
    for order, row in enumerate(read_checklist(path), start=1):
        _item, was_created = OITItem.objects.update_or_create(
            assessment_year=int(row["year"]),
            code=row["code"],
            defaults={
                "order": order,
                "group": row["group"],
                "title": row["title_th"],
                "title_en": row["title_en"],
                "requirement": row["requirement"],
                "topic": row["topic"],
            },
        )
        created += was_created
        updated += not was_created
    return created, updated


def load_all(stdout=None, data_dir=DATA_DIR):
    for year, path in data_files(data_dir).items():
        created, updated = load_checklist(path)
        if stdout:
            stdout.write(f"OIT {year}: {created} new, {updated} updated")


class ChecklistRow:
    """One OIT item with what proves it: documents editors linked and pages of the portal."""

    def __init__(self, item, documents, pages):
        self.item = item
        self.documents = documents
        self.pages = pages
        self.document_count = item.published_count or 0

    @property
    def more_documents(self):
        """How many linked documents the page leaves out (the catalogue lists them all)."""
        return self.document_count - len(self.documents)

    @property
    def is_met(self):
        return bool(self.documents or self.pages)

    def evidence_paths(self):
        """URL paths of every piece of evidence, documents first. Documents by their short,
        ASCII-only URL (/disclosures/<id>/), which redirects to the readable one: a sheet for
        the NACC's system should not carry percent-encoded Thai."""
        return [document.get_short_url() for document in self.documents] + [path for _t, path in self.pages]


# The checklist page shows this many documents per item; the export lists all of them.
DOCUMENTS_PER_ITEM = 5


def checklist_rows(year, documents_per_item=None):
    """The rows of a year's checklist in a constant number of queries (items, their published
    documents, and each app's evidence())."""
    from kpp_portal.ita import portal_evidence

    items = list(OITItem.objects.for_year(year).with_published_documents(documents_per_item))
    if not items:
        return []
    pages = portal_evidence(year)
    return [ChecklistRow(item, item.published_documents, pages.get(item.topic, []) if item.topic else [])
            for item in items]
