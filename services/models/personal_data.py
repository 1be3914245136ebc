"""Requests under the Personal Data Protection Act 2562: which right a request type carries and
how an officer checked who is asking before any work starts."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PersonalDataRight(models.TextChoices):
    ACCESS = "access", _("ขอเข้าถึงและขอรับสำเนาข้อมูล (มาตรา 30)")
    PORTABILITY = "portability", _("ขอรับหรือขอให้โอนข้อมูล (มาตรา 31)")
    OBJECTION = "objection", _("คัดค้านการเก็บ ใช้ หรือเปิดเผยข้อมูล (มาตรา 32)")
    DELETION = "deletion", _("ขอให้ลบหรือทำลายข้อมูล (มาตรา 33)")
    RESTRICTION = "restriction", _("ขอให้ระงับการใช้ข้อมูล (มาตรา 34)")
    CORRECTION = "correction", _("ขอให้แก้ไขข้อมูลให้ถูกต้อง (มาตรา 35)")
    WITHDRAWAL = "withdrawal", _("ถอนความยินยอม (มาตรา 19)")


# Rights whose answer is the data itself: the person downloads it as a file once granted.
RIGHTS_HANDING_OVER_DATA = (PersonalDataRight.ACCESS, PersonalDataRight.PORTABILITY)


class IdentityMethod(models.TextChoices):
    IN_PERSON = "in_person", _("ผู้ยื่นมาแสดงบัตรประจำตัวที่สำนักงาน (ไม่ถ่ายสำเนา)")
    DIGITAL_ID = "digital_id", _("ยืนยันตัวตนทางดิจิทัล (ThaID)")
    CALL_BACK = "call_back", _("โทรกลับหมายเลขที่ให้ไว้และสอบถามข้อมูลที่มีเฉพาะผู้ยื่น")
    DOCUMENT_SEEN = "document_seen", _("ตรวจสำเนาเอกสารที่ส่งมา แล้วลบสำเนาทันที")


class IdentityCheck(models.Model):
    """How an officer checked that the person asking is the data subject. No copy of an ID card
    is kept: only the method, a short note and who checked when."""

    request = models.OneToOneField("ServiceRequest", on_delete=models.CASCADE, related_name="identity_check",
                                   verbose_name=_("คำร้อง"))
    method = models.CharField(_("วิธีตรวจสอบตัวตน"), max_length=20, choices=IdentityMethod.choices)
    note = models.CharField(_("บันทึกการตรวจสอบ"), max_length=300, blank=True,
                            help_text=_("ห้ามบันทึกเลขประจำตัวประชาชนหรือแนบภาพบัตร"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("ผู้ตรวจสอบ"))
    checked_at = models.DateTimeField(_("ตรวจสอบเมื่อ"), default=timezone.now)

    class Meta:
        verbose_name = _("การตรวจสอบตัวตนผู้ยื่น")
        verbose_name_plural = _("การตรวจสอบตัวตนผู้ยื่น")

    def __str__(self):
        return f"{self.request_id} {self.method}"
