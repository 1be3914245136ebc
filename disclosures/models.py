"""Public information of the municipality, the ITA/OIT checklist it is assessed on each year,
its integrity measures and its corruption-risk register."""
import functools
import re
from pathlib import PurePath
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, IntegerField, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from kpp_portal import ita, thai
from kpp_portal.uploads import CheckedFileField

# What an editor may attach to a public document (checked by content).
ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "odt", "ods", "jpeg", "png")

# Thai vowels and tone marks are combining characters, which Django's slugify drops: keep the
# whole Thai block so the readable part of a URL stays readable.
_NOT_SLUG = re.compile(r"[^0-9A-Za-z\u0E00-\u0E7F]+")


def readable_slug(text, max_length=60):
    return _NOT_SLUG.sub("-", text).strip("-")[:max_length].strip("-").lower() or "document"


@functools.cache
def _catalogue_url():
    return reverse("disclosures:index")


FISCAL_YEAR_LABEL = _("ปีงบประมาณ (พ.ศ.)")


def fiscal_year_field(verbose_name=FISCAL_YEAR_LABEL, **kwargs):
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(2500), MaxValueValidator(2700)], **kwargs
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
        ]

    def __str__(self):
        return self.title

    @property
    def slug(self):
        return readable_slug(self.title)

    def get_absolute_url(self):
        # Built from the catalogue's URL rather than reverse() per document: pages such as the
        # checklist link hundreds of documents, and reverse() with Thai text costs ~50 µs each.
        # tests/disclosures/test_documents.py checks it against reverse("disclosures:document").
        return f"{_catalogue_url()}{self.pk}-{quote(self.slug)}/"

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




class OITItemQuerySet(models.QuerySet):
    def for_year(self, year):
        return self.filter(assessment_year=year).order_by("order")

    def with_published_documents(self, limit=None):
        """Prefetch each item's published documents (newest first; at most `limit` per item)
        and count them all, in two queries however many documents there are."""
        # Only what a checklist row shows: the title and the link.
        documents = Document.objects.published().only("pk", "title", "publication_date").order_by(
            "-publication_date", "-pk")
        if limit:
            documents = documents[:limit]  # one windowed query for all items
        count = (
            Document.objects.published().filter(oit_items=OuterRef("pk"))
            .order_by().values("oit_items").annotate(n=models.Count("pk")).values("n")
        )
        return self.annotate(
            published_count=models.Subquery(count, output_field=IntegerField())
        ).prefetch_related(models.Prefetch("documents", queryset=documents, to_attr="published_documents"))

    def met_condition(self):
        """Q for items that have evidence: a published linked document, or a portal page of
        their topic for their year (one portal_evidence call per distinct year)."""
        linked = Exists(Document.objects.published().filter(oit_items=OuterRef("pk")))
        met = Q(linked)
        for year in self.order_by().values_list("assessment_year", flat=True).distinct():
            topics = [topic for topic, links in ita.portal_evidence(year).items() if links]
            met |= Q(assessment_year=year, topic__in=topics)
        return met

    def missing(self):
        return self.exclude(self.met_condition())

    def met(self):
        return self.filter(self.met_condition())


class OITItem(models.Model):
    """One item of a year's OIT list, loaded from disclosures/data/oit_<year>.csv."""

    assessment_year = models.PositiveSmallIntegerField(_("ปีที่ประเมิน (พ.ศ.)"))
    code = models.CharField(_("รหัสข้อ"), max_length=10)
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    group = models.CharField(_("ตัวชี้วัดย่อย"), max_length=200, blank=True)
    title = models.CharField(_("ชื่อข้อ"), max_length=300)
    title_en = models.CharField(_("ชื่อข้อ (อังกฤษ)"), max_length=300, blank=True)
    requirement = models.TextField(_("สิ่งที่ต้องเผยแพร่"), blank=True)
    topic = models.CharField(_("หน้าของพอร์ทัลที่เป็นหลักฐาน"), max_length=50, blank=True,
                             choices=[("", "-")] + list(ita.TOPICS.items()))

    objects = OITItemQuerySet.as_manager()

    class Meta:
        ordering = ["-assessment_year", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment_year", "code"], name="disclosures_oit_year_code_unique"
            )
        ]
        verbose_name = _("ข้อ OIT")
        verbose_name_plural = _("ข้อ OIT (รายการตรวจ ITA)")

    def __str__(self):
        return f"{self.assessment_year} {self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("disclosures:checklist", kwargs={"year": self.assessment_year}) + f"#{self.code}"


