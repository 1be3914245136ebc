import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from disclosures.models import AssessmentYear, Category, Document, OITItem
from disclosures.oit_lists import load_all
from disclosures.search import DocumentSource
from search.index import refresh


def pdf_bytes():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name="แผนพัฒนา 2567.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def make_document(title="เอกสารทดสอบ", category="report", year=2567, published=True, date=None, **extra):
    extra.setdefault("external_url", "https://www.kppmu.go.th/example")
    return Document.objects.create(
        title=title,
        category=Category.objects.get(slug=category),
        fiscal_year=year,
        publication_date=date or datetime.date(2024, 1, 15),
        is_published=published,
        **extra,
    )


def many_documents(count, category="report"):
    """Bulk rows for query-count tests: the number of queries must not grow with them. Bulk
    writes send no signal, so the search index is refreshed as rebuild_search_index does."""
    category = Category.objects.get(slug=category)
    documents = Document.objects.bulk_create(
        Document(title=f"รายงานผลการดำเนินงานโครงการที่ {n} ของเทศบาล", summary="สรุปผลการตรวจสอบภายใน",
                 category=category, fiscal_year=2560 + n % 10, publication_date=datetime.date(2023, 1, 1),
                 is_published=True, external_url="https://www.kppmu.go.th/x")
        for n in range(count)
    )
    refresh(DocumentSource(), [document.pk for document in documents])


def confirm_years(*years, user=None):
    for year in AssessmentYear.objects.filter(year__in=years):
        year.confirm(user, "คู่มือการประเมิน ITA (ทดสอบ)")


def make_item(year=2599, code="O1", title="ทดสอบ", topics=(), **extra):
    assessment_year, _created = AssessmentYear.objects.get_or_create(year=year)
    return OITItem.objects.create(assessment_year=assessment_year, code=code, title=title,
                                  topics=list(topics),
                                  order=extra.pop("order", 1), **extra)


@pytest.fixture
def oit_items(db):
    """Every shipped list loaded as drafts; 2564 and 2566 confirmed, as most tests read them publicly."""
    load_all()
    confirm_years(2564, 2566)
