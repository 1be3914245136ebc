"""Figures beside the reports: the reference counter, spent form tokens, what the statistics keep of
a deleted report, and what the legal unit states for rounds outside the portal."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.models import SpentTokens
from kpp_portal.references import SequenceCounter
from kpp_portal.thai import ROUND_FIRST_HALF, ROUND_FULL_YEAR, fiscal_round_range, validate_be_year

from .choices import Category, Channel, Outcome


class ComplaintCounter(SequenceCounter):
    """Reference numbers of corruption reports, in a table no other channel shares."""

    class Meta:
        verbose_name = _("ตัวนับเลขที่เรื่องร้องเรียน")
        verbose_name_plural = _("ตัวนับเลขที่เรื่องร้องเรียน")
        constraints = [
            models.UniqueConstraint(fields=["scope", "year_be"], name="complaint_counter_scope_year"),
        ]


class SpentReportToken(SpentTokens):
    """Spent one-time tokens of the report form (kpp_portal.forms.file_once): in the channel's own
    table, since filing a report writes nothing outside it. The day only, like the report's."""

    filed_at = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = _("แบบฟอร์มแจ้งเรื่องที่ส่งแล้ว")
        verbose_name_plural = _("แบบฟอร์มแจ้งเรื่องที่ส่งแล้ว")


class HistoricalFigures(models.Model):
    """Figures the legal-affairs unit states for a reporting round, for complaints that are not
    registered in the portal (before it existed, or handled on paper), e.g. the seed's "no
    complaints in fiscal 2562 and the first half of 2563". The public statistics add them to the
    portal's own counts, and print "ไม่มีเรื่องร้องเรียน" for a round only when such a statement
    exists: an empty round without one is shown as not reported, never as zero."""

    class Round(models.TextChoices):
        FIRST_HALF = ROUND_FIRST_HALF, _("รอบ 6 เดือนแรก (ต.ค.–มี.ค.)")
        FULL_YEAR = ROUND_FULL_YEAR, _("รอบ 12 เดือน (ทั้งปีงบประมาณ)")

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"),
                                              validators=[validate_be_year])
    round = models.CharField(_("รอบรายงาน"), max_length=2, choices=Round.choices)
    received = models.PositiveIntegerField(_("จำนวนเรื่องที่รับ"))
    concluded = models.PositiveIntegerField(_("ดำเนินการแล้วเสร็จ"))
    in_progress = models.PositiveIntegerField(_("อยู่ระหว่างดำเนินการ"))
    source = models.CharField(_("ที่มาของตัวเลข"), max_length=300,
                              help_text=_("เช่น รายงานสรุปของฝ่ายนิติการ เลขที่หนังสือ หรือเอกสารที่เผยแพร่"))
    stated_on = models.DateField(_("วันที่รายงาน"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ผู้บันทึก"), null=True, blank=True,
                                    editable=False, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("สถิติที่ฝ่ายนิติการรายงาน (เรื่องนอกระบบ)")
        verbose_name_plural = _("สถิติที่ฝ่ายนิติการรายงาน (เรื่องนอกระบบ)")
        ordering = ["-fiscal_year", "round"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "round"],
                                    name="historical_figures_once_per_round"),
        ]

    def __str__(self):
        return f"{self.fiscal_year} · {self.get_round_display()}"

    def clean(self):
        errors = {}
        if None not in (self.received, self.concluded, self.in_progress) \
                and self.concluded + self.in_progress != self.received:
            errors["in_progress"] = _("เรื่องที่แล้วเสร็จรวมกับเรื่องที่อยู่ระหว่างดำเนินการต้องเท่ากับจำนวนเรื่องที่รับ")
        if self.fiscal_year and self.round:
            start, _end = fiscal_round_range(self.fiscal_year, self.round)
            if self.stated_on and self.stated_on < start:
                errors["stated_on"] = _("วันที่รายงานต้องไม่ก่อนต้นรอบรายงาน")
        if self.stated_on and self.stated_on > timezone.localdate():
            errors["stated_on"] = _("วันที่ต้องไม่อยู่ในอนาคต")
        if errors:
            raise ValidationError(errors)


class PurgedReportFigures(models.Model):
    """What the statistics still need of a deleted report (admin delete, or `purge_reports` in
    "delete" mode): no text, no reference beyond its number, nothing about a person."""

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"))
    sequence = models.PositiveIntegerField(_("ลำดับในปีงบประมาณ"))
    category = models.CharField(_("ประเภทเรื่อง"), max_length=20, choices=Category.choices)
    channel = models.CharField(_("ช่องทางที่รับเรื่อง"), max_length=20, choices=Channel.choices)
    outcome = models.CharField(_("ผลการพิจารณา"), max_length=30, choices=Outcome.choices, blank=True)
    received_on = models.DateField(_("วันที่รับเรื่อง"))
    acknowledged_at = models.DateTimeField(_("วันที่ตอบรับเรื่อง"), null=True)
    closed_at = models.DateTimeField(_("วันที่ยุติเรื่อง"), null=True)

    STATISTICS_FIELDS = ("received_on", "channel", "category", "outcome", "acknowledged_at", "closed_at")

    class Meta:
        verbose_name = _("ตัวเลขสถิติของเรื่องที่ลบแล้ว")
        verbose_name_plural = _("ตัวเลขสถิติของเรื่องที่ลบแล้ว")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "sequence"],
                                    name="purged_sequence_per_fiscal_year"),
        ]

    def __str__(self):
        return f"{self.fiscal_year}-{self.sequence:04d}"

    @classmethod
    def keep_for(cls, report):
        return cls.objects.create(fiscal_year=report.fiscal_year, sequence=report.sequence,
                                  **{name: getattr(report, name) for name in cls.STATISTICS_FIELDS})
