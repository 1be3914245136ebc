"""The annual procurement plan, its revisions and items, and the year's review."""
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal import thai

from .rules import PLAN_PUBLICATION_DAYS, ProcurementMethod, SourceOfFunds, money_field


class PlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_on__isnull=False, published_on__lte=timezone.localdate())


class ProcurementPlan(models.Model):
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), unique=True)
    budget_approved_on = models.DateField(_("วันที่งบประมาณได้รับอนุมัติ"))
    published_on = models.DateField(
        _("วันที่เผยแพร่แผน"), null=True, blank=True, help_text=_("ว่างไว้หากยังไม่เผยแพร่")
    )
    note = models.TextField(_("หมายเหตุ"), blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("แผนการจัดซื้อจัดจ้างประจำปี")
        verbose_name_plural = _("แผนการจัดซื้อจัดจ้างประจำปี")
        ordering = ["-fiscal_year"]

    def __str__(self):
        return _("แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. %(year)s") % {"year": self.fiscal_year}

    def get_absolute_url(self):
        return reverse("procurement:plan", args=[self.fiscal_year])

    def clean(self):
        if self.published_on and self.budget_approved_on and self.published_on < self.budget_approved_on:
            raise ValidationError({"published_on": _("วันที่เผยแพร่แผนต้องไม่ก่อนวันที่งบประมาณได้รับอนุมัติ")})

    @property
    def days_to_publish(self):
        if not self.published_on:
            return None
        return (self.published_on - self.budget_approved_on).days

    @property
    def published_late(self):
        """True when the plan came out more than 30 days after the budget (shown, not hidden)."""
        days = self.days_to_publish
        return days is not None and days > PLAN_PUBLICATION_DAYS


class PlanRevision(models.Model):
    """An amendment of the plan; earlier revisions stay listed so changes can be followed."""

    plan = models.ForeignKey(ProcurementPlan, on_delete=models.CASCADE, related_name="revisions",
                             verbose_name=_("แผน"))
    number = models.PositiveIntegerField(_("ปรับปรุงครั้งที่"), validators=[MinValueValidator(1)])
    revised_on = models.DateField(_("วันที่ปรับปรุง"))
    changes = models.TextField(_("สิ่งที่เปลี่ยนแปลง"))

    class Meta:
        verbose_name = _("การปรับปรุงแผน")
        verbose_name_plural = _("การปรับปรุงแผน")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="revision_number_once_per_plan")
        ]

    def __str__(self):
        return _("ปรับปรุงครั้งที่ %(number)s") % {"number": self.number}


class PlanItem(models.Model):
    plan = models.ForeignKey(ProcurementPlan, on_delete=models.CASCADE, related_name="items",
                             verbose_name=_("แผน"))
    title = models.CharField(_("งาน/โครงการ"), max_length=500)
    budget = money_field(_("วงเงินงบประมาณ (บาท)"))
    source_of_funds = models.CharField(_("แหล่งที่มาของเงิน"), max_length=20, choices=SourceOfFunds.choices,
                                       default=SourceOfFunds.ANNUAL_BUDGET)
    method = models.CharField(_("วิธีจัดหา"), max_length=20, choices=ProcurementMethod.choices)
    planned_month = models.DateField(_("เดือนที่คาดว่าจะประกาศ"), help_text=_("วันที่ 1 ของเดือน"))
    division = models.CharField(_("หน่วยงานที่รับผิดชอบ"), max_length=200)
    revision = models.ForeignKey(PlanRevision, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="items", verbose_name=_("เพิ่ม/แก้ไขในการปรับปรุงครั้งที่"))

    class Meta:
        verbose_name = _("รายการในแผนจัดซื้อจัดจ้าง")
        verbose_name_plural = _("รายการในแผนจัดซื้อจัดจ้าง")
        ordering = ["plan", "planned_month", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.planned_month:
            self.planned_month = self.planned_month.replace(day=1)
            if self.plan_id and thai.fiscal_year_of(self.planned_month) != self.plan.fiscal_year:
                errors["planned_month"] = _("เดือนที่คาดว่าจะประกาศต้องอยู่ในปีงบประมาณ พ.ศ. %(year)s") % {
                    "year": self.plan.fiscal_year}
        if self.revision_id and self.plan_id and self.revision.plan_id != self.plan_id:
            errors["revision"] = _("การปรับปรุงที่เลือกเป็นของแผนปีอื่น")
        if errors:
            raise ValidationError(errors)

    def threshold_warning(self, rules):
        """A Thai sentence when the budget is outside the limit of the chosen method, else ''."""
        rule = rules.get(self.method)
        if rule is None or self.budget is None or rule.allows(self.budget):
            return ""
        return _("วงเงิน %(amount)s บาท ไม่อยู่ในเกณฑ์ของ%(method)s (%(rule)s)") % {
            "amount": thai.format_baht(self.budget),
            "method": self.get_method_display(),
            "rule": rule.describe(),
        }


class ProcurementYearReview(models.Model):
    """What staff write for a fiscal year's procurement report: problems, obstacles and
    recommendations (the annual report's narrative beside its figures)."""

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), unique=True,
                                              validators=[thai.validate_be_year])
    problems = models.TextField(_("ปัญหา"))
    obstacles = models.TextField(_("อุปสรรค"))
    recommendations = models.TextField(_("ข้อเสนอแนะ/แนวทางแก้ไข"))
    written_on = models.DateField(_("วันที่จัดทำ"))

    class Meta:
        verbose_name = _("ปัญหา อุปสรรค และข้อเสนอแนะประจำปี")
        verbose_name_plural = _("ปัญหา อุปสรรค และข้อเสนอแนะประจำปี")
        ordering = ["-fiscal_year"]

    def __str__(self):
        return _("ปัญหา อุปสรรค และข้อเสนอแนะ ปีงบประมาณ %(year)s") % {"year": self.fiscal_year}

    def get_absolute_url(self):
        return reverse("procurement:annual_report", args=[self.fiscal_year]) + "#review"
