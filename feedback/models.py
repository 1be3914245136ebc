"""The general opinion channel (ช่องทางการรับฟังความคิดเห็น / ติดต่อเสนอแนะทั่วไป).

The ITA table asks for a general contact and suggestion channel kept apart from the
corruption-report channel: suggestions, requests and questions about the municipality's
services, each with a reference number to follow it. Nothing sent here reaches the
legal-affairs unit's queue.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal import outbox
from kpp_portal.damrongtham import CASE_NUMBER_MAX_CHARS, CentreCaseFields
from kpp_portal.models import ReferenceCounter
from kpp_portal.references import find_for_follow_up, follow_up_digest, new_follow_up_code

MESSAGE_MAX_CHARS = 3000
FOLLOW_UP_LENGTH = 8
REFERENCE_PREFIX = "คร"


class FeedbackKind(models.TextChoices):
    SUGGESTION = "suggestion", _("ข้อเสนอแนะ")
    REQUEST = "request", _("คำขอ/ขอรับบริการ")
    QUESTION = "question", _("คำถาม")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("รับเรื่องแล้ว")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    ANSWERED = "answered", _("ตอบแล้ว")
    CLOSED = "closed", _("ปิดเรื่อง")


# The salt predates the channel's own app; changing it would orphan every code given out.
FOLLOW_UP_SALT = "committees.feedback.follow-up"


def _follow_up_digest(code):
    return follow_up_digest(FOLLOW_UP_SALT, code)


class FeedbackMessageQuerySet(models.QuerySet):
    def wipe_contacts_before(self, cutoff):
        """Contact details exist so staff can reply: once a message sent before `cutoff` is
        answered or closed they serve no purpose and are wiped (PDPA). Returns how many."""
        return (
            self.filter(created_at__lt=cutoff, status__in=[FeedbackStatus.ANSWERED, FeedbackStatus.CLOSED])
            .exclude(name="", email="", phone="")
            .update(name="", email="", phone="")
        )


class FeedbackMessage(models.Model):
    """A suggestion, request or question through the general channel (never a corruption report).

    The sender follows it with the reference number plus a random follow-up code shown once.
    Only a keyed hash of the code is stored. Contact details are optional, so they cannot be
    the key; and a phone number is easy to guess for a neighbour, a random code is not.
    """

    reference = models.CharField(_("เลขที่อ้างอิง"), max_length=30, unique=True, editable=False)
    follow_up_digest = models.CharField(max_length=64, editable=False)
    kind = models.CharField(_("ประเภท"), max_length=12, choices=FeedbackKind.choices)
    subject = models.CharField(_("เรื่อง"), max_length=200)
    message = models.TextField(_("รายละเอียด"), validators=[MaxLengthValidator(MESSAGE_MAX_CHARS)])
    name = models.CharField(_("ชื่อผู้ติดต่อ"), max_length=150, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED
    )
    reply = models.TextField(_("คำตอบของเทศบาล"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ตอบ"),
    )
    answered_at = models.DateTimeField(_("ตอบเมื่อ"), null=True, blank=True)
    created_at = models.DateTimeField(_("ส่งเมื่อ"), auto_now_add=True)

    objects = FeedbackMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ความคิดเห็น/ข้อเสนอแนะทั่วไป")
        verbose_name_plural = _("ความคิดเห็น/ข้อเสนอแนะทั่วไป")

    def __str__(self):
        return f"{self.reference} {self.subject}"

    @classmethod
    def submit(cls, **fields):
        """Store a new message with its reference; returns (message, follow-up code)."""
        code = new_follow_up_code(FOLLOW_UP_LENGTH)
        with transaction.atomic():
            reference = ReferenceCounter.next_reference_at(REFERENCE_PREFIX, timezone.now())
            message = cls.objects.create(
                reference=reference, follow_up_digest=_follow_up_digest(code), **fields
            )
        return message, code

    def record_reply(self, user):
        """Who answered and when; the sender is told by e-mail if they gave one (through the
        outbox, in this transaction, so a rolled-back save sends nothing). The mail says only
        that there is an answer: the answer itself stays behind the follow-up code, in case the
        address was mistyped."""
        self.answered_by, self.answered_at = user, timezone.now()
        if self.email:
            self._send_reply_notice()  # queued in this transaction: a rollback sends nothing

    def _send_reply_notice(self):
        follow_up_url = settings.SITE_URL + reverse("feedback:follow_up")
        outbox.send(
            self.email,
            _("เทศบาลตอบเรื่อง %(reference)s แล้ว") % {"reference": self.reference},
            _(
                "เรื่อง %(subject)s (เลขที่อ้างอิง %(reference)s) มีคำตอบจากเทศบาลแล้ว\n"
                "อ่านคำตอบได้ที่ %(url)s โดยใช้เลขที่อ้างอิงและรหัสติดตามที่ได้รับเมื่อส่งเรื่อง"
            )
            % {"subject": self.subject, "reference": self.reference, "url": follow_up_url},
        )

    @classmethod
    def find_for_follow_up(cls, reference, code):
        """The message only when both the reference and its code match; else None."""
        return find_for_follow_up(cls.objects, FOLLOW_UP_SALT, reference, code)



class CentreCase(CentreCaseFields):
    """The Damrongtham Centre's side of a message: received from it or forwarded to it."""

    message = models.OneToOneField(FeedbackMessage, on_delete=models.CASCADE, related_name="centre_case",
                                   verbose_name=_("เรื่อง"))
    case_number = models.CharField(_("เลขที่เรื่องของศูนย์ดำรงธรรม"), max_length=CASE_NUMBER_MAX_CHARS)

    class Meta(CentreCaseFields.Meta):
        pass

    def __str__(self):
        return self.case_number
