"""Corruption reports: one model set for the public channel and the legal-affairs queue.

What identifies a whistleblower is never stored: no IP address, no user agent, no account.
Everything they wrote is encrypted at rest (see crypto.py); their receipt is kept only as a
keyed hash. Staff actions leave a hash-chained audit trail (AuditEntry).
"""
import datetime
import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.references import format_reference
from kpp_portal.storage import private_storage
from kpp_portal.thai import fiscal_year_of
from kpp_portal.uploads import safe_display_name

from . import crypto, legacy
from .audit import AuditEntry
from .choices import (  # noqa: F401 (what the channel's modules import from here)
    ALLOWED_TRANSITIONS,
    CLOSED_STATUSES,
    CONCLUSION_OUTCOMES,
    REJECTION_OUTCOMES,
    Category,
    Channel,
    Outcome,
    Status,
    WorkflowError,
)
from .figures import ComplaintCounter, HistoricalFigures, PurgedReportFigures, SpentReportToken  # noqa: F401
from .keyholders import (  # noqa: F401
    AccessRequest,
    KeyEndorsement,
    PersonKey,
    RecoveryKey,
    RecoverySealedKey,
    SealedDataKey,
)
from .keys import data_key_for
from .referrals import CentreReferral  # noqa: F401

REFERENCE_PREFIX = "ทจ"


def _add_days(day, days):
    return day + datetime.timedelta(days=days)


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
        ).order_by("urgency", "next_due_date", "received_on", "pk")

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
        old = legacy.receipt_hash(receipt or "0" * crypto.RECEIPT_DIGITS)
        report = (self.filter(receipt_hash__in=[lookup, old])
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
    # The date only: an exact time in the clear would tie the report to any other log (a proxy,
    # a phone company, a camera). The time, for the officers, is kept under the report's key.
    received_on = models.DateField(_("วันที่รับเรื่อง"), default=timezone.localdate)
    received_time = crypto.EncryptedTextField(_("เวลาที่รับเรื่อง"), blank=True, editable=False)
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
    # A keyed digest of the description, sealed like the text: only someone who can open two
    # reports sees that they say the same (complaints/duplicates.py).
    text_fingerprint = crypto.EncryptedTextField(blank=True, editable=False)
    # The earlier report this one repeats (the same matter filed twice), linked by an officer.
    repeats = models.ForeignKey("self", verbose_name=_("ซ้ำกับเรื่อง"), null=True, blank=True, editable=False,
                                on_delete=models.SET_NULL, related_name="repeated_by")
    purged_at = models.DateTimeField(_("ลบเนื้อหาตามระยะเวลาเก็บรักษาเมื่อ"), null=True, blank=True, editable=False)
    is_sample = models.BooleanField(_("ข้อมูลตัวอย่าง"), default=False, editable=False)

    objects = ReportQuerySet.as_manager()
    # The columns under the report's data key (what a list of reports defers: it shows none).
    SEALED_FIELDS = ("accused", "when_where", "description", "reporter_identity", "reporter_contact",
                     "received_time", "text_fingerprint")

    class Meta:
        verbose_name = _("เรื่องร้องเรียนการทุจริต")
        verbose_name_plural = _("เรื่องร้องเรียนการทุจริต")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "sequence"],
                                    name="complaint_sequence_per_fiscal_year"),
        ]
        # The queue's order and the likely-repeat look-ups read reports by the day they came in.
        indexes = [models.Index(fields=["received_on"], name="complaint_received_on")]

    def __str__(self):
        # Only the reference: a report's str() reaches logs and admin history.
        return self.reference

    # -- creation ---------------------------------------------------------------------------
    def assign_reference(self):
        """The next ทจ-<BE fiscal year>-NNNN from the channel's own counter. The counter row stays
        locked until the report is saved, and a number once given out is never given again,
        even after its report is deleted."""
        self.fiscal_year = fiscal_year_of(self.received_on)
        self.sequence = ComplaintCounter.next_number(REFERENCE_PREFIX, self.fiscal_year)
        self.reference = format_reference(REFERENCE_PREFIX, self.fiscal_year, self.sequence)

    def set_deadlines(self):
        self.acknowledge_due = _add_days(self.received_on, settings.COMPLAINT_ACKNOWLEDGE_DAYS)
        self.conclude_due = _add_days(self.received_on, settings.COMPLAINT_CONCLUDE_DAYS)

    def save(self, *args, **kwargs):
        """A new report is numbered here; its data key is made and sealed by filing
        (services.file_report), the one way a report comes in."""
        if self.pk:
            return super().save(*args, **kwargs)
        self.has_reporter_identity = bool(self.reporter_identity or self.reporter_contact)
        self.set_deadlines()
        with transaction.atomic():
            self.assign_reference()
            return super().save(*args, **kwargs)

    def issue_receipt(self, receipt=None):
        """A new receipt for this report; only a lookup digest of it is kept, and the report's
        data key wrapped by a key derived from it. Returns the receipt.
        (`receipt` is given only by the demo, so its printed sample receipt stays valid.)"""
        receipt = receipt or crypto.new_receipt()
        lookup, wrap = crypto.receipt_keys(receipt)
        self.receipt_hash = lookup
        self.receipt_key = None
        if self.data_key_id:
            self.receipt_key = crypto.wrap_receipt_key(wrap, self, data_key_for(self))
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
    # The day only, as for the report: the order of the conversation is the order of the rows.
    sent_on = models.DateField(_("วันที่"), default=timezone.localdate)

    class Meta:
        verbose_name = _("ข้อความในเรื่องร้องเรียน")
        verbose_name_plural = _("ข้อความในเรื่องร้องเรียน")
        ordering = ["sent_on", "pk"]

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
    # Kept only as pictures of its pages: the file could not be cleaned with confidence.
    rendered = models.BooleanField(_("เก็บเป็นภาพของหน้าเอกสาร"), default=False)
    from_staff = models.BooleanField(_("เจ้าหน้าที่แนบ (เช่น สแกนหนังสือ)"), default=False)
    added_on = models.DateField(_("วันที่"), default=timezone.localdate)

    class Meta:
        verbose_name = _("ไฟล์หลักฐาน")
        verbose_name_plural = _("ไฟล์หลักฐาน")
        ordering = ["added_on", "pk"]

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
