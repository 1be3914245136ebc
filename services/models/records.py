"""What a request keeps: its timeline events, its files and its e-mail notices."""
import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.storage import private_storage_field
from kpp_portal.uploads import CheckedFileField, extension

from .states import Outcome
from .units import FILE_KINDS, ServiceUnit


class RequestEvent(models.Model):
    """One step in a request's timeline: who did what and when. Internal notes and assignment
    are for staff only; the rest the person sees (without staff names)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("ยื่นคำร้อง")
        IDENTITY = "identity", _("ตรวจสอบตัวตนผู้ยื่นแล้ว")
        STARTED = "started", _("เริ่มดำเนินการ")
        ASSIGNED = "assigned", _("มอบหมายเจ้าหน้าที่")
        NOTE = "note", _("บันทึกภายใน")
        REPLY = "reply", _("ตอบผู้ยื่น")
        TRANSFERRED = "transferred", _("โอนเรื่องไปหน่วยงานอื่น")
        CLOSED = "closed", _("ปิดเรื่อง")
        RATED = "rated", _("ผู้ยื่นประเมินความพึงพอใจ")
        REGISTER = "register", _("ทะเบียนสาธารณะ")
        APPEAL = "appeal", _("อุทธรณ์ต่อคณะกรรมการข้อมูลข่าวสารของราชการ")

    request = models.ForeignKey("ServiceRequest", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("การดำเนินการ"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("ผู้ดำเนินการ"))
    created_at = models.DateTimeField(_("เวลา"), default=timezone.now)
    is_public = models.BooleanField(_("ผู้ยื่นเห็น"), default=False)
    body = models.TextField(_("ข้อความ"), blank=True)
    from_unit = models.ForeignKey(ServiceUnit, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("จากหน่วยงาน"))
    to_unit = models.ForeignKey(ServiceUnit, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("ถึงหน่วยงาน"))
    outcome = models.CharField(_("ผลการดำเนินการ"), max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ลำดับการดำเนินการ")
        verbose_name_plural = _("ลำดับการดำเนินการ")

    def __str__(self):
        return f"{self.request_id} {self.kind}"


def _file_path(instance, filename):
    # A random name under the detected extension: the person's file name is kept in a column.
    return f"services/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension(instance.kind)}"


class RequestFile(models.Model):
    """A file of a request: the person's photos and attachments, or a file staff attached to a
    reply (for an information request, information released to the person)."""

    request = models.ForeignKey("ServiceRequest", on_delete=models.CASCADE, related_name="files")
    event = models.ForeignKey(RequestEvent, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="files")
    field_label = models.CharField(_("ช่องที่แนบ"), max_length=150, blank=True)
    stored = CheckedFileField(_("ไฟล์"), upload_to=_file_path, storage=private_storage_field, max_length=200,
                              kinds=FILE_KINDS)
    kind = models.CharField(_("ชนิดไฟล์"), max_length=10)
    size = models.PositiveIntegerField(_("ขนาด (ไบต์)"))
    original_name = models.CharField(_("ชื่อไฟล์เดิม"), max_length=200)
    from_staff = models.BooleanField(_("เจ้าหน้าที่แนบ"), default=False)
    in_register = models.BooleanField(_("เผยแพร่ในทะเบียนสาธารณะ"), default=False)
    created_at = models.DateTimeField(_("เวลา"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ไฟล์แนบคำร้อง")
        verbose_name_plural = _("ไฟล์แนบคำร้อง")

    def __str__(self):
        return self.original_name

    @property
    def is_image(self):
        return self.kind in ("jpeg", "png", "webp")

    @property
    def neutral_name(self):
        """The name a download gets and the public register shows: the reference and a number,
        never the name as uploaded (which may name the person who asked)."""
        return f"{self.request.reference}-{self.pk}{extension(self.kind)}"


class EmailNotice(models.Model):
    """An e-mail to a person about their request, kept until sent: a failed send is retried by
    `manage.py send_service_notices` (cron) instead of being lost."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("คำร้องมีความเคลื่อนไหว")
        RECEIPT = "receipt", _("เลขที่คำร้องและรหัสติดตาม")

    request = models.ForeignKey("ServiceRequest", on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CHANGE)
    # The receipt's follow-up code, in plain text only until the mail is sent or given up:
    # the request itself keeps only its digest.
    follow_up_code = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("อีเมลแจ้งผู้ยื่น")
        verbose_name_plural = _("อีเมลแจ้งผู้ยื่น")
        indexes = [models.Index(fields=["next_attempt_at"], name="services_notice_pending_idx",
                                condition=models.Q(sent_at__isnull=True))]

    def __str__(self):
        return f"{self.request_id} {self.created_at:%Y-%m-%d %H:%M}"

    def retry_delay(self):
        return datetime.timedelta(minutes=5 * 2 ** max(self.attempts - 1, 0))
