"""Who holds the keys (rows only; recipients.py and session.py act on them): a person's key pair
and its endorsements, the data keys sealed to people and to the recovery key, and the requests
that need a second person (accounts.py)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.roles import COMPLAINT_GROUPS


class PersonKey(models.Model):
    """A legal officer's or supervisor's key pair (complaints/keys.py): the public half in the
    clear, the private half only wrapped by a key derived from their password."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="complaint_key")
    public_key = models.BinaryField()
    wrapped_private = models.BinaryField()
    salt = models.BinaryField()
    kdf_params = models.CharField(max_length=40)  # "memory KiB,iterations" of the Argon2id that wrapped it
    # The Ed25519 half (derived from the private key) that endorses others and is endorsed.
    signing_public = models.BinaryField(default=b"")
    # Made under a password the person set themselves (a password someone else chose could be
    # known to them): only such a key may be endorsed.
    own_password = models.BooleanField(default=False)
    # Someone else set the password since: this key is kept (the old password still opens it)
    # and the person sets their own password at the next login.
    reset_by_other = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("กุญแจเปิดเรื่องร้องเรียนของบุคคล")
        verbose_name_plural = _("กุญแจเปิดเรื่องร้องเรียนของบุคคล")

    def __str__(self):
        return str(self.user)


class KeyEndorsement(models.Model):
    """A legal officer's signature over a newcomer's public keys in a role: a report is sealed only
    to keys endorsed, signature by signature, back to a root pinned outside the database
    (settings.COMPLAINT_KEY_ROOTS). A row written here without the signer's private key verifies
    nothing."""

    person_key = models.ForeignKey(PersonKey, on_delete=models.CASCADE, related_name="endorsements")
    role = models.CharField(max_length=150)
    signer_public = models.BinaryField()
    signature = models.BinaryField()
    endorsed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("การรับรองกุญแจ")
        verbose_name_plural = _("การรับรองกุญแจ")


class SealedDataKey(models.Model):
    """A report's data key sealed to one person's public key: who holds one of these (and their
    password) can read the report. Removing a member deletes theirs."""

    report = models.ForeignKey("CorruptionReport", on_delete=models.CASCADE, related_name="sealed_keys")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()
    created_on = models.DateField(default=timezone.localdate)  # written while filing: no time

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

    report = models.ForeignKey("CorruptionReport", on_delete=models.CASCADE, related_name="recovery_keys")
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
                                  choices=[(name, name) for name in COMPLAINT_GROUPS])
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
