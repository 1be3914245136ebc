"""The annual budget ordinance (เทศบัญญัติงบประมาณรายจ่าย) as data, line by line, with what the
six- and twelve-month spending reports (รายงานผลการใช้จ่ายงบประมาณ) say was spent on each line.

A year is public from its ordinance's publication date; each report's figures from that
report's own publication date (until then its column is left empty everywhere).
"""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal import thai

MONEY_MAX = Decimal("9999999999.99")  # far above any municipal budget: extra zeros fail


def money_field(verbose_name, **extra):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2,
                               validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MONEY_MAX)],
                               **extra)


class ExpenseCategory(models.TextChoices):
    """The expense categories (งบ) of the Interior Ministry's budget classification for local
    government, in the order an ordinance lists them."""

    CENTRAL = "central", _("งบกลาง")
    PERSONNEL = "personnel", _("งบบุคลากร")
    OPERATIONS = "operations", _("งบดำเนินงาน")
    INVESTMENT = "investment", _("งบลงทุน")
    SUBSIDIES = "subsidies", _("งบเงินอุดหนุน")
    OTHER = "other", _("งบรายจ่ายอื่น")


class Round(models.TextChoices):
    HALF = thai.ROUND_FIRST_HALF, _("รอบ 6 เดือน (1 ต.ค. – 31 มี.ค.)")
    FULL = thai.ROUND_FULL_YEAR, _("รอบ 12 เดือน (ทั้งปีงบประมาณ)")


class BudgetYearQuerySet(models.QuerySet):
    def published(self, day=None):
        return self.filter(published_on__lte=day or timezone.localdate())


class BudgetYear(models.Model):
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), unique=True,
                                              validators=[thai.validate_be_year])
    enacted_on = models.DateField(_("วันที่ประกาศใช้เทศบัญญัติ"))
    published_on = models.DateField(_("วันที่เผยแพร่ข้อมูลงบประมาณ"), null=True, blank=True,
                                    help_text=_("เว้นว่างไว้จนกว่าจะพร้อมเผยแพร่"))
    half_report_on = models.DateField(
        _("วันที่เผยแพร่รายงานผลการใช้จ่ายรอบ 6 เดือน"), null=True, blank=True,
        help_text=_("ตัวเลขเบิกจ่ายรอบ 6 เดือนแสดงต่อสาธารณะตั้งแต่วันนี้"))
    year_report_on = models.DateField(
        _("วันที่เผยแพร่รายงานผลการใช้จ่ายรอบ 12 เดือน"), null=True, blank=True,
        help_text=_("ตัวเลขเบิกจ่ายทั้งปีแสดงต่อสาธารณะตั้งแต่วันนี้"))
    note = models.TextField(_("หมายเหตุ"), blank=True)

    objects = BudgetYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("เทศบัญญัติงบประมาณรายจ่ายประจำปี")
        verbose_name_plural = _("เทศบัญญัติงบประมาณรายจ่ายประจำปี")
        ordering = ["-fiscal_year"]

    def __str__(self):
        return _("เทศบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. %(year)s") % {"year": self.fiscal_year}

    def get_absolute_url(self):
        return reverse("budget:year", args=[self.fiscal_year])

    def clean(self):
        start, end = thai.fiscal_year_range(self.fiscal_year or 2500)
        half_end = thai.fiscal_half_range(self.fiscal_year or 2500)[1]
        errors = {}
        if self.half_report_on and self.half_report_on <= half_end:
            errors["half_report_on"] = _("รายงานรอบ 6 เดือนเผยแพร่ได้หลังวันที่ 31 มีนาคมของปีงบประมาณ")
        if self.year_report_on and self.year_report_on <= end:
            errors["year_report_on"] = _("รายงานรอบ 12 เดือนเผยแพร่ได้หลังสิ้นปีงบประมาณ (30 กันยายน)")
        if self.published_on and self.enacted_on and self.published_on < self.enacted_on:
            errors["published_on"] = _("วันที่เผยแพร่ต้องไม่ก่อนวันที่ประกาศใช้เทศบัญญัติ")
        if errors:
            raise ValidationError(errors)

    def rounds_out(self, day=None):
        """The rounds whose report is public on `day`, the later first."""
        day = day or timezone.localdate()
        return [r for r, on in ((Round.FULL, self.year_report_on), (Round.HALF, self.half_report_on))
                if on and on <= day]

    def is_public(self, day=None):
        return self.published_on is not None and self.published_on <= (day or timezone.localdate())


class BudgetLine(models.Model):
    """One line of the ordinance: a plan's work programme's appropriation in one category."""

    budget_year = models.ForeignKey(BudgetYear, on_delete=models.CASCADE, related_name="lines",
                                    verbose_name=_("ปีงบประมาณ"))
    plan = models.CharField(_("แผนงาน"), max_length=200)
    programme = models.CharField(_("งาน/โครงการ"), max_length=300)
    category = models.CharField(_("งบ"), max_length=20, choices=ExpenseCategory.choices)
    amount = money_field(_("งบประมาณตามเทศบัญญัติ (บาท)"))
    spent_half = money_field(_("เบิกจ่ายสะสมรอบ 6 เดือน (บาท)"), null=True, blank=True)
    spent_year = money_field(_("เบิกจ่ายทั้งปี (บาท)"), null=True, blank=True)

    class Meta:
        verbose_name = _("รายการงบประมาณ")
        verbose_name_plural = _("รายการงบประมาณ")
        ordering = ["budget_year", "plan", "programme", "category", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["budget_year", "plan", "programme", "category"],
                                    name="budget_line_once_per_year"),
            models.CheckConstraint(condition=Q(spent_half__isnull=True) | Q(spent_year__isnull=True)
                                   | Q(spent_half__lte=models.F("spent_year")),
                                   name="budget_line_half_within_year"),
        ]

    def __str__(self):
        return f"{self.plan} / {self.programme} / {self.get_category_display()}"

    def clean(self):
        if self.spent_half is not None and self.spent_year is not None and self.spent_half > self.spent_year:
            raise ValidationError({"spent_year": _("ยอดเบิกจ่ายทั้งปีต้องไม่น้อยกว่ายอดรอบ 6 เดือน")})
