"""Who runs the town, what it announces, and what citizens ask it (OIT O1–O3, O6–O8)."""
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.images import PictureMixin
from kpp_portal.thai import fiscal_year_bounds, shorten
from kpp_portal.uploads import CheckedFileField


class Division(models.Model):
    """One box of the organisation chart: an office, a division, a section or a unit."""

    class Kind(models.TextChoices):
        # The top box of the chart is the municipality itself, not "another unit".
        MUNICIPALITY = "municipality", _("เทศบาล")
        OFFICE = "office", _("สำนัก")
        DIVISION = "division", _("กอง")
        SECTION = "section", _("ฝ่าย")
        UNIT = "unit", _("งาน")
        OTHER = "other", _("หน่วยงานอื่น")

    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices, default=Kind.DIVISION)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("สังกัด"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    head_position = models.CharField(_("ตำแหน่งหัวหน้าหน่วยงาน"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์ภายใน"), max_length=100, blank=True)
    duties = models.TextField(_("ภารกิจโดยย่อ"), blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("หน่วยงานในโครงสร้าง")
        verbose_name_plural = _("โครงสร้างหน่วยงาน")

    def __str__(self):
        return self.name

    def clean(self):
        # A unit cannot sit under itself or under one of its own sub-units.
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("หน่วยงานไม่สามารถสังกัดตัวเองหรือหน่วยงานย่อยของตัวเองได้")})
            ancestor = ancestor.parent

    @classmethod
    def tree(cls):
        """Top-level units, each with `.subunits` filled in: one query for the whole chart."""
        units = list(cls.objects.all())
        by_parent = {}
        for unit in units:
            by_parent.setdefault(unit.parent_id, []).append(unit)
        for unit in units:
            unit.subunits = by_parent.get(unit.pk, [])
        return by_parent.get(None, [])


class Person(PictureMixin, models.Model):
    """An executive or a council member (OIT O2): position and term, photo optional."""

    class Body(models.TextChoices):
        EXECUTIVE = "executive", _("คณะผู้บริหาร")
        COUNCIL = "council", _("สมาชิกสภาเทศบาล")
        OFFICIAL = "official", _("หัวหน้าส่วนราชการ")

    body = models.CharField(_("คณะ"), max_length=20, choices=Body.choices, default=Body.EXECUTIVE)
    position = models.CharField(_("ตำแหน่ง"), max_length=200)
    name = models.CharField(_("ชื่อ-สกุล"), max_length=200, blank=True)
    term_start = models.DateField(_("เริ่มวาระ"), null=True, blank=True)
    term_end = models.DateField(_("สิ้นสุดวาระ"), null=True, blank=True)
    # Contact details of the office held (OIT O2 asks for them): the office's phone and e-mail,
    # not a private number.
    phone = models.CharField(_("โทรศัพท์"), max_length=100, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    photo_sizes = models.JSONField(_("ภาพถ่าย (ขนาดต่าง ๆ)"), default=list, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    picture_folder = "people"
    picture_widths = (160, 320, 640)

    class Meta:
        ordering = ["body", "order", "position"]
        verbose_name = _("ผู้บริหาร/สมาชิกสภา")
        verbose_name_plural = _("ผู้บริหารและสมาชิกสภา")

    def __str__(self):
        return f"{self.position} {self.name}".strip()

    def clean(self):
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("วันสิ้นสุดวาระต้องไม่ก่อนวันเริ่มวาระ")})


class Page(models.Model):
    """An editable page of the about section whose earlier versions stay readable."""

    class Kind(models.TextChoices):
        POWERS = "powers", _("อำนาจหน้าที่")
        LAWS = "laws", _("กฎหมายที่เกี่ยวข้อง")
        # The code of ethics and its Do's & Don'ts keep the same history of versions.
        ETHICS_CODE = "ethics-code", _("ประมวลจริยธรรม")
        ETHICS_GUIDE = "ethics-guide", _("แนวทางปฏิบัติตามประมวลจริยธรรม (Do's & Don'ts)")

    kind = models.CharField(_("หน้า"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("หัวเรื่อง"), max_length=200)
    body = models.TextField(
        _("เนื้อหา"), help_text=_("ข้อความธรรมดา เว้นบรรทัดเพื่อขึ้นย่อหน้าใหม่ ลิงก์ที่ขึ้นต้นด้วย https:// จะกดได้")
    )
    is_published = models.BooleanField(_("เผยแพร่"), default=False)
    updated_at = models.DateTimeField(_("ปรับปรุงล่าสุด"), default=timezone.now)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("หน้าข้อมูลเทศบาล")
        verbose_name_plural = _("หน้าข้อมูลเทศบาล")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"municipality:{self.kind}")

    def get_preview_url(self):
        return reverse("municipality:page_preview", args=[self.kind])

    def record_version(self, user=None):
        """Keep what the page says now as a version citizens can reopen later.

        Called after every save whose title or body changed, so the newest version is
        always the current text and the ones before it are the page's history."""
        latest = self.versions.first()
        if latest and (latest.title, latest.body) == (self.title, self.body):
            return None
        self.updated_at = timezone.now()
        Page.objects.filter(pk=self.pk).update(updated_at=self.updated_at)
        return self.versions.create(
            title=self.title, body=self.body, created_by=user, created_at=self.updated_at
        )


class PageVersion(models.Model):
    page = models.ForeignKey(Page, verbose_name=_("หน้า"), on_delete=models.CASCADE, related_name="versions")
    title = models.CharField(_("หัวเรื่อง"), max_length=200)
    body = models.TextField(_("เนื้อหา"))
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("บันทึกโดย"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ฉบับของหน้า")
        verbose_name_plural = _("ฉบับของหน้า")

    def __str__(self):
        return f"{self.title} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("municipality:page_version", args=[self.page.kind, self.pk])


class PageReference(models.Model):
    """A law, regulation or by-law cited by a page: a link to the official text or a document."""

    page = models.ForeignKey(Page, verbose_name=_("หน้า"), on_delete=models.CASCADE, related_name="references")
    title = models.CharField(_("ชื่อกฎหมาย/เอกสาร"), max_length=300)
    url = models.URLField(_("ลิงก์ตัวบท"), blank=True, help_text=_("เช่น ลิงก์ไปยังระบบกลางทางกฎหมาย"))
    document = CheckedFileField(
        _("ไฟล์เอกสาร"), upload_to="pages/", blank=True, kinds={"pdf", "docx", "odt"},
        help_text=_("PDF, DOCX หรือ ODT"),
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("กฎหมาย/เอกสารอ้างอิง")
        verbose_name_plural = _("กฎหมาย/เอกสารอ้างอิง")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.url and not self.document:
            raise ValidationError(_("กรุณาใส่ลิงก์ตัวบทหรือแนบไฟล์เอกสารอย่างน้อยหนึ่งอย่าง"))


class NewsCategory(models.Model):
    name = models.CharField(_("ชื่อหมวด"), max_length=100)
    slug = models.SlugField(_("ชื่อในลิงก์ (อักษรอังกฤษ)"), unique=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("หมวดข่าว")
        verbose_name_plural = _("หมวดข่าว")

    def __str__(self):
        return self.name


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        """What citizens see now: publish time reached, not yet expired."""
        now = timezone.now()
        return self.filter(publish_at__lte=now).filter(
            models.Q(expire_at__isnull=True) | models.Q(expire_at__gt=now)
        )

    def in_fiscal_year(self, fiscal_year):
        start, end = fiscal_year_bounds(fiscal_year)
        return self.filter(publish_at__gte=start, publish_at__lt=end)


class NewsItem(PictureMixin, models.Model):
    """ข่าวประชาสัมพันธ์ (OIT O7). No publish time = draft; editors schedule both ends."""

    title = models.CharField(_("หัวข้อข่าว"), max_length=250)
    slug = models.SlugField(
        _("ชื่อในลิงก์ (อักษรอังกฤษ)"), max_length=80, blank=True,
        help_text=_("ไม่บังคับ เช่น songkran-festival ใช้ต่อท้ายเลขข่าวในลิงก์"),
    )
    category = models.ForeignKey(
        NewsCategory, verbose_name=_("หมวด"), on_delete=models.PROTECT, related_name="news"
    )
    summary = models.CharField(_("ข้อความย่อ"), max_length=400, blank=True)
    body = models.TextField(_("เนื้อข่าว"), help_text=_("ข้อความธรรมดา เว้นบรรทัดเพื่อขึ้นย่อหน้าใหม่"))
    image_sizes = models.JSONField(_("ภาพประกอบ (ขนาดต่าง ๆ)"), default=list, blank=True, editable=False)
    image_alt = models.CharField(
        _("คำอธิบายภาพ (สำหรับผู้พิการทางสายตา)"), max_length=250, blank=True,
        help_text=_("บังคับเมื่อมีภาพ: บอกว่าภาพแสดงอะไร"),
    )
    publish_at = models.DateTimeField(
        _("เผยแพร่เมื่อ"), null=True, blank=True, db_index=True, help_text=_("เว้นว่าง = ฉบับร่าง (ยังไม่เผยแพร่)")
    )
    expire_at = models.DateTimeField(
        _("หยุดแสดงเมื่อ"), null=True, blank=True, help_text=_("เว้นว่าง = แสดงตลอดไป")
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    picture_field = "image_sizes"
    picture_folder = "news"
    picture_widths = (400, 800, 1200)

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("ข่าวประชาสัมพันธ์")
        verbose_name_plural = _("ข่าวประชาสัมพันธ์")

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.expire_at and self.publish_at and self.expire_at <= self.publish_at:
            errors["expire_at"] = _("เวลาหยุดแสดงต้องอยู่หลังเวลาเผยแพร่")
        if self.expire_at and not self.publish_at:
            errors["publish_at"] = _("กรุณากำหนดเวลาเผยแพร่ก่อนกำหนดเวลาหยุดแสดง")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        if self.slug:
            return reverse("municipality:news_detail", args=[self.pk, self.slug])
        return reverse("municipality:news_detail_id", args=[self.pk])

    def get_preview_url(self):
        return reverse("municipality:news_preview", args=[self.pk])

    def is_public(self, now=None):
        now = now or timezone.now()
        return bool(
            self.publish_at and self.publish_at <= now and (not self.expire_at or self.expire_at > now)
        )

    @property
    def status(self):
        now = timezone.now()
        if not self.publish_at:
            return _("ฉบับร่าง")
        if self.publish_at > now:
            return _("ตั้งเวลาเผยแพร่")
        if self.expire_at and self.expire_at <= now:
            return _("หมดเวลาแสดง")
        return _("เผยแพร่แล้ว")


class QuestionQuerySet(models.QuerySet):
    def public(self):
        """Answered and approved: what the board shows."""
        return self.filter(is_published=True).exclude(answer="")

    def unanswered(self):
        return self.filter(answer="")

    def overdue(self, days=None):
        """Unanswered for longer than QA_UNANSWERED_DAYS: flagged to staff."""
        days = settings.QA_UNANSWERED_DAYS if days is None else days
        return self.unanswered().filter(created_at__lt=timezone.now() - datetime.timedelta(days=days))


class Question(models.Model):
    """A citizen's question on the Q&A board (OIT O8) and the municipality's answer."""

    asker_name = models.CharField(_("ชื่อผู้ถาม"), max_length=100, blank=True)
    question = models.TextField(_("คำถาม"), max_length=2000)
    created_at = models.DateTimeField(_("ถามเมื่อ"), default=timezone.now, db_index=True)
    answer = models.TextField(_("คำตอบ"), blank=True)
    answered_at = models.DateTimeField(_("ตอบเมื่อ"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ผู้ตอบ"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    is_published = models.BooleanField(
        _("อนุมัติเผยแพร่"), default=False, help_text=_("แสดงคำถามและคำตอบบนเว็บไซต์")
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("คำถาม (ถาม-ตอบ)")
        verbose_name_plural = _("กระดานถาม-ตอบ")

    def __str__(self):
        return shorten(self.question, 60)

    def clean(self):
        if self.is_published and not self.answer.strip():
            raise ValidationError({"is_published": _("ต้องมีคำตอบก่อนจึงจะเผยแพร่ได้")})

    def record_answer(self, user):
        """Stamp who answered and when, the first time an answer appears."""
        if self.answer.strip() and not self.answered_at:
            self.answered_at = timezone.now()
            self.answered_by = user

    def is_overdue(self):
        limit = timezone.now() - datetime.timedelta(days=settings.QA_UNANSWERED_DAYS)
        return not self.answer and self.created_at < limit
