"""The municipality's integrity measures, their progress and their indicators."""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kpp_portal import thai

from .catalogue import Document, fiscal_year_field


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
