"""Corruption reports: one model set for the public channel and the legal-affairs queue.

What identifies a whistleblower is never stored: no IP address, no user agent, no account.
Everything they wrote is encrypted at rest (see crypto.py); their receipt is kept only as a
keyed hash. Staff actions leave a hash-chained audit trail (AuditEntry).
"""
import datetime
import hashlib
import json
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal import roles
from kpp_portal.models import SpentTokens
from kpp_portal.references import SequenceCounter, format_reference
from kpp_portal.storage import private_storage
from kpp_portal.thai import (
    ROUND_FIRST_HALF,
    ROUND_FULL_YEAR,
    fiscal_round_range,
    fiscal_year_of,
    validate_be_year,
)
from kpp_portal.uploads import safe_display_name

from . import crypto

REFERENCE_PREFIX = "ทจ"


class Category(models.TextChoices):
    BRIBERY = "bribery", _("การเรียกรับหรือให้สินบน")
    PROCUREMENT_FRAUD = "procurement", _("การทุจริตในการจัดซื้อจัดจ้าง")
    ABUSE_OF_POSITION = "abuse", _("การใช้ตำแหน่งหน้าที่โดยมิชอบ")
    CONFLICT_OF_INTEREST = "conflict", _("ผลประโยชน์ทับซ้อน")
    MISCONDUCT = "misconduct", _("การประพฤติมิชอบของเจ้าหน้าที่")
    OTHER = "other", _("อื่น ๆ")


class Channel(models.TextChoices):
    WEB = "web", _("เว็บไซต์ (ช่องทางออนไลน์)")
    DAMRONGTHAM = "damrongtham", _("ศูนย์ดำรงธรรม")
    COMMENT_BOX = "box", _("ตู้/กล่องรับความคิดเห็น")
    POST = "post", _("ไปรษณีย์")
    WALK_IN = "walk_in", _("มาด้วยตนเอง")
    PHONE = "phone", _("โทรศัพท์")
    FACEBOOK = "facebook", _("เฟซบุ๊กสำนักงาน")


class Status(models.TextChoices):
    RECEIVED = "received", _("รับเรื่องแล้ว")
    ACKNOWLEDGED = "acknowledged", _("ตอบรับเรื่องแล้ว")
    INVESTIGATING = "investigating", _("อยู่ระหว่างตรวจสอบข้อเท็จจริง")
    ESCALATED = "escalated", _("รายงานผู้บังคับบัญชาแล้ว")
    CONCLUDED = "concluded", _("ยุติเรื่อง/แจ้งผลแล้ว")
    REJECTED = "rejected", _("ไม่รับพิจารณา")


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("มีมูล ดำเนินการทางวินัย/กฎหมาย")
    NOT_SUBSTANTIATED = "not_substantiated", _("ไม่มีมูล")
    FORWARDED_NACC = "forwarded_nacc", _("ส่งต่อสำนักงาน ป.ป.ช.")
    FORWARDED_PACC = "forwarded_pacc", _("ส่งต่อสำนักงาน ป.ป.ท.")
    FORWARDED_DAMRONGTHAM = "forwarded_damrongtham", _("ส่งต่อศูนย์ดำรงธรรม")
    FORWARDED_OTHER = "forwarded_other", _("ส่งต่อหน่วยงานอื่น")
    OUTSIDE_JURISDICTION = "outside_jurisdiction", _("ไม่อยู่ในอำนาจหน้าที่")
    DUPLICATE = "duplicate", _("เรื่องซ้ำ")
    NO_SUBSTANCE = "no_substance", _("ข้อมูลไม่เพียงพอ/ไม่มีสาระ")


CONCLUSION_OUTCOMES = {
    Outcome.SUBSTANTIATED, Outcome.NOT_SUBSTANTIATED, Outcome.FORWARDED_NACC,
    Outcome.FORWARDED_PACC, Outcome.FORWARDED_DAMRONGTHAM, Outcome.FORWARDED_OTHER,
}
REJECTION_OUTCOMES = {Outcome.OUTSIDE_JURISDICTION, Outcome.DUPLICATE, Outcome.NO_SUBSTANCE}

