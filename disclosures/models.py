"""Public information of the municipality, the ITA/OIT checklist it is assessed on each year,
its integrity measures and its corruption-risk register."""
import functools
import re
from decimal import Decimal
from pathlib import PurePath
from typing import NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import IntegerField, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
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




class TopicsField(models.CharField):
    """The kpp_portal.ita topics that prove an item, as a list. Stored as ",a,b," so that "names
    topic a" is a plain LIKE '%,a,%' on every database (an item merged from older ones names
    several topics)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    @staticmethod
    def split(value):
        if isinstance(value, (list, tuple)):
            return [topic for topic in value if topic]
        return [topic for topic in (value or "").split(",") if topic]

    def from_db_value(self, value, expression, connection):
        return self.split(value)

    def to_python(self, value):
        return self.split(value)

    def get_prep_value(self, value):
        if isinstance(value, str):
            return value
        topics = self.split(value)
        return f",{','.join(topics)}," if topics else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        unknown = [topic for topic in self.split(value) if topic not in ita.TOPICS]
        if unknown:
            raise ValidationError(_("ไม่รู้จักหัวข้อ: %(topics)s") % {"topics": ", ".join(unknown)})

    def formfield(self, **kwargs):
        from django import forms

        return forms.TypedMultipleChoiceField(
            label=self.verbose_name, required=False, help_text=self.help_text,
            choices=list(ita.TOPICS.items()), widget=forms.CheckboxSelectMultiple)

    @staticmethod
    def contains(topic):
        """Q for items that name `topic`."""
        return Q(topics__contains=f",{topic},")


class CurrentAssessment(NamedTuple):
    year: int  # the assessment year named on every page
    awaited: int | None  # the next year whose list is not confirmed yet
    fiscal_year: int  # today's fiscal year

    @property
    def is_behind(self):
        """Working on an older year's list while this year's is awaited."""
        return self.year < self.fiscal_year


class AssessmentYearQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def newest_confirmed(self):
        return self.confirmed().order_by("-year").first()

    def current(self, today=None):
        """The assessment the portal works on, the same on every page: the newest year confirmed
        against the NACC manual up to next fiscal year (staff confirm next year's list when the
        NACC publishes it, shortly before that year; one further ahead waits). `awaited` names
        the year whose list is still to come, up to next year."""
        fiscal_year = thai.fiscal_year_of(today or timezone.now())
        confirmed = sorted(self.confirmed().filter(year__lte=fiscal_year + 1, items__isnull=False)
                           .values_list("year", flat=True).distinct())
        if not confirmed:
            return None
        year = confirmed[-1]
        awaited = next((later for later in range(year + 1, fiscal_year + 2) if later not in confirmed), None)
        return CurrentAssessment(year, awaited, fiscal_year)


class AssessmentYear(models.Model):
    """One year of the NACC's ITA assessment, whose OIT list staff keep as data.

    The list changes between years and no NACC manual ships with the portal, so a year is a
    draft (seen by staff only, under a warning) until an editor confirms it against that year's
    manual; who confirmed it, when, and against which edition is recorded."""

    year = models.PositiveSmallIntegerField(_("ปีที่ประเมิน (พ.ศ.)"), unique=True,
                                            validators=[thai.validate_be_year])
    source = models.TextField(_("ที่มาของรายการ"), blank=True,
                              help_text=_("เช่น ไฟล์ข้อมูลที่โหลด หรือคู่มือ/หนังสือแจ้งของสำนักงาน ป.ป.ช."))
    confirmed_at = models.DateTimeField(_("ยืนยันกับคู่มือ ป.ป.ช. เมื่อ"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ผู้ยืนยัน"), null=True, blank=True,
                                     editable=False, on_delete=models.SET_NULL, related_name="+")
    manual_reference = models.CharField(_("คู่มือที่ใช้ตรวจสอบ"), max_length=300, blank=True, editable=False)
    oit_deadline = models.DateField(_("เผยแพร่ข้อมูล OIT ให้ครบภายในวันที่"), null=True, blank=True,
                                    help_text=_("วันสุดท้ายที่หน่วยงานต้องเผยแพร่และตอบแบบ OIT ตามคู่มือหรือหนังสือแจ้งของ "
                                                "สำนักงาน ป.ป.ช. ของปีนี้"))
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)

    objects = AssessmentYearQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("ปีที่ประเมิน ITA")
        verbose_name_plural = _("ปีที่ประเมิน ITA")

    def __str__(self):
        return str(self.year)

    def get_absolute_url(self):
        return reverse("disclosures:checklist", kwargs={"year": self.year})

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def confirm(self, user, manual_reference):
        if not self.items.exists():
            raise ValidationError(_("ปีที่ยังไม่มีรายการข้อ OIT ยืนยันไม่ได้"))
        self.confirmed_at, self.confirmed_by, self.manual_reference = timezone.now(), user, manual_reference
        self.save(update_fields=["confirmed_at", "confirmed_by", "manual_reference"])

    def withdraw_confirmation(self):
        self.confirmed_at, self.confirmed_by, self.manual_reference = None, None, ""
        self.save(update_fields=["confirmed_at", "confirmed_by", "manual_reference"])

    def previous(self):
        """The nearest earlier year that has items: where a new year's links are copied from."""
        return (AssessmentYear.objects.filter(year__lt=self.year, items__isnull=False)
                .order_by("-year").distinct().first())


