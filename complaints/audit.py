"""The channel's audit trail: append-only and hash-chained (`manage.py verify_audit`)."""
import hashlib
import json

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Append-only, hash-chained: each entry's hash covers the previous one, so editing or
    removing an entry breaks the chain (`manage.py verify_audit`)."""

    class Action(models.TextChoices):
        VIEW = "view", _("เปิดดูเรื่อง")
        LIST = "list", _("เปิดรายการเรื่อง")
        REVEAL = "reveal", _("เปิดเผยข้อมูลผู้แจ้ง")
        DOWNLOAD = "download", _("ดาวน์โหลดไฟล์")
        EXPORT = "export", _("ส่งออกข้อมูล")
        STATUS = "status", _("เปลี่ยนสถานะ")
        NOTE = "note", _("บันทึกภายใน")
        MESSAGE = "message", _("ส่งข้อความถึงผู้แจ้ง")
        ASSIGN = "assign", _("มอบหมายเจ้าหน้าที่")
        INTAKE = "intake", _("ลงทะเบียนเรื่องจากช่องทางอื่น")
        RECEIPT = "receipt", _("ออกรหัสติดตามใหม่")
        PRINT = "print", _("พิมพ์รายงาน")
        DELETE = "delete", _("ลบเรื่อง")
        PURGE = "purge", _("ลบเนื้อหาตามระยะเวลาเก็บรักษา")
        CENTRE = "centre", _("บันทึกเรื่องของศูนย์ดำรงธรรม")
        # Changes to the accounts that can reach reports (complaints/accounts.py).
        ACCESS_REQUESTED = "access_request", _("ขอสิทธิ์ (รออนุมัติ)")
        ACCESS_APPROVED = "access_approve", _("อนุมัติคำขอสิทธิ์")
        ACCESS_REFUSED = "access_refuse", _("ไม่อนุมัติคำขอสิทธิ์")
        ACCESS_WITHDRAWN = "access_withdraw", _("ยกเลิกคำขอหรือสิทธิ์ที่ยังไม่ใช้")
        FIRST_OFFICER = "first_officer", _("ตั้งเจ้าหน้าที่ฝ่ายนิติการคนแรก (คำสั่งบนเซิร์ฟเวอร์)")
        MEMBER_REMOVED = "member_remove", _("นำออกจากกลุ่ม")
        PASSWORD_SET = "password_set", _("ผู้อื่นตั้งรหัสผ่านให้")
        DEVICE_ADDED = "device_add", _("เพิ่มอุปกรณ์ยืนยันตัวตน")
        DEVICE_REMOVED = "device_remove", _("ลบอุปกรณ์ยืนยันตัวตน")
        DEVICE_RESET = "device_reset", _("รีเซ็ตอุปกรณ์ยืนยันตัวตน")
        ACCOUNT_ACTIVATED = "account_on", _("เปิดใช้งานบัญชี")
        ACCOUNT_DEACTIVATED = "account_off", _("ระงับการใช้งานบัญชี")
        EMAIL_CHANGED = "email_change", _("เปลี่ยนอีเมลของบัญชี")
        KEYS_GRANTED = "keys_grant", _("มอบกุญแจเรื่องให้สมาชิก")
        RECOVERY_KEY = "recovery_key", _("สร้างกุญแจกู้คืน")
        KEYS_MIGRATED = "keys_migrate", _("ย้ายเรื่องจากกุญแจของเซิร์ฟเวอร์")
        REPEAT_LINKED = "repeat_link", _("ระบุว่าเป็นเรื่องซ้ำ")

    created_at = models.DateTimeField(_("เวลา"), default=timezone.now, editable=False)
    actor = models.CharField(_("ผู้ดำเนินการ"), max_length=150, editable=False)
    action = models.CharField(_("การกระทำ"), max_length=20, choices=Action.choices, editable=False)
    report_reference = models.CharField(_("เลขที่เรื่อง"), max_length=20, blank=True, editable=False)
    detail = models.CharField(_("รายละเอียด"), max_length=300, blank=True, editable=False)
    previous_hash = models.CharField(max_length=64, unique=True, editable=False)
    entry_hash = models.CharField(max_length=64, unique=True, editable=False)

    GENESIS = "0" * 64
    ACCOUNT_ACTIONS = (
        Action.ACCESS_REQUESTED, Action.ACCESS_APPROVED, Action.ACCESS_REFUSED, Action.ACCESS_WITHDRAWN,
        Action.FIRST_OFFICER, Action.MEMBER_REMOVED, Action.PASSWORD_SET, Action.DEVICE_ADDED,
        Action.DEVICE_REMOVED, Action.DEVICE_RESET, Action.ACCOUNT_ACTIVATED, Action.ACCOUNT_DEACTIVATED,
        Action.EMAIL_CHANGED, Action.KEYS_GRANTED, Action.RECOVERY_KEY, Action.KEYS_MIGRATED,
    )

    class Meta:
        verbose_name = _("บันทึกการเข้าถึงเรื่องร้องเรียน")
        verbose_name_plural = _("บันทึกการเข้าถึงเรื่องร้องเรียน")
        ordering = ["-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.report_reference}"

    def compute_hash(self):
        payload = json.dumps(
            [self.previous_hash, self.created_at.isoformat(), self.actor, self.action,
             self.report_reference, self.detail],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @classmethod
    def record(cls, user, action, report=None, detail=""):
        """Append one entry after the current head. The unique previous_hash refuses a fork
        when two appends race; the loser retries on the new head."""
        actor = getattr(user, "username", "") or str(user or "system")
        reference = report.reference if report is not None else ""
        for attempt in range(5):
            try:
                with transaction.atomic():
                    head = cls.objects.select_for_update().order_by("-pk").first()
                    entry = cls(
                        actor=actor, action=action, report_reference=reference, detail=str(detail)[:300],
                        previous_hash=head.entry_hash if head else cls.GENESIS,
                    )
                    entry.entry_hash = entry.compute_hash()
                    models.Model.save(entry, force_insert=True)
                    return entry
            except IntegrityError:
                if attempt == 4:
                    raise
        return None

    def save(self, *args, **kwargs):
        raise PermissionError("Audit entries are appended with AuditEntry.record() and never changed.")

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries are never deleted.")

    @classmethod
    def verify_chain(cls):
        """[(entry id, problem)] for every broken link; [] when the chain is intact."""
        problems = []
        expected_previous = cls.GENESIS
        for entry in cls.objects.order_by("pk").iterator():
            if entry.previous_hash != expected_previous:
                problems.append((entry.pk, "previous entry missing or changed"))
            if entry.compute_hash() != entry.entry_hash:
                problems.append((entry.pk, "entry content changed"))
            expected_previous = entry.entry_hash
        return problems