# The only moves the workflow allows; anything else is refused by CorruptionReport.transition.
ALLOWED_TRANSITIONS = {
    Status.RECEIVED: (Status.ACKNOWLEDGED, Status.REJECTED),
    Status.ACKNOWLEDGED: (Status.INVESTIGATING, Status.REJECTED),
    Status.INVESTIGATING: (Status.ESCALATED, Status.REJECTED),
    Status.ESCALATED: (Status.CONCLUDED, Status.INVESTIGATING),
    Status.CONCLUDED: (),
    Status.REJECTED: (),
}
CLOSED_STATUSES = (Status.CONCLUDED, Status.REJECTED)


class WorkflowError(ValidationError):
    pass


def _add_days(moment, days):
    return timezone.localtime(moment).date() + datetime.timedelta(days=days)


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def with_deadline_order(self):
        """Overdue first, then due soon, then the rest; each by its nearest deadline."""
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=settings.COMPLAINT_DUE_SOON_DAYS)
        acknowledging = Q(status=Status.RECEIVED)
        concluding = ~Q(status__in=CLOSED_STATUSES) & ~Q(status=Status.RECEIVED)
        return self.annotate(
            urgency=Case(
                When(acknowledging & Q(acknowledge_due__lt=today), then=Value(0)),
                When(concluding & Q(conclude_due__lt=today), then=Value(0)),
                When(acknowledging & Q(acknowledge_due__lte=soon), then=Value(1)),
                When(concluding & Q(conclude_due__lte=soon), then=Value(1)),
                When(status__in=CLOSED_STATUSES, then=Value(3)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            next_due_date=Case(When(acknowledging, then=F("acknowledge_due")), default=F("conclude_due")),
        ).order_by("urgency", "next_due_date", "received_at")

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            Q(status=Status.RECEIVED, acknowledge_due__lt=today)
            | (~Q(status__in=CLOSED_STATUSES) & Q(conclude_due__lt=today))
        )

    def due_soon(self, today=None):
        today = today or timezone.localdate()
        soon = today + datetime.timedelta(days=settings.COMPLAINT_DUE_SOON_DAYS)
        return self.filter(
            Q(status=Status.RECEIVED, acknowledge_due__gte=today, acknowledge_due__lte=soon)
            | (~Q(status__in=CLOSED_STATUSES) & Q(conclude_due__gte=today, conclude_due__lte=soon))
        )

    def for_receipt(self, typed_receipt):
        """The report a receipt opens, or None; a report found carries `receipt_data_key` (its
        data key, opened by the receipt) when it has one. Same work (one Argon2id, one HMAC,
        one indexed query) for any wrong code, so timing tells an attacker nothing."""
        receipt = crypto.normalise_receipt(typed_receipt)
        lookup, unwrap = crypto.receipt_keys(receipt or "0" * crypto.RECEIPT_DIGITS)
        legacy = crypto.receipt_hash(receipt or "0" * crypto.RECEIPT_DIGITS)
        report = (self.filter(receipt_hash__in=[lookup, legacy])
                  .only("pk", "purged_at", "receipt_hash", "receipt_key", "data_key_id").first())
        if not receipt or report is None:
            return None
        report.receipt_data_key = None
        if report.receipt_key and report.receipt_hash == lookup:
            report.receipt_data_key = crypto.open_receipt_key(unwrap, report)
        return report


class CorruptionReport(models.Model):
    reference = models.CharField(_("เลขที่เรื่อง"), max_length=20, unique=True, editable=False)
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"), editable=False, db_index=True)
    sequence = models.PositiveIntegerField(_("ลำดับในปีงบประมาณ"), editable=False)
    category = models.CharField(_("ประเภทเรื่อง"), max_length=20, choices=Category.choices)
    channel = models.CharField(_("ช่องทางที่รับเรื่อง"), max_length=20, choices=Channel.choices,
                               default=Channel.WEB)
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField(_("ผลการพิจารณา"), max_length=30, choices=Outcome.choices, blank=True)
    received_at = models.DateTimeField(_("วันที่รับเรื่อง"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("วันที่ตอบรับเรื่อง"), null=True, blank=True)
    closed_at = models.DateTimeField(_("วันที่ยุติเรื่อง"), null=True, blank=True)
    acknowledge_due = models.DateField(_("กำหนดตอบรับเรื่อง"), editable=False)
    conclude_due = models.DateField(_("กำหนดแจ้งผล"), editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("เจ้าหน้าที่ผู้รับผิดชอบ"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="assigned_corruption_reports",
    )
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ผู้บังคับบัญชาที่รับรายงาน"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="escalated_corruption_reports",
    )
    # Look-up digest of the receipt (Argon2id with the pepper, crypto.receipt_keys; an HMAC for
    # receipts issued before per-person keys); null for intake where nobody wants to follow up.
    receipt_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # The report's data key wrapped by a key only the receipt gives (crypto.receipt_keys).
    receipt_key = models.BinaryField(null=True, blank=True, editable=False)
    # Names the report's own data key (complaints/keys.py); "" for a report still under the
    # server key (COMPLAINT_ENCRYPTION_KEYS) until `migrate_complaint_keys` moves it.
    data_key_id = models.CharField(max_length=32, blank=True, editable=False, db_index=True)
    accused = crypto.EncryptedTextField(_("เจ้าหน้าที่ที่ถูกร้องเรียน (ชื่อ ตำแหน่ง หน่วยงาน)"), blank=True)
    when_where = crypto.EncryptedTextField(_("เกิดเมื่อใด ที่ใด"), blank=True)
    description = crypto.EncryptedTextField(_("รายละเอียดเรื่อง"), blank=True)
    reporter_identity = crypto.EncryptedTextField(_("ชื่อผู้แจ้ง"), blank=True)
    reporter_contact = crypto.EncryptedTextField(_("ช่องทางติดต่อผู้แจ้ง"), blank=True)
    # Lets the queue say "contact details exist (hidden)" without decrypting them.
    has_reporter_identity = models.BooleanField(_("ผู้แจ้งให้ข้อมูลติดต่อ"), default=False, editable=False)
    purged_at = models.DateTimeField(_("ลบเนื้อหาตามระยะเวลาเก็บรักษาเมื่อ"), null=True, blank=True, editable=False)
    is_sample = models.BooleanField(_("ข้อมูลตัวอย่าง"), default=False, editable=False)

    objects = ReportQuerySet.as_manager()
    # The columns under the report's data key (what a list of reports defers: it shows none).
    SEALED_FIELDS = ("accused", "when_where", "description", "reporter_identity", "reporter_contact")

    class Meta:
        verbose_name = _("เรื่องร้องเรียนการทุจริต")
        verbose_name_plural = _("เรื่องร้องเรียนการทุจริต")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "sequence"],
                                    name="complaint_sequence_per_fiscal_year"),
        ]

    def __str__(self):
        # Only the reference: a report's str() reaches logs and admin history.
        return self.reference

    # -- creation ---------------------------------------------------------------------------
    def assign_reference(self):
        """The next ทจ-<BE fiscal year>-NNNN from the channel's own counter. The counter row stays
        locked until the report is saved, and a number once given out is never given again,
        even after its report is deleted."""
        self.fiscal_year = fiscal_year_of(self.received_at)
        self.sequence = ComplaintCounter.next_number(REFERENCE_PREFIX, self.fiscal_year)
        self.reference = format_reference(REFERENCE_PREFIX, self.fiscal_year, self.sequence)

    def set_deadlines(self):
        self.acknowledge_due = _add_days(self.received_at, settings.COMPLAINT_ACKNOWLEDGE_DAYS)
        self.conclude_due = _add_days(self.received_at, settings.COMPLAINT_CONCLUDE_DAYS)

    def save(self, *args, **kwargs):
        if self.pk:
            return super().save(*args, **kwargs)
        self.has_reporter_identity = bool(self.reporter_identity or self.reporter_contact)
        self.set_deadlines()
        from . import recipients

        # A new report gets its own data key, open only in this context and sealed (public
        # keys only) to everyone who may read it.
        if not self.data_key_id:
            recipients.start_data_key(self)
        with transaction.atomic():
            self.assign_reference()
            saved = super().save(*args, **kwargs)
            recipients.seal_new_report(self)
            return saved

    def issue_receipt(self, receipt=None):
        """A new receipt for this report; only a lookup digest of it is kept, and the report's
        data key wrapped by a key derived from it. Returns the receipt.
        (`receipt` is given only by the demo, so its printed sample receipt stays valid.)"""
        from . import keys

        receipt = receipt or crypto.new_receipt()
        lookup, wrap = crypto.receipt_keys(receipt)
        self.receipt_hash = lookup
        self.receipt_key = None
        if self.data_key_id:
            self.receipt_key = crypto.wrap_receipt_key(wrap, self, keys.data_key_for(self))
        self.save(update_fields=["receipt_hash", "receipt_key"])
        return receipt

    # -- deadlines --------------------------------------------------------------------------
    @property
    def is_closed(self):
        return self.status in CLOSED_STATUSES

    @property
    def next_due(self):
        if self.is_closed:
            return None
        return self.acknowledge_due if self.status == Status.RECEIVED else self.conclude_due

    def deadline_state(self, today=None):
        """"overdue", "due_soon" or "" for the queue's highlighting."""
        due = self.next_due
        if due is None:
            return ""
        today = today or timezone.localdate()
        if due < today:
            return "overdue"
        if due <= today + datetime.timedelta(days=settings.COMPLAINT_DUE_SOON_DAYS):
            return "due_soon"
        return ""

    # -- workflow ---------------------------------------------------------------------------
    def allowed_transitions(self):
        return ALLOWED_TRANSITIONS[Status(self.status)]

    def check_transition(self, to_status, outcome="", escalate_to=None):
        """Raise WorkflowError unless the table allows this move with what it needs."""
        to_status = Status(to_status)
        if to_status not in self.allowed_transitions():
            raise WorkflowError(
                _("เปลี่ยนสถานะจาก “%(from)s” เป็น “%(to)s” ไม่ได้")
                % {"from": self.get_status_display(), "to": to_status.label}
            )
        if to_status == Status.CONCLUDED and outcome not in CONCLUSION_OUTCOMES:
            raise WorkflowError(_("โปรดเลือกผลการพิจารณาเมื่อยุติเรื่อง"))
        if to_status == Status.REJECTED and outcome not in REJECTION_OUTCOMES:
            raise WorkflowError(_("โปรดเลือกเหตุผลที่ไม่รับพิจารณา"))
        if to_status == Status.ESCALATED and escalate_to is None:
            raise WorkflowError(_("โปรดเลือกผู้บังคับบัญชาที่จะรายงาน"))
        return to_status

    @transaction.atomic
    def transition(self, to_status, by, note="", public_note="", outcome="", escalate_to=None):
        """Move along the workflow, recording who, when and why; refuse any other move."""
        to_status = self.check_transition(to_status, outcome, escalate_to)
        now = timezone.now()
        change = StatusChange.objects.create(
            report=self, from_status=self.status, to_status=to_status, outcome=outcome or "",
            changed_by=by, changed_at=now, note=note, public_note=public_note,
        )
        self.status = to_status
        fields = ["status"]
        if to_status == Status.ACKNOWLEDGED:
            self.acknowledged_at = now
            fields.append("acknowledged_at")
        if to_status == Status.ESCALATED:
            self.escalated_to = escalate_to
            fields.append("escalated_to")
            if self.data_key_id:
                from . import recipients

                recipients.seal_to(self, escalate_to)
        if to_status in CLOSED_STATUSES:
            self.outcome = outcome
            self.closed_at = now
            fields += ["outcome", "closed_at"]
        self.save(update_fields=fields)
        AuditEntry.record(by, AuditEntry.Action.STATUS, self, f"{change.from_status} → {to_status}")
        return change

    def public_timeline(self):
        """What the reporter may see: status steps with their public notes (no staff names)."""
        return self.status_changes.order_by("changed_at", "pk")