class OITItemQuerySet(models.QuerySet):
    def for_year(self, year):
        return self.filter(assessment_year=year).order_by("order", "pk")

    def with_published_documents(self, limit=None):
        """Prefetch each item's published documents (newest first; at most `limit` per item)
        and count them all, in two queries however many documents there are."""
        # Only what a checklist row shows and its window needs: title, link, year, kind.
        documents = Document.objects.published().select_related("category").only(
            "pk", "title", "publication_date", "fiscal_year", "valid_until", "category__slug").order_by(
            "-publication_date", "-pk")
        if limit:
            documents = documents[:limit]  # one windowed query for all items
        count = (
            Document.objects.published().filter(oit_items=OuterRef("pk"))
            .order_by().values("oit_items").annotate(n=models.Count("pk")).values("n")
        )
        counted = self.annotate(published_count=models.Subquery(count, output_field=IntegerField()))
        return counted.prefetch_related(
            models.Prefetch("documents", queryset=documents, to_attr="published_documents"))

class EvidenceWindow(models.TextChoices):
    """The period an item's evidence must fall in, as the manual words each item."""

    YEAR = "year", _("ปีงบประมาณที่ประเมิน")
    PREVIOUS = "previous", _("ปีงบประมาณก่อนปีที่ประเมิน")
    HALF = "half", _("รอบ 6 เดือนแรกของปีงบประมาณที่ประเมิน")
    IN_FORCE = "in-force", _("ฉบับปัจจุบันที่ยังใช้บังคับ")


class EvidenceKind(models.TextChoices):
    """What counts as evidence of an item."""

    DOCUMENT = "document", _("เอกสารประเภทที่กำหนด ลงวันที่ในช่วงเวลา")
    REPORT = "report", _("รายงานที่ครอบคลุมช่วงเวลา")
    PAGE = "page", _("หน้าเว็บที่มีอยู่และใช้งานได้")
    RECORD = "record", _("บันทึกการดำเนินการที่มีผลแล้ว")


