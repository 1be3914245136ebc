"""Bids, awards and the progress of the contracts that follow."""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal import thai

from .plans import ProcurementPlan
from .projects import Announcement, AnnouncementKind, ProcurementProject
from .rules import ABSURD_BID_FACTOR, MONEY_FIELD, MONEY_MAX, money_field


class BidStatus(models.TextChoices):
    """The OCDS bid extension's bidStatus codes."""

    VALID = "valid", _("ผ่านการพิจารณา")
    DISQUALIFIED = "disqualified", _("ไม่ผ่านคุณสมบัติ/ข้อเสนอไม่ถูกต้อง")
    WITHDRAWN = "withdrawn", _("ถอนการเสนอราคา")


class Bid(models.Model):
    project = models.ForeignKey(ProcurementProject, on_delete=models.CASCADE, related_name="bids",
                                verbose_name=_("โครงการ"))
    bidder_name = models.CharField(_("ผู้เสนอราคา"), max_length=300)
    bidder_tax_id = models.CharField(_("เลขประจำตัวผู้เสียภาษี"), max_length=13, blank=True,
                                     validators=[thai.validate_thai_tax_id],
                                     help_text=_("13 หลัก ใช้เป็นรหัสผู้ประกอบการในข้อมูลเปิด (OCDS)"))
    amount = money_field(_("ราคาที่เสนอ (บาท)"))
    status = models.CharField(_("ผลการพิจารณาข้อเสนอ"), max_length=20, choices=BidStatus.choices,
                              default=BidStatus.VALID)

    class Meta:
        verbose_name = _("การเสนอราคา")
        verbose_name_plural = _("การเสนอราคา")
        ordering = ["amount", "pk"]

    def __str__(self):
        return f"{self.bidder_name} ({thai.format_baht(self.amount)} บาท)"

    def clean(self):
        if self.amount is None or not self.project_id:
            return
        if self.amount <= 0:
            raise ValidationError({"amount": _("ราคาที่เสนอต้องมากกว่า 0 บาท")})
        limit = self.project.reference_price * ABSURD_BID_FACTOR
        if self.amount > limit:
            raise ValidationError({"amount": _(
                "ราคาที่เสนอ %(amount)s บาท สูงกว่าราคากลางเกิน %(factor)s เท่า กรุณาตรวจสอบการพิมพ์ตัวเลข") % {
                    "amount": thai.format_baht(self.amount), "factor": ABSURD_BID_FACTOR}})

    @property
    def party_id(self):
        """A stable identifier for open data: the Thai tax id when staff entered it (the same
        company across projects and years), else this bid's own row (never its name, which is
        spelt differently from one form to the next)."""
        return f"TH-TIN-{self.bidder_tax_id}" if self.bidder_tax_id else f"kppmu-bid-{self.pk}"


class AwardQuerySet(models.QuerySet):
    def published(self):
        return self.filter(project__plan_item__plan__in=ProcurementPlan.objects.published())

    def in_month(self, year_ce, month):
        return self.filter(contract_date__year=year_ce, contract_date__month=month)

    def in_fiscal_year(self, fiscal_year):
        start, end = thai.fiscal_year_range(fiscal_year)
        return self.filter(contract_date__range=(start, end))