class ComplaintCounter(SequenceCounter):
    """Reference numbers of corruption reports, in a table no other channel shares."""

    class Meta:
        verbose_name = _("ตัวนับเลขที่เรื่องร้องเรียน")
        verbose_name_plural = _("ตัวนับเลขที่เรื่องร้องเรียน")
        constraints = [
            models.UniqueConstraint(fields=["scope", "year_be"], name="complaint_counter_scope_year"),
        ]


class PurgedReportFigures(models.Model):
    """What the statistics still need of a deleted report (admin delete, or `purge_reports` in
    "delete" mode): no text, no reference beyond its number, nothing about a person."""

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"))
    sequence = models.PositiveIntegerField(_("ลำดับในปีงบประมาณ"))
    category = models.CharField(_("ประเภทเรื่อง"), max_length=20, choices=Category.choices)
    channel = models.CharField(_("ช่องทางที่รับเรื่อง"), max_length=20, choices=Channel.choices)
    outcome = models.CharField(_("ผลการพิจารณา"), max_length=30, choices=Outcome.choices, blank=True)
    received_at = models.DateTimeField(_("วันที่รับเรื่อง"))
    acknowledged_at = models.DateTimeField(_("วันที่ตอบรับเรื่อง"), null=True)
    closed_at = models.DateTimeField(_("วันที่ยุติเรื่อง"), null=True)

    STATISTICS_FIELDS = ("received_at", "channel", "category", "outcome", "acknowledged_at", "closed_at")

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


