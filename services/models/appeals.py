"""An appeal to the Official Information Commission (คณะกรรมการข้อมูลข่าวสารของราชการ) against
a refusal to disclose (section 18 of the Official Information Act: within 15 days of being told),
with its own deadline, status and outcome."""
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .states import OUTCOMES_WITH_GROUNDS

DAYS_TO_APPEAL = 15


class AppealStatus(models.TextChoices):
    FILED = "filed", _("ยื่นอุทธรณ์แล้ว รอส่งคณะกรรมการ")
    FORWARDED = "forwarded", _("ส่งคณะกรรมการข้อมูลข่าวสารของราชการแล้ว")
    DECIDED = "decided", _("มีคำวินิจฉัยแล้ว")
    WITHDRAWN = "withdrawn", _("ผู้อุทธรณ์ถอนอุทธรณ์")


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", _("ยืนตามคำสั่งไม่เปิดเผย")
    DISCLOSE = "disclose", _("ให้เปิดเผยข้อมูล")
    DISCLOSE_PART = "disclose_part", _("ให้เปิดเผยบางส่วน")
    DISMISSED = "dismissed", _("ไม่รับอุทธรณ์หรือจำหน่ายเรื่อง")


OPEN_APPEAL_STATUSES = (AppealStatus.FILED, AppealStatus.FORWARDED)


class InformationAppeal(models.Model):
    request = models.OneToOneField("ServiceRequest", on_delete=models.CASCADE, related_name="appeal",
                                   verbose_name=_("คำขอข้อมูลข่าวสาร"))
    filed_on = models.DateField(_("วันที่ยื่นอุทธรณ์"))
    filed_in_time = models.BooleanField(_("ยื่นภายใน 15 วัน"), editable=False)
    forward_due = models.DateField(_("กำหนดส่งคณะกรรมการ"), editable=False)
    forwarded_on = models.DateField(_("วันที่ส่งคณะกรรมการ"), null=True, blank=True)
    commission_reference = models.CharField(_("เลขที่เรื่องของคณะกรรมการ"), max_length=60, blank=True)
    status = models.CharField(_("สถานะอุทธรณ์"), max_length=12, choices=AppealStatus.choices,
                              default=AppealStatus.FILED)
    outcome = models.CharField(_("ผลคำวินิจฉัย"), max_length=15, choices=AppealOutcome.choices, blank=True)
    decided_on = models.DateField(_("วันที่มีคำวินิจฉัย"), null=True, blank=True)
    outcome_summary = models.TextField(_("สรุปคำวินิจฉัย (เผยแพร่)"), blank=True,
                                       help_text=_("ไม่ระบุชื่อผู้อุทธรณ์"))

    class Meta:
        verbose_name = _("อุทธรณ์ต่อคณะกรรมการข้อมูลข่าวสารของราชการ")
        verbose_name_plural = _("อุทธรณ์ต่อคณะกรรมการข้อมูลข่าวสารของราชการ")
        indexes = [models.Index(fields=["status", "forward_due"], name="services_appeal_due_idx")]

    def __str__(self):
        return f"{self.request_id} {self.status}"

    @staticmethod
    def last_day_to_appeal(request):
        return timezone.localtime(request.closed_at).date() + datetime.timedelta(days=DAYS_TO_APPEAL)

    @property
    def is_open(self):
        return self.status in OPEN_APPEAL_STATUSES

    def deadline_state(self, today=None):
        if self.status != AppealStatus.FILED:
            return ""
        return "overdue" if self.forward_due < (today or timezone.localdate()) else ""

    def clean(self):
        request = self.request
        if not (request.request_type.is_information_request and request.outcome in OUTCOMES_WITH_GROUNDS):
            raise ValidationError(_("อุทธรณ์ได้เฉพาะคำขอข้อมูลข่าวสารที่ไม่เปิดเผยทั้งหมดหรือบางส่วน"))
        if self.filed_on < timezone.localtime(request.closed_at).date():
            raise ValidationError({"filed_on": _("วันที่ยื่นอุทธรณ์ต้องไม่ก่อนวันที่แจ้งผล")})
        if self.status == AppealStatus.FORWARDED and not self.forwarded_on:
            raise ValidationError({"forwarded_on": _("ระบุวันที่ส่งคณะกรรมการ")})
        if self.status == AppealStatus.DECIDED and not (self.outcome and self.decided_on):
            raise ValidationError({"outcome": _("ระบุผลคำวินิจฉัยและวันที่มีคำวินิจฉัย")})
        if self.status != AppealStatus.DECIDED and self.outcome:
            raise ValidationError({"outcome": _("ระบุผลคำวินิจฉัยเมื่อสถานะเป็น \"มีคำวินิจฉัยแล้ว\" เท่านั้น")})

    def save(self, *args, **kwargs):
        self.filed_in_time = self.filed_on <= self.last_day_to_appeal(self.request)
        self.forward_due = self.filed_on + datetime.timedelta(days=settings.SERVICE_APPEAL_FORWARD_DAYS)
        super().save(*args, **kwargs)