class Award(models.Model):
    project = models.OneToOneField(ProcurementProject, on_delete=models.CASCADE, related_name="award",
                                   verbose_name=_("โครงการ"))
    winning_bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("ผู้ได้รับการคัดเลือก"))
    contract_amount = money_field(_("ราคาที่ตกลงซื้อหรือจ้าง (บาท)"))
    reason = models.CharField(_("เหตุผลที่คัดเลือกโดยสรุป"), max_length=500,
                              default="เป็นผู้เสนอราคาต่ำสุดและมีคุณสมบัติครบถ้วนตามเงื่อนไข")
    contract_number = models.CharField(_("เลขที่สัญญา/ข้อตกลง"), max_length=100)
    contract_date = models.DateField(_("วันที่ทำสัญญา/ข้อตกลง"))
    contract_end = models.DateField(_("กำหนดแล้วเสร็จ/ส่งมอบตามสัญญา"), null=True, blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผลการจัดซื้อจัดจ้าง")
        verbose_name_plural = _("ผลการจัดซื้อจัดจ้าง")
        ordering = ["contract_date", "pk"]

    def __str__(self):
        return _("สัญญา %(number)s") % {"number": self.contract_number}

    def clean(self):
        errors = {}
        if self.winning_bid_id and self.project_id and self.winning_bid.project_id != self.project_id:
            errors["winning_bid"] = _("ผู้ได้รับการคัดเลือกต้องเป็นหนึ่งในผู้เสนอราคาของโครงการนี้")
        if self.contract_date and self.contract_end and self.contract_end < self.contract_date:
            errors["contract_end"] = _("กำหนดแล้วเสร็จต้องไม่ก่อนวันที่ทำสัญญา")
        if self.contract_date and self.project_id:
            invitation = (
                Announcement.objects.filter(project_id=self.project_id, kind=AnnouncementKind.INVITATION)
                .order_by("announced_on")
                .values_list("announced_on", flat=True)
                .first()
            )
            error = self.contract_date_error(invitation)
            if error:
                errors["contract_date"] = error
        if errors:
            raise ValidationError(errors)

    def contract_date_error(self, invitation_day):
        """A Thai message when the contract is dated before the invitation, else ''."""
        if invitation_day and self.contract_date and self.contract_date < invitation_day:
            return _("วันที่ทำสัญญาต้องไม่ก่อนวันประกาศเชิญชวน (%(day)s)") % {
                "day": thai.format_thai_date(invitation_day)}
        return ""

    @property
    def at_or_above_reference(self):
        return self.contract_amount >= self.project.reference_price

    def progress_summary(self, entries=None):
        """(stage label, percent complete or None, amount paid, date of the latest step) from the
        contract's progress entries (pass them when already fetched)."""
        entries = sorted(self.progress.all() if entries is None else entries, key=lambda e: (e.date, e.pk))
        paid = sum((e.amount for e in entries if e.stage == ContractProgress.Stage.PAID), Decimal("0"))
        if not entries:
            return _("ลงนามสัญญาแล้ว"), None, paid, self.contract_date
        latest = entries[-1]
        percents = [e.percent for e in entries if e.percent is not None]
        done = any(e.stage in ContractProgress.DONE_STAGES for e in entries)
        percent = 100 if done else (percents[-1] if percents else None)
        label = _("เบิกจ่ายครบตามสัญญา") if paid >= self.contract_amount else latest.get_stage_display()
        return label, percent, paid, latest.date


class ContractProgress(models.Model):
    """A dated step of a contract after it is signed: work in progress (a percentage or a
    milestone), delivery, inspection and acceptance, payment (OCDS contracts[].implementation)."""

    class Stage(models.TextChoices):
        IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
        DELIVERED = "delivered", _("ส่งมอบงาน")
        INSPECTED = "inspected", _("ตรวจรับแล้ว")
        PAID = "paid", _("เบิกจ่ายเงิน")

    DONE_STAGES = (Stage.DELIVERED, Stage.INSPECTED, Stage.PAID)

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="progress",
                              verbose_name=_("สัญญา"))
    date = models.DateField(_("วันที่"))
    stage = models.CharField(_("ขั้นตอน"), max_length=20, choices=Stage.choices)
    percent = models.PositiveSmallIntegerField(_("ความคืบหน้า (ร้อยละ)"), null=True, blank=True,
                                               validators=[MaxValueValidator(100)])
    amount = models.DecimalField(_("จำนวนเงินที่เบิกจ่าย (บาท)"), null=True, blank=True,
                                 validators=[MinValueValidator(Decimal("0.01")),
                                             MaxValueValidator(MONEY_MAX)],
                                 **MONEY_FIELD)
    description = models.CharField(_("รายละเอียด"), max_length=300, blank=True, help_text=_("เช่น งวดที่ 1"))

    class Meta:
        verbose_name = _("ความก้าวหน้าของสัญญา")
        verbose_name_plural = _("ความก้าวหน้าของสัญญา")
        ordering = ["award", "date", "pk"]

    def __str__(self):
        return f"{self.get_stage_display()} {thai.format_thai_date(self.date)}"

    def clean(self):
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("บันทึกได้เฉพาะสิ่งที่เกิดขึ้นแล้ว วันที่ต้องไม่อยู่ในอนาคต")
        elif self.date and self.award_id and self.date < self.award.contract_date:
            errors["date"] = _("วันที่ต้องไม่ก่อนวันที่ทำสัญญา (%(day)s)") % {
                "day": thai.format_thai_date(self.award.contract_date)}
        if self.stage == self.Stage.IN_PROGRESS and self.percent is None and not self.description:
            errors["percent"] = _("ระบุความคืบหน้าเป็นร้อยละ หรือระบุงวดงานในรายละเอียด")
        if self.stage == self.Stage.PAID and not self.amount:
            errors["amount"] = _("ระบุจำนวนเงินที่เบิกจ่าย")
        if self.stage != self.Stage.PAID and self.amount:
            errors["amount"] = _("จำนวนเงินใช้กับขั้นตอนเบิกจ่ายเงินเท่านั้น")
        if errors:
            raise ValidationError(errors)