class ReportMessage(models.Model):
    class Kind(models.TextChoices):
        FROM_REPORTER = "from_reporter", _("ข้อความจากผู้แจ้ง")
        TO_REPORTER = "to_reporter", _("ข้อความถึงผู้แจ้ง")
        INTERNAL_NOTE = "internal", _("บันทึกภายใน (ผู้แจ้งไม่เห็น)")

    report = models.ForeignKey(CorruptionReport, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("ชนิดข้อความ"), max_length=20, choices=Kind.choices)
    body = crypto.EncryptedTextField(_("ข้อความ"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("เจ้าหน้าที่ผู้เขียน"), null=True, blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("เวลา"), default=timezone.now)

    class Meta:
        verbose_name = _("ข้อความในเรื่องร้องเรียน")
        verbose_name_plural = _("ข้อความในเรื่องร้องเรียน")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.report.reference} · {self.get_kind_display()}"


def _private_storage():
    """The FileField's storage callable (named in the migrations): the shared private storage."""
    return private_storage


def _evidence_path(instance, filename):
    # A random name: the original file name (often a person's name) is kept only encrypted.
    return f"complaints/{secrets.token_hex(16)}.bin"


class ReportFile(models.Model):
    report = models.ForeignKey(CorruptionReport, on_delete=models.CASCADE, related_name="files")
    message = models.ForeignKey(
        ReportMessage, on_delete=models.CASCADE, related_name="files", null=True, blank=True
    )
    stored = models.FileField(_("ไฟล์ (เข้ารหัส)"), upload_to=_evidence_path, storage=_private_storage,
                              max_length=200)
    original_name = crypto.EncryptedTextField(_("ชื่อไฟล์เดิม"))
    kind = models.CharField(_("ชนิดไฟล์"), max_length=10)
    size = models.PositiveIntegerField(_("ขนาด (ไบต์)"))
    sha256 = models.CharField(_("SHA-256 ของไฟล์ที่เก็บ"), max_length=64)
    metadata_kept = models.BooleanField(_("คงข้อมูลกำกับเดิมไว้"), default=False)
    from_staff = models.BooleanField(_("เจ้าหน้าที่แนบ (เช่น สแกนหนังสือ)"), default=False)
    created_at = models.DateTimeField(_("เวลา"), default=timezone.now)

    class Meta:
        verbose_name = _("ไฟล์หลักฐาน")
        verbose_name_plural = _("ไฟล์หลักฐาน")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.report.reference} · {self.kind}"

    @property
    def display_name(self):
        """The name staff see: neutral unless the sender kept it, never with control characters."""
        return safe_display_name(self.original_name) or self.kind

    def read_plaintext(self):
        """The file's content; raises keys.KeysLocked when its report's key is not open here."""
        with self.stored.open("rb") as handle:
            return crypto.decrypt_file(handle.read())


