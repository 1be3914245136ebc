"""The committees of a procurement project and what their members declare and learn.

Most procurement faults traced by the seed document (measures 5 and 6) come from committees that
lack knowledge or have a stake: each member signs a declaration of no conflict of interest
(แบบแสดงความบริสุทธิ์ใจ) for the project, and the training register shows who has learnt the rules.
"""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kpp_portal.uploads import CheckedFileField

from .projects import ProcurementProject
from .rules import DOCUMENT_KINDS


class CommitteeRole(models.TextChoices):
    TOR = "tor", _("คณะกรรมการจัดทำร่างขอบเขตของงาน/กำหนดราคากลาง")
    PROCUREMENT = "procurement", _("คณะกรรมการซื้อหรือจ้าง/พิจารณาผล")
    INSPECTION = "inspection", _("คณะกรรมการตรวจรับพัสดุ")


def same_person(name):
    """Names compared as people type them: spaces collapsed, case ignored."""
    return " ".join(name.split()).casefold()


class CommitteeMember(models.Model):
    project = models.ForeignKey(ProcurementProject, on_delete=models.CASCADE, related_name="committee",
                                verbose_name=_("โครงการ"))
    role = models.CharField(_("คณะกรรมการ"), max_length=20, choices=CommitteeRole.choices)
    name = models.CharField(_("ชื่อ-สกุล"), max_length=200)
    position = models.CharField(_("ตำแหน่ง"), max_length=200)
    declared_on = models.DateField(_("วันที่ลงนามแบบแสดงความบริสุทธิ์ใจ"), null=True, blank=True)
    declaration = CheckedFileField(
        _("แบบแสดงความบริสุทธิ์ใจที่ลงนามแล้ว"), upload_to="procurement/declarations/%Y/", blank=True,
        kinds=DOCUMENT_KINDS, help_text=_("ไฟล์สแกนที่ลงนามแล้ว (PDF) เก็บไว้กับโครงการ ไม่เผยแพร่"))

    class Meta:
        verbose_name = _("กรรมการ")
        verbose_name_plural = _("คณะกรรมการและการแสดงความบริสุทธิ์ใจ")
        ordering = ["project", "role", "pk"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    @property
    def has_declared(self):
        return bool(self.declared_on and self.declaration)

    def clean(self):
        # A date without the signed form (or the form without its date) is not a declaration.
        if bool(self.declared_on) != bool(self.declaration):
            raise ValidationError({"declaration": _("ต้องมีทั้งวันที่ลงนามและไฟล์แบบที่ลงนามแล้ว")})


class ProcurementTraining(models.Model):
    """One course attended by a procurement officer or committee member."""

    name = models.CharField(_("ชื่อ-สกุล"), max_length=200)
    position = models.CharField(_("ตำแหน่ง"), max_length=200)
    course = models.CharField(_("หลักสูตร"), max_length=300)
    attended_on = models.DateField(_("วันที่อบรม"))
    hours = models.DecimalField(_("จำนวนชั่วโมง"), max_digits=5, decimal_places=1,
                                validators=[MinValueValidator(Decimal("0.5"))])
    organiser = models.CharField(_("หน่วยงานผู้จัด"), max_length=300)

    class Meta:
        verbose_name = _("การอบรมด้านการจัดซื้อจัดจ้าง")
        verbose_name_plural = _("ทะเบียนการอบรมด้านการจัดซื้อจัดจ้าง")
        ordering = ["-attended_on", "name"]

    def __str__(self):
        return f"{self.name}: {self.course}"

    @classmethod
    def trained_names(cls):
        return {same_person(name) for name in cls.objects.values_list("name", flat=True)}
