"""The catalogue of public documents and their categories."""
import functools
import re
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from kpp_portal import thai
from kpp_portal.uploads import CheckedFileField

# What an editor may attach to a public document (checked by content).
ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "odt", "ods", "jpeg", "png")

# Thai vowels and tone marks are combining characters, which Django's slugify drops: keep the
# whole Thai block so the readable part of a URL stays readable.
_NOT_SLUG = re.compile(r"[^0-9A-Za-z\u0E00-\u0E7F]+")


def readable_slug(text, max_length=60):
    return _NOT_SLUG.sub("-", text).strip("-")[:max_length].strip("-").lower() or "document"


# quote() of a readable slug without quote()'s byte-by-byte Python loop (~30 µs a Thai title;
# the checklist links over a thousand documents). A slug holds ASCII letters and digits, which
# stay as they are, "-" and Thai, each Thai character three bytes of UTF-8.
_THAI_RUN = re.compile("[\u0E00-\u0E7F]+")


def _percent(match):
    return "%" + match.group().encode().hex("%").upper()


def quoted_slug(slug):
    """quote(slug) of a readable_slug() (tests/disclosures/test_documents.py compares them)."""
    parts = []
    for part in slug.split("-"):
        if not part.isascii():
            encoded = part.encode()
            all_thai = len(encoded) == 3 * len(part)
            part = "%" + encoded.hex("%").upper() if all_thai else _THAI_RUN.sub(_percent, part)
        parts.append(part)
    return "-".join(parts)


@functools.cache
def _catalogue_url():
    return reverse("disclosures:index")


def document_url(pk, title):
    """A document's readable URL from its pk and title, for lists read without model instances.
    Built from the catalogue's URL rather than reverse() per document: pages such as the
    checklist link hundreds of documents, and reverse() with Thai text costs ~50 µs each.
    tests/disclosures/test_documents.py checks it against reverse("disclosures:document")."""
    return f"{_catalogue_url()}{pk}-{quoted_slug(readable_slug(title))}/"


FISCAL_YEAR_LABEL = _("ปีงบประมาณ (พ.ศ.)")


def fiscal_year_field(verbose_name=FISCAL_YEAR_LABEL, **kwargs):
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[thai.validate_be_year], **kwargs
    )


class Category(models.Model):
    """A kind of document. The slug is stable: feeds, filters and code (e.g. "declaration")
    refer to it, so it is set once and never changes with the name."""

    name = models.CharField(_("ชื่อหมวด"), max_length=200)
    slug = models.SlugField(_("รหัสหมวด (ใช้ในลิงก์)"), max_length=50, unique=True)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=100)

    # Categories code relies on.
    DECLARATION = "declaration"
    NEWSLETTER = "newsletter"

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("หมวดเอกสาร")
        verbose_name_plural = _("หมวดเอกสาร")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("disclosures:index") + f"?category={self.slug}"


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, publication_date__lte=timezone.localdate())


def attachment_path(document, filename):
    # A random folder per upload: a replaced file never overwrites another, and names cannot
    # be guessed. The public URL is the document's own download URL, which never changes.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"disclosures/{timezone.now():%Y/%m}/{get_random_string(16)}{suffix}"


class Document(models.Model):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="documents",
                                 verbose_name=_("หมวด"))
    title = models.CharField(_("ชื่อเอกสาร"), max_length=300)
    summary = models.TextField(_("สาระสำคัญโดยย่อ"), blank=True)
    fiscal_year = fiscal_year_field()
    publication_date = models.DateField(_("วันที่เผยแพร่"), default=timezone.localdate)
    attachment = CheckedFileField(_("ไฟล์แนบ"), upload_to=attachment_path, blank=True, max_length=200,
                                  kinds=ATTACHMENT_KINDS, max_bytes="DISCLOSURES_UPLOAD_MAX_BYTES")
    original_filename = models.CharField(_("ชื่อไฟล์เดิม"), max_length=255, blank=True, editable=False)
    content_type = models.CharField(_("ชนิดไฟล์"), max_length=120, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("ขนาดไฟล์ (ไบต์)"), null=True, blank=True, editable=False)
    external_url = models.URLField(_("ลิงก์ภายนอก"), blank=True, max_length=500,
                                   help_text=_("ใช้เมื่อเอกสารอยู่บนเว็บไซต์อื่น แทนการแนบไฟล์"))
    valid_until = models.PositiveSmallIntegerField(
        _("ใช้ถึงปีงบประมาณ (พ.ศ.)"), null=True, blank=True,
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
        help_text=_("สำหรับแผนหลายปีหรือคู่มือที่ใช้หลายปี เช่น แผนพัฒนาท้องถิ่น 2566–2570 ใส่ 2570; "
                    "เว้นว่างเมื่อใช้จนกว่าจะมีฉบับใหม่"))
    is_published = models.BooleanField(_("เผยแพร่"), default=False)
    oit_items = models.ManyToManyField("OITItem", blank=True, related_name="documents",
                                       verbose_name=_("ข้อ OIT ที่เอกสารนี้เป็นหลักฐาน"))
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-publication_date", "-pk"]
        verbose_name = _("เอกสารเผยแพร่")
        verbose_name_plural = _("เอกสารเผยแพร่")
        indexes = [
            models.Index(fields=["is_published", "-publication_date"], name="disclosures_doc_pub_idx"),
            models.Index(fields=["category", "fiscal_year"], name="disclosures_doc_cat_year_idx"),
            # The catalogue's year list, count and year filter read the published documents'
            # years and dates from the index alone (5 ms -> 1 ms each at 10,000 documents).
            models.Index(fields=["-fiscal_year", "publication_date"], condition=models.Q(is_published=True),
                         name="disclosures_doc_year_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def slug(self):
        return readable_slug(self.title)

    def get_absolute_url(self):
        return document_url(self.pk, self.title)

    def get_short_url(self):
        return reverse("disclosures:document_short", kwargs={"pk": self.pk})

    def get_download_url(self):
        return reverse("disclosures:download", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self):
        if not self.attachment and not self.external_url:
            raise ValidationError(_("ต้องแนบไฟล์หรือระบุลิงก์ภายนอกอย่างใดอย่างหนึ่ง"))

    @property
    def file_label(self):
        """"PDF", "Word (DOCX)", … for the list and detail pages."""
        from kpp_portal.uploads import KINDS

        for content_type, _ext, label in KINDS.values():
            if content_type == self.content_type:
                return label
        return ""

    @property
    def is_public(self):
        return self.is_published and self.publication_date <= timezone.localdate()
