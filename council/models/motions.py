from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .meetings import Meeting
from .members import CouncilMember


class MotionKind(models.TextChoices):
    BUDGET_ORDINANCE = "budget_ordinance", _("ร่างเทศบัญญัติงบประมาณรายจ่าย")
    ORDINANCE = "ordinance", _("ร่างเทศบัญญัติ")
    TRANSFER = "transfer", _("ญัตติขอโอนงบประมาณ")
    PLAN = "plan", _("แผนพัฒนาท้องถิ่น")
    MOTION = "motion", _("ญัตติ")
    REPORT = "report", _("เรื่องแจ้งเพื่อทราบ/รายงาน")


class Motion(models.Model):
    """A paper put before the council (ญัตติ, ร่างเทศบัญญัติ). Its history is the agenda items
    that took it up, in order."""

    reference = models.CharField(_("เลขที่"), max_length=50, unique=True)
    kind = models.CharField(_("ประเภท"), max_length=20, choices=MotionKind.choices, default=MotionKind.MOTION)
    title = models.CharField(_("เรื่อง"), max_length=300)
    summary = models.TextField(_("สาระสำคัญ"), blank=True)
    submitted_on = models.DateField(_("วันที่เสนอ"))
    proposer = models.CharField(_("ผู้เสนอ"), max_length=200, help_text=_("เช่น นายกเทศมนตรี หรือชื่อสมาชิกผู้เสนอ"))
    catalogue_document = models.ForeignKey(
        "disclosures.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("เอกสารในหมวดเอกสารเผยแพร่"),
        help_text=_("เช่น ร่างเทศบัญญัติงบประมาณรายจ่ายที่เผยแพร่ในหมวดเอกสาร"))
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("ญัตติ/ร่างเทศบัญญัติ")
        verbose_name_plural = _("ญัตติและร่างเทศบัญญัติ")

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("council:motion", args=[self.pk])


ORDINANCES = (MotionKind.BUDGET_ORDINANCE, MotionKind.ORDINANCE)


class BudgetReading(models.IntegerChoices):
    FIRST = 1, _("วาระที่ 1 ขั้นรับหลักการ")
    SECOND = 2, _("วาระที่ 2 ขั้นแปรญัตติ")
    THIRD = 3, _("วาระที่ 3 ขั้นลงมติให้ตราเป็นเทศบัญญัติ")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("มีมติเห็นชอบ")
    REJECTED = "rejected", _("มีมติไม่เห็นชอบ")
    NOTED = "noted", _("รับทราบ")
    DEFERRED = "deferred", _("เลื่อนการพิจารณา")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items",
                                verbose_name=_("การประชุม"))
    number = models.CharField(_("ระเบียบวาระที่"), max_length=10, help_text=_("เช่น 1, 3.2"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    title = models.CharField(_("เรื่อง"), max_length=300)
    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="agenda_items", verbose_name=_("ญัตติ/ร่างเทศบัญญัติที่พิจารณา"))
    reading = models.PositiveSmallIntegerField(_("วาระการพิจารณาร่างเทศบัญญัติ"), choices=BudgetReading.choices,
                                               null=True, blank=True)
    outcome = models.CharField(_("ผลการพิจารณา"), max_length=10, choices=Outcome.choices, blank=True)
    resolution = models.TextField(_("มติที่ประชุม"), blank=True)
    votes_for = models.PositiveSmallIntegerField(_("เห็นชอบ (เสียง)"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("ไม่เห็นชอบ (เสียง)"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("งดออกเสียง"), null=True, blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("ระเบียบวาระ")
        verbose_name_plural = _("ระเบียบวาระ")

    def __str__(self):
        return _("ระเบียบวาระที่ %(number)s %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#agenda-{self.pk}"

    def clean(self):
        errors = {}
        if self.reading:
            if not self.motion_id or self.motion.kind not in ORDINANCES:
                errors["reading"] = _("วาระที่ 1–3 ใช้กับการพิจารณาร่างเทศบัญญัติเท่านั้น")
            elif self.reading > 1 and self.meeting_id and not self._earlier_reading_adopted():
                errors["reading"] = _("ต้องผ่านวาระที่ %(reading)s ก่อน") % {"reading": self.reading - 1}
        counts = (self.votes_for, self.votes_against, self.abstentions)
        if any(count is not None for count in counts) and not self.outcome:
            errors["outcome"] = _("ระบุผลการพิจารณาเมื่อบันทึกคะแนนเสียง")
        if errors:
            raise ValidationError(errors)

    def _earlier_reading_adopted(self):
        """The reading before this one was adopted at this meeting or an earlier one."""
        return AgendaItem.objects.filter(
            motion_id=self.motion_id, reading=self.reading - 1, outcome=Outcome.ADOPTED,
            meeting__starts_at__lte=self.meeting.starts_at).exclude(pk=self.pk).exists()


class VoteChoice(models.TextChoices):
    FOR = "for", _("เห็นชอบ")
    AGAINST = "against", _("ไม่เห็นชอบ")
    ABSTAIN = "abstain", _("งดออกเสียง")


class Vote(models.Model):
    """A member's vote, where the council recorded votes by name (an open vote by roll call)."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes",
                                    verbose_name=_("ระเบียบวาระ"))
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="votes",
                               verbose_name=_("สมาชิก"))
    choice = models.CharField(_("การออกเสียง"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        ordering = ["agenda_item", "member"]
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "member"], name="council_one_vote_per_member",
                                    violation_error_message=_("บันทึกการออกเสียงของสมาชิกคนนี้แล้ว")),
        ]
        verbose_name = _("การออกเสียงรายบุคคล")
        verbose_name_plural = _("การออกเสียงรายบุคคล")

    def __str__(self):
        return f"{self.member} — {self.get_choice_display()}"

    def clean(self):
        if not (self.member_id and self.agenda_item_id):
            return
        if not self.member.has_vote:
            raise ValidationError({"member": _("ผู้นี้ไม่มีสิทธิออกเสียง")})
        if self.member.term_id != self.agenda_item.meeting.session.term_id:
            raise ValidationError({"member": _("สมาชิกคนนี้ไม่ได้อยู่ในสภาชุดที่ประชุม")})
        absent = self.member.attendance.filter(meeting_id=self.agenda_item.meeting_id).exclude(
            status="present").exists()
        if absent:
            raise ValidationError({"member": _("สมาชิกที่ไม่ได้มาประชุมออกเสียงไม่ได้")})
