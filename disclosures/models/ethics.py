"""Ethics and gifts: no-gift declarations, gift records, the code of ethics' activities and its
yearly assessment."""
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal import thai

from .catalogue import Document, fiscal_year_field


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