class OITItem(models.Model):
    """One item of a year's OIT list: loaded from disclosures/data/oit_<year>.csv, imported
    from a spreadsheet in the admin, or typed in by staff. Beside the manual's wording it keeps
    the window its evidence must fall in and what counts, which the checklist applies."""

    assessment_year = models.ForeignKey(AssessmentYear, to_field="year", db_column="assessment_year",
                                        on_delete=models.CASCADE, related_name="items",
                                        verbose_name=_("ปีที่ประเมิน (พ.ศ.)"))
    code = models.CharField(_("รหัสข้อ"), max_length=10)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    group = models.CharField(_("ตัวชี้วัดย่อย"), max_length=200, blank=True)
    title = models.CharField(_("ชื่อข้อ"), max_length=300)
    title_en = models.CharField(_("ชื่อข้อ (อังกฤษ)"), max_length=300, blank=True)
    requirement = models.TextField(_("สิ่งที่ต้องเผยแพร่"), blank=True)
    topics = TopicsField(_("หน้าของพอร์ทัลที่เป็นหลักฐาน"),
                         help_text=_("ข้อที่รวมหลายเรื่องเลือกได้หลายหัวข้อ ข้อนั้นครบเมื่อทุกหัวข้อมีหลักฐาน"))
    confidence = models.CharField(_("ความเชื่อมั่นของแหล่งข้อมูล"), max_length=300, blank=True)
    window = models.CharField(_("ช่วงเวลาของหลักฐาน"), max_length=10, choices=EvidenceWindow.choices,
                              default=EvidenceWindow.YEAR)
    counts = models.CharField(_("สิ่งที่นับเป็นหลักฐาน"), max_length=10, choices=EvidenceKind.choices,
                              default=EvidenceKind.PAGE)
    document_kinds = models.CharField(
        _("หมวดเอกสารที่นับเป็นหลักฐาน"), max_length=200, blank=True,
        help_text=_("รหัสหมวดเอกสาร คั่นด้วยจุลภาค เช่น work-manual: เอกสารที่เผยแพร่ในหมวดนี้และอยู่ในช่วงเวลา"
                    "นับเป็นหลักฐานโดยไม่ต้องเชื่อมโยงทีละฉบับ"))
    # What the portal cannot judge (what a PDF says) staff confirm, and the page says who and when.
    evidence_confirmed_at = models.DateTimeField(_("เจ้าหน้าที่ยืนยันหลักฐานเมื่อ"), null=True, blank=True,
                                                 editable=False)
    evidence_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("เจ้าหน้าที่ผู้ยืนยันหลักฐาน"), null=True, blank=True,
        editable=False, on_delete=models.SET_NULL, related_name="+")
    evidence_note = models.CharField(_("หลักฐานที่เจ้าหน้าที่ตรวจแล้ว"), max_length=300, blank=True,
                                     editable=False)

    objects = OITItemQuerySet.as_manager()

    class Meta:
        ordering = ["-assessment_year", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment_year", "code"], name="disclosures_oit_year_code_unique"
            )
        ]
        verbose_name = _("ข้อ OIT")
        verbose_name_plural = _("ข้อ OIT (รายการตรวจ ITA)")

    def __str__(self):
        return f"{self.assessment_year_id} {self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("disclosures:checklist", kwargs={"year": self.assessment_year_id}) + f"#{self.code}"

    @property
    def display_title(self):
        """The title in the page's language: the English site shows `title_en` where there is one."""
        if self.title_en and (translation.get_language() or "").startswith("en"):
            return self.title_en
        return self.title

    def topic_labels(self):
        return [ita.TOPICS.get(topic, topic) for topic in self.topics]

    @property
    def kinds(self):
        return [slug.strip() for slug in self.document_kinds.split(",") if slug.strip()]

    def window_fiscal_year(self):
        """The fiscal year the evidence must belong to (or be in force in)."""
        year = self.assessment_year_id
        return year - 1 if self.window == EvidenceWindow.PREVIOUS else year

    def window_label(self):
        """"ปีงบประมาณ 2568", "1 ต.ค. 2568 – 31 มี.ค. 2569", "ที่ใช้บังคับในปีงบประมาณ 2569"."""
        year = self.window_fiscal_year()
        if self.window == EvidenceWindow.HALF:
            start, end = thai.fiscal_half_range(year)
            return f"{thai.format_thai_date(start)} – {thai.format_thai_date(end)}"
        if self.window == EvidenceWindow.IN_FORCE:
            return _("ที่ใช้บังคับในปีงบประมาณ %(year)s") % {"year": year}
        return _("ปีงบประมาณ %(year)s") % {"year": year}

    def confirm_evidence(self, user, note):
        self.evidence_confirmed_at, self.evidence_confirmed_by = timezone.now(), user
        self.evidence_note = note
        self.save(update_fields=["evidence_confirmed_at", "evidence_confirmed_by", "evidence_note"])

    def withdraw_evidence_confirmation(self):
        self.evidence_confirmed_at, self.evidence_confirmed_by, self.evidence_note = None, None, ""
        self.save(update_fields=["evidence_confirmed_at", "evidence_confirmed_by", "evidence_note"])


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