class StatusChange(models.Model):
    report = models.ForeignKey(CorruptionReport, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("จากสถานะ"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("เป็นสถานะ"), max_length=20, choices=Status.choices)
    outcome = models.CharField(_("ผลการพิจารณา"), max_length=30, choices=Outcome.choices, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ผู้ดำเนินการ"), null=True, on_delete=models.SET_NULL
    )
    changed_at = models.DateTimeField(_("เวลา"), default=timezone.now)
    note = crypto.EncryptedTextField(_("บันทึกภายใน"), blank=True)
    public_note = crypto.EncryptedTextField(_("ข้อความที่ผู้แจ้งเห็น"), blank=True)

    class Meta:
        verbose_name = _("การเปลี่ยนสถานะ")
        verbose_name_plural = _("การเปลี่ยนสถานะ")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.report.reference}: {self.from_status} → {self.to_status}"


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




class PersonKey(models.Model):
    """A legal officer's or supervisor's key pair (complaints/keys.py): the public half in the
    clear, the private half only wrapped by a key derived from their password."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="complaint_key")
    public_key = models.BinaryField()
    wrapped_private = models.BinaryField()
    salt = models.BinaryField()
    kdf_params = models.CharField(max_length=40)  # "memory KiB,iterations" of the Argon2id that wrapped it
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("กุญแจเปิดเรื่องร้องเรียนของบุคคล")
        verbose_name_plural = _("กุญแจเปิดเรื่องร้องเรียนของบุคคล")

    def __str__(self):
        return str(self.user)


class SealedDataKey(models.Model):
    """A report's data key sealed to one person's public key: who holds one of these (and their
    password) can read the report. Removing a member deletes theirs."""

    report = models.ForeignKey(CorruptionReport, on_delete=models.CASCADE, related_name="sealed_keys")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("กุญแจเรื่องที่มอบให้บุคคล")
        verbose_name_plural = _("กุญแจเรื่องที่มอบให้บุคคล")
        constraints = [
            models.UniqueConstraint(fields=["report", "recipient"], name="one_sealed_key_per_recipient"),
        ]

    def __str__(self):
        return f"{self.report} · {self.recipient}"


class RecoverySealedKey(models.Model):
    """A report's data key sealed to the recovery key (its private half is on paper in the
    municipality's safe), so losing every officer does not lose the reports."""

    report = models.ForeignKey(CorruptionReport, on_delete=models.CASCADE, related_name="recovery_keys")
    recovery_key = models.ForeignKey("RecoveryKey", on_delete=models.CASCADE, related_name="sealed")
    sealed = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "recovery_key"],
                                    name="one_sealed_key_per_recovery_key"),
        ]


