"""The ITA/OIT assessment: the yearly checklist, its items, the analysis of a year's result and the
EIT survey."""
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import IntegerField, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kpp_portal import ita, thai

from .catalogue import Document, fiscal_year_field


class TopicsField(models.CharField):
    """The kpp_portal.ita topics that prove an item, as a list. Stored as ",a,b," so that "names
    topic a" is a plain LIKE '%,a,%' on every database (an item merged from older ones names
    several topics)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # The migrations name the field by where it was first defined.
        name, _path, args, kwargs = super().deconstruct()
        return name, "disclosures.models.TopicsField", args, kwargs

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
        return reverse("disclosures:checklist", kwargs={"assessment_year": self.year})

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
    def for_year(self, assessment_year):
        return self.filter(assessment_year=assessment_year).order_by("order", "pk")

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
        checklist = reverse("disclosures:checklist", kwargs={"assessment_year": self.assessment_year_id})
        return f"{checklist}#{self.code}"

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
        return reverse("disclosures:ita_analysis", kwargs={"assessment_year": self.assessment_year})


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
        return reverse("disclosures:eit", kwargs={"assessment_year": self.assessment_year})

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