class ITAAnalysis(models.Model):
    """The municipality's analysis of one year's ITA result and the measures it takes from it
    (the seed's table for 2564 is one): one record per assessed year, each with its own page."""

    assessment_year = fiscal_year_field(_("ผลการประเมิน ITA ปี (พ.ศ.)"), unique=True)
    score = models.DecimalField(_("คะแนนที่ได้"), max_digits=5, decimal_places=2, null=True, blank=True,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    level = models.CharField(_("ระดับผลการประเมิน"), max_length=30, blank=True, help_text=_("เช่น A หรือ AA"))
    summary = models.TextField(_("สรุปผลการวิเคราะห์"), blank=True)
    analysed_on = models.DateField(_("วันที่จัดทำ"), null=True, blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="ita_analyses",
                                       verbose_name=_("เอกสารประกอบ"))

    class Meta:
        ordering = ["-assessment_year"]
        verbose_name = _("การวิเคราะห์ผลการประเมิน ITA")
        verbose_name_plural = _("การวิเคราะห์ผลการประเมิน ITA")

    def __str__(self):
        return _("การวิเคราะห์ผลการประเมิน ITA ปี %(year)s") % {"year": self.assessment_year}

    def get_absolute_url(self):
        return reverse("disclosures:ita_analysis", kwargs={"year": self.assessment_year})


class ITAAnalysisRow(models.Model):
    """A row of the analysis table: a weak point, what to do about it, and what was done."""

    analysis = models.ForeignKey(ITAAnalysis, on_delete=models.CASCADE, related_name="rows",
                                 verbose_name=_("การวิเคราะห์"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    guideline = models.TextField(_("มาตรการ/แนวทาง"))
    recommendation = models.TextField(_("ข้อเสนอแนะ/แนวทาง"))
    timeframe = models.CharField(_("ระยะเวลาดำเนินการ"), max_length=200)
    actions = models.TextField(_("การดำเนินการ"))
    responsible = models.CharField(_("ผู้รับผิดชอบ"), max_length=200)

    class Meta:
        ordering = ["analysis", "order"]
        verbose_name = _("แถวของตารางวิเคราะห์ผลการประเมิน ITA")
        verbose_name_plural = _("แถวของตารางวิเคราะห์ผลการประเมิน ITA")

    def __str__(self):
        return self.guideline[:60]


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


def _not_in_the_future(day, field):
    if day and day > timezone.localdate():
        raise ValidationError({field: _("วันที่ต้องไม่อยู่ในอนาคต")})


# ประกาศคณะกรรมการ ป.ป.ช. เรื่อง หลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าพนักงานของรัฐ
# พ.ศ. 2543, ข้อ 5: from someone who is not a relative, at most 3,000 baht per giver per occasion.
NACC_GIFT_LIMIT = Decimal("3000")


class NoGiftDeclaration(models.Model):
    """The executive's No Gift Policy declaration for a fiscal year: the signed document, its date
    and who signed it."""

    fiscal_year = fiscal_year_field(unique=True)
    declared_on = models.DateField(_("วันที่ประกาศ"))
    signatory_name = models.CharField(_("ผู้ลงนาม"), max_length=200)
    signatory_position = models.CharField(_("ตำแหน่งผู้ลงนาม"), max_length=200)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="no_gift_declarations",
                                 verbose_name=_("เอกสารประกาศ"),
                                 help_text=_("เอกสารที่ลงนามแล้ว ซึ่งเผยแพร่ในหมวดเอกสาร"))

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("ประกาศเจตนารมณ์ No Gift Policy")
        verbose_name_plural = _("ประกาศเจตนารมณ์ No Gift Policy")

    def __str__(self):
        return _("ประกาศเจตนารมณ์ No Gift Policy ปีงบประมาณ %(year)s") % {"year": self.fiscal_year}

    def clean(self):
        _not_in_the_future(self.declared_on, "declared_on")
        # Signed for the year ahead (often in September) or during it.
        if self.declared_on and self.fiscal_year and \
                thai.fiscal_year_of(self.declared_on) not in (self.fiscal_year - 1, self.fiscal_year):
            raise ValidationError({"declared_on": _("วันที่ประกาศต้องอยู่ในปีงบประมาณ %(year)s หรือปีก่อนหน้า")
                                   % {"year": self.fiscal_year}})


class GiftRecord(models.Model):
    """A gift or other benefit received by a member of staff, as the responsible unit records it.
    The recipient is named by position only: the register is public."""

    class Action(models.TextChoices):
        RETURNED = "returned", _("ส่งคืนผู้ให้")
        KEPT = "kept", _("รับไว้ได้ตามหลักเกณฑ์ของประกาศ ป.ป.ช. พ.ศ. 2543")
        HANDED_OVER = "handed-over", _("ส่งมอบให้เทศบาล")

    received_on = models.DateField(_("วันที่ได้รับ"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"), editable=False, db_index=True)
    recipient_position = models.CharField(_("ตำแหน่งผู้รับ"), max_length=200,
                                          help_text=_("ระบุตำแหน่ง ไม่จำเป็นต้องระบุชื่อ"))
    giver = models.CharField(_("ผู้ให้ (หน่วยงาน/องค์กร)"), max_length=300)
    occasion = models.CharField(_("โอกาส"), max_length=200, blank=True, help_text=_("เช่น วันขึ้นปีใหม่"))
    description = models.TextField(_("ของขวัญหรือประโยชน์ที่ได้รับ"))
    estimated_value = models.DecimalField(_("มูลค่าโดยประมาณ (บาท)"), max_digits=12, decimal_places=2,
                                          validators=[MinValueValidator(0)])
    action = models.CharField(_("การดำเนินการ"), max_length=20, choices=Action.choices)
    action_note = models.TextField(_("รายละเอียดการดำเนินการ"), blank=True,
                                   help_text=_("เช่น วันที่ส่งคืน หรือหน่วยงานที่รับมอบ"))
    recorded_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ผู้บันทึก"), null=True, blank=True,
                                    editable=False, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("การรับของขวัญหรือประโยชน์อื่นใด")
        verbose_name_plural = _("ทะเบียนการรับของขวัญและประโยชน์อื่นใด")

    def __str__(self):
        return f"{thai.format_thai_date(self.received_on)} · {self.recipient_position} · {self.giver}"

    def clean(self):
        _not_in_the_future(self.received_on, "received_on")
        if self.action == self.Action.KEPT and self.estimated_value is not None \
                and self.estimated_value > NACC_GIFT_LIMIT:
            raise ValidationError({"action": _(
                "มูลค่าเกิน %(limit)s บาท รับไว้เองไม่ได้ตามประกาศ ป.ป.ช. พ.ศ. 2543 ให้ส่งคืนผู้ให้หรือส่งมอบให้เทศบาล")
                % {"limit": thai.format_baht(NACC_GIFT_LIMIT)}})

    def save(self, *args, **kwargs):
        self.fiscal_year = thai.fiscal_year_of(self.received_on)
        super().save(*args, **kwargs)


class GiftYearStatement(models.Model):
    """The responsible unit's statement that a fiscal year's register is complete. Only with it
    does a year without records read "ไม่มีการรับของขวัญ": silence is not a statement."""

    fiscal_year = fiscal_year_field(unique=True)
    stated_on = models.DateField(_("วันที่รายงาน"))
    stated_by = models.CharField(_("ผู้รายงาน (ตำแหน่ง)"), max_length=200)
    note = models.TextField(_("หมายเหตุ"), blank=True)
    document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("เอกสารรายงาน (ถ้ามี)"))

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("รายงานผลการรับของขวัญประจำปี")
        verbose_name_plural = _("รายงานผลการรับของขวัญประจำปี")

    def __str__(self):
        return _("รายงานการรับของขวัญ ปีงบประมาณ %(year)s") % {"year": self.fiscal_year}

    def clean(self):
        _not_in_the_future(self.stated_on, "stated_on")
        year_start = thai.fiscal_year_range(self.fiscal_year)[0] if self.fiscal_year else None
        if self.stated_on and year_start and self.stated_on < year_start:
            raise ValidationError({"stated_on": _("รายงานได้ตั้งแต่ต้นปีงบประมาณ %(year)s เป็นต้นไป")
                                   % {"year": self.fiscal_year}})


class EthicsActivity(models.Model):
    """An ethics training or promotion activity, or one building the No Gift culture: a dated
    record with its participants and evidence, like the integrity measures' progress."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("อบรม/ให้ความรู้ด้านจริยธรรม")
        PROMOTION = "promotion", _("กิจกรรมส่งเสริมจริยธรรม")
        NO_GIFT = "no-gift", _("กิจกรรมสร้างวัฒนธรรม No Gift")

    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("ชื่อกิจกรรม"), max_length=300)
    held_on = models.DateField(_("วันที่จัด"))
    participants = models.PositiveIntegerField(_("จำนวนผู้เข้าร่วม (คน)"), null=True, blank=True,
                                               help_text=_("เว้นว่างเมื่อไม่มีบันทึกจำนวน"))
    audience = models.CharField(_("กลุ่มเป้าหมาย"), max_length=300, blank=True)
    description = models.TextField(_("รายละเอียดและผล"), blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="ethics_activities",
                                       verbose_name=_("เอกสารหลักฐาน"))

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("กิจกรรมด้านจริยธรรม")
        verbose_name_plural = _("กิจกรรมด้านจริยธรรมและ No Gift")

    def __str__(self):
        return f"{thai.format_thai_date(self.held_on)} · {self.title}"

    def clean(self):
        _not_in_the_future(self.held_on, "held_on")

    @property
    def fiscal_year(self):
        return thai.fiscal_year_of(self.held_on)


class EthicsAssessment(models.Model):
    """The yearly assessment of staff's knowledge and observance of the code of ethics."""

    fiscal_year = fiscal_year_field(unique=True)
    assessed_on = models.DateField(_("วันที่ประเมิน"))
    method = models.TextField(_("วิธีการประเมิน"))
    result = models.TextField(_("ผลการประเมิน"))
    score = models.DecimalField(_("ผลเป็นร้อยละ (ถ้ามี)"), max_digits=5, decimal_places=2, null=True, blank=True,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    documents = models.ManyToManyField(Document, blank=True, related_name="ethics_assessments",
                                       verbose_name=_("เอกสารหลักฐาน"))

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("ผลการประเมินจริยธรรมประจำปี")
        verbose_name_plural = _("ผลการประเมินจริยธรรมประจำปี")

    def __str__(self):
        return _("ผลการประเมินจริยธรรม ปีงบประมาณ %(year)s") % {"year": self.fiscal_year}

    def clean(self):
        _not_in_the_future(self.assessed_on, "assessed_on")


class EITSurveyQuerySet(models.QuerySet):
    def open_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class EITSurvey(models.Model):
    """The NACC's survey of service users (EIT) for an assessment year: its link, shown with a
    QR code the portal draws, and on the home page while it is open."""

    assessment_year = fiscal_year_field(_("ปีที่ประเมิน (พ.ศ.)"), unique=True)
    url = models.URLField(_("ลิงก์แบบสำรวจ EIT ของสำนักงาน ป.ป.ช."), max_length=500)
    opens_on = models.DateField(_("เปิดตอบตั้งแต่"))
    closes_on = models.DateField(_("ปิดรับคำตอบวันที่"))
    note = models.TextField(_("คำชี้แจงถึงผู้รับบริการ"), blank=True)

    objects = EITSurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-assessment_year"]
        verbose_name = _("แบบสำรวจ EIT")
        verbose_name_plural = _("แบบสำรวจ EIT")

    def __str__(self):
        return _("แบบสำรวจ EIT ปี %(year)s") % {"year": self.assessment_year}

    def get_absolute_url(self):
        return reverse("disclosures:eit", kwargs={"year": self.assessment_year})

    def clean(self):
        errors = {}
        if self.url and not self.url.startswith("https://"):
            errors["url"] = _("ลิงก์ต้องขึ้นต้นด้วย https://")
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("วันปิดต้องไม่ก่อนวันเปิด")
        if errors:
            raise ValidationError(errors)

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on