class RecoveryKey(models.Model):
    """The public half of a recovery key made offline by `complaint_recovery_key`."""

    public_key = models.BinaryField()
    fingerprint = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("กุญแจกู้คืนเรื่องร้องเรียน")
        verbose_name_plural = _("กุญแจกู้คืนเรื่องร้องเรียน")

    def __str__(self):
        return self.fingerprint[:16]


class AccessRequest(models.Model):
    """A step that needs a second person (complaints/accounts.py): joining the legal-affairs or
    supervisor group, or enrolling a new second-factor device. An approved request also lets
    its account enrol one device, if it has none."""

    class Kind(models.TextChoices):
        JOIN = "join", _("เข้าร่วมกลุ่ม")
        ENROL = "enrol", _("ลงทะเบียนอุปกรณ์ยืนยันตัวตนใหม่")

    class State(models.TextChoices):
        PENDING = "pending", _("รออนุมัติ")
        APPROVED = "approved", _("อนุมัติแล้ว")
        REFUSED = "refused", _("ไม่อนุมัติ")
        WITHDRAWN = "withdrawn", _("ยกเลิกแล้ว")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("บัญชี"), on_delete=models.CASCADE,
                             related_name="complaint_access_requests")
    kind = models.CharField(_("คำขอ"), max_length=10, choices=Kind.choices)
    group_name = models.CharField(_("กลุ่ม"), max_length=150, blank=True,
                                  choices=[(name, name) for name in roles.COMPLAINT_GROUPS])
    state = models.CharField(_("สถานะ"), max_length=10, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ผู้ขอ"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(_("ขอเมื่อ"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ผู้อนุมัติ/ไม่อนุมัติ"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("พิจารณาเมื่อ"), null=True, blank=True)
    # Set on approval when the account has no device yet; cleared when it enrols one, or when
    # someone else sets its password (so a new password cannot be followed by a new device).
    enrolment_open = models.BooleanField(_("ลงทะเบียนอุปกรณ์ได้หนึ่งครั้ง"), default=False)

    class Meta:
        verbose_name = _("คำขอสิทธิ์เข้าถึงเรื่องร้องเรียน")
        verbose_name_plural = _("คำขอสิทธิ์เข้าถึงเรื่องร้องเรียน")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "group_name"], condition=Q(state="pending"),
                                    name="one_pending_access_request"),
        ]

    def __str__(self):
        what = self.group_name if self.kind == self.Kind.JOIN else self.get_kind_display()
        return f"{self.user} · {what} · {self.get_state_display()}"

    @property
    def is_pending(self):
        return self.state == self.State.PENDING


class SpentReportToken(SpentTokens):
    """Spent one-time tokens of the report form (kpp_portal.forms.file_once): in the channel's own
    table, since filing a report writes nothing outside it (sessions aside)."""

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