class IntegrityMeasure(models.Model):
    """One of the municipality's measures to promote integrity and transparency (seed §1–6)."""

    number = models.PositiveSmallIntegerField(_("ข้อที่"), unique=True)
    title = models.CharField(_("ชื่อมาตรการ"), max_length=300)
    description = models.TextField(_("รายละเอียด"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส")
        verbose_name_plural = _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส")

    def __str__(self):
        return f"{self.number}. {self.title}"


class MeasureUpdate(models.Model):
    """A dated report of what was done under a measure, with its evidence."""

    measure = models.ForeignKey(IntegrityMeasure, on_delete=models.CASCADE, related_name="updates",
                                verbose_name=_("มาตรการ"))
    date = models.DateField(_("วันที่"))
    text = models.TextField(_("การดำเนินการ"))
    documents = models.ManyToManyField(Document, blank=True, related_name="measure_updates",
                                       verbose_name=_("เอกสารหลักฐาน"))

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("ความคืบหน้าของมาตรการ")
        verbose_name_plural = _("ความคืบหน้าของมาตรการ")

    def __str__(self):
        return f"{self.measure.number} · {thai.format_thai_date(self.date)}"


class ITAAnalysisRow(models.Model):
    """A row of the municipality's analysis of its ITA result for a fiscal year."""

    fiscal_year = fiscal_year_field()
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    guideline = models.TextField(_("มาตรการ/แนวทาง"))
    recommendation = models.TextField(_("ข้อเสนอแนะ/แนวทาง"))
    timeframe = models.CharField(_("ระยะเวลาดำเนินการ"), max_length=200)
    actions = models.TextField(_("การดำเนินการ"))
    responsible = models.CharField(_("ผู้รับผิดชอบ"), max_length=200)

    class Meta:
        ordering = ["-fiscal_year", "order"]
        verbose_name = _("ตารางวิเคราะห์ผลการประเมิน ITA")
        verbose_name_plural = _("ตารางวิเคราะห์ผลการประเมิน ITA")

    def __str__(self):
        return f"{self.fiscal_year} · {self.guideline[:60]}"


class Indicator(models.Model):
    """A measured result of a measure, e.g. the conflict-of-interest test before and after training."""

    measure = models.ForeignKey(IntegrityMeasure, on_delete=models.CASCADE, related_name="indicators",
                                verbose_name=_("มาตรการ"))
    fiscal_year = fiscal_year_field()
    title = models.CharField(_("ตัวชี้วัด"), max_length=300)
    unit = models.CharField(_("หน่วย"), max_length=30, default="ร้อยละ")

    class Meta:
        ordering = ["measure__number", "-fiscal_year"]
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")

    def __str__(self):
        return self.title


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values",
                                  verbose_name=_("ตัวชี้วัด"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    label = models.CharField(_("ช่วงที่วัด"), max_length=100)
    level = models.CharField(_("ระดับ"), max_length=100, blank=True)
    value = models.DecimalField(_("ค่า"), max_digits=6, decimal_places=2,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])

    class Meta:
        ordering = ["order"]
        verbose_name = _("ค่าตัวชี้วัด")
        verbose_name_plural = _("ค่าตัวชี้วัด")

    def __str__(self):
        return f"{self.label}: {self.value}"


class RiskLevel(models.TextChoices):
    LOW = "low", _("ต่ำ")
    MEDIUM = "medium", _("ปานกลาง")
    HIGH = "high", _("สูง")
    VERY_HIGH = "very-high", _("สูงมาก")


def risk_level(likelihood, impact):
    """Level of a risk from likelihood × impact (1–25), in the bands of the usual Thai 5×5
    risk matrix used by local governments: 1–3 low, 4–8 medium, 9–14 high, 15–25 very high."""
    score = likelihood * impact
    if score >= 15:
        return RiskLevel.VERY_HIGH
    if score >= 9:
        return RiskLevel.HIGH
    if score >= 4:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


class RiskEntry(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("วางแผนแล้ว")
        IN_PROGRESS = "in-progress", _("กำลังดำเนินการ")
        DONE = "done", _("ดำเนินการแล้ว")

    score_validators = [MinValueValidator(1), MaxValueValidator(5)]

    fiscal_year = fiscal_year_field()
    process = models.CharField(_("กระบวนงาน"), max_length=300)
    risk = models.TextField(_("ความเสี่ยงการทุจริต"))
    likelihood = models.PositiveSmallIntegerField(_("โอกาสเกิด (1–5)"), validators=score_validators)
    impact = models.PositiveSmallIntegerField(_("ผลกระทบ (1–5)"), validators=score_validators)
    controls = models.TextField(_("มาตรการควบคุม/การจัดการความเสี่ยง"), blank=True)
    owner = models.CharField(_("ผู้รับผิดชอบ"), max_length=200)
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["-fiscal_year", "pk"]
        verbose_name = _("ความเสี่ยงการทุจริต")
        verbose_name_plural = _("ทะเบียนความเสี่ยงการทุจริต")
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5), name="disclosures_risk_likelihood_1_5"
            ),
            models.CheckConstraint(
                condition=Q(impact__gte=1, impact__lte=5), name="disclosures_risk_impact_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.fiscal_year} · {self.process}"

    @property
    def score(self):
        return self.likelihood * self.impact

    @property
    def level(self):
        return risk_level(self.likelihood, self.impact)

    def get_level_display(self):
        return self.level.label
