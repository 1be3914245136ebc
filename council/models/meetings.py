from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.thai import fiscal_year_of, validate_be_year
from kpp_portal.uploads import CheckedFileField

from .members import CouncilMember, Term, not_before

DOCUMENT_KINDS = {"pdf", "docx", "odt"}


class SessionKind(models.TextChoices):
    ORDINARY = "ordinary", _("สมัยประชุมสามัญ")
    EXTRAORDINARY = "extraordinary", _("สมัยประชุมวิสามัญ")


class Session(models.Model):
    """A sitting period (สมัยประชุม): the council sets its ordinary sessions for the year, the
    governor opens extraordinary ones."""

    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("ชุด"))
    kind = models.CharField(_("ประเภทสมัยประชุม"), max_length=20, choices=SessionKind.choices)
    number = models.PositiveSmallIntegerField(_("สมัยที่"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"), validators=[validate_be_year])
    starts_on = models.DateField(_("วันเปิดสมัยประชุม"))
    ends_on = models.DateField(_("วันปิดสมัยประชุม"))

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "kind", "number"],
                                    name="council_one_session_number",
                                    violation_error_message=_("สมัยประชุมนี้มีอยู่แล้วในปีงบประมาณเดียวกัน")),
        ]
        verbose_name = _("สมัยประชุม")
        verbose_name_plural = _("สมัยประชุม")

    def __str__(self):
        return _("%(kind)s สมัยที่ %(number)s ประจำปี %(year)s") % {
            "kind": self.get_kind_display(), "number": self.number, "year": self.fiscal_year}

    def clean(self):
        errors = {}
        not_before(self.starts_on, self.ends_on, "ends_on", _("วันปิดสมัยประชุมต้องไม่ก่อนวันเปิด"), errors)
        if self.starts_on and self.fiscal_year and fiscal_year_of(self.starts_on) != self.fiscal_year:
            errors["fiscal_year"] = _("วันเปิดสมัยประชุมอยู่ในปีงบประมาณ %(year)s") % {
                "year": fiscal_year_of(self.starts_on)}
        if errors:
            raise ValidationError(errors)


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def minutes_adopted(self):
        return self.published().exclude(minutes_adopted_on=None)


class Meeting(models.Model):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="meetings",
                                verbose_name=_("สมัยประชุม"))
    number = models.PositiveSmallIntegerField(_("ครั้งที่"))
    starts_at = models.DateTimeField(_("วันเวลาเริ่มประชุม"))
    ends_at = models.DateTimeField(_("วันเวลาเลิกประชุม"), null=True, blank=True)
    place = models.CharField(_("สถานที่"), max_length=250, default=_("ห้องประชุมสภาเทศบาล"))
    notice = models.TextField(_("ประกาศ/หนังสือเรียกประชุม"), blank=True)
    notice_published_on = models.DateField(_("วันที่ประกาศเรียกประชุม"), null=True, blank=True)
    cancelled = models.BooleanField(_("ยกเลิกการประชุม"), default=False)
    minutes_adopted_on = models.DateField(
        _("วันที่สภารับรองรายงานการประชุม"), null=True, blank=True,
        help_text=_("รายงานการประชุมเผยแพร่ต่อสาธารณะเมื่อสภารับรองแล้วเท่านั้น"))
    is_published = models.BooleanField(_("เผยแพร่"), default=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="council_one_meeting_number",
                                    violation_error_message=_("สมัยประชุมนี้มีการประชุมครั้งนี้อยู่แล้ว")),
        ]
        verbose_name = _("การประชุมสภา")
        verbose_name_plural = _("การประชุมสภา")

    def __str__(self):
        return _("การประชุมสภาเทศบาล %(session)s ครั้งที่ %(number)s") % {
            "session": self.session, "number": self.number}

    def get_absolute_url(self):
        return reverse("council:meeting", args=[self.pk])

    def clean(self):
        errors = {}
        not_before(self.starts_at, self.ends_at, "ends_at", _("เวลาเลิกประชุมต้องไม่ก่อนเวลาเริ่ม"), errors)
        if self.starts_at and self.minutes_adopted_on and self.minutes_adopted_on < timezone.localdate(
                self.starts_at):
            errors["minutes_adopted_on"] = _("สภารับรองรายงานการประชุมก่อนวันประชุมไม่ได้")
        if self.starts_at and self.session_id:
            day = timezone.localdate(self.starts_at)
            if not self.session.starts_on <= day <= self.session.ends_on:
                errors["starts_at"] = _("วันประชุมต้องอยู่ในสมัยประชุม")
        if errors:
            raise ValidationError(errors)


class DocumentKind(models.TextChoices):
    NOTICE = "notice", _("ประกาศเรียกประชุม")
    AGENDA = "agenda", _("ระเบียบวาระการประชุม")
    ATTACHMENT = "attachment", _("เอกสารประกอบวาระ")
    MINUTES = "minutes", _("รายงานการประชุม")


class MeetingDocumentQuerySet(models.QuerySet):
    def public(self):
        """Minutes only once the council has adopted them: a draft is not the record. A linked
        catalogue document only while the catalogue publishes it."""
        return self.filter(meeting__is_published=True).exclude(
            kind=DocumentKind.MINUTES, meeting__minutes_adopted_on=None).exclude(
            catalogue_document__is_published=False)


class MeetingDocument(models.Model):
    """A file of a meeting: its own upload, or a document already in the disclosures catalogue
    (the budget ordinance is published there, so it is linked rather than uploaded twice)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents",
                                verbose_name=_("การประชุม"))
    agenda_item = models.ForeignKey("council.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="documents", verbose_name=_("วาระ"))
    kind = models.CharField(_("ประเภทเอกสาร"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("ชื่อเอกสาร"), max_length=250)
    file = CheckedFileField(_("ไฟล์"), upload_to="council/%Y/", blank=True, kinds=DOCUMENT_KINDS,
                            help_text=_("PDF, DOCX หรือ ODT ระบบตรวจชนิดไฟล์จากเนื้อหา"))
    catalogue_document = models.ForeignKey(
        "disclosures.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("เอกสารในหมวดเอกสารเผยแพร่"))
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = MeetingDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "kind", "pk"]
        verbose_name = _("เอกสารการประชุม")
        verbose_name_plural = _("เอกสารการประชุม")

    def __str__(self):
        return self.title

    def clean(self):
        if bool(self.file) == bool(self.catalogue_document_id):
            raise ValidationError(_("แนบไฟล์ หรือเลือกเอกสารจากหมวดเอกสารเผยแพร่ อย่างใดอย่างหนึ่ง"))
        if self.agenda_item_id and self.meeting_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": _("วาระนี้เป็นของการประชุมอื่น")})

    @property
    def url(self):
        if self.file:
            return self.file.url
        return self.catalogue_document.get_absolute_url()


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("มาประชุม")
    LEAVE = "leave", _("ลาประชุม")
    ABSENT = "absent", _("ขาดประชุม")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("การประชุม"))
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="attendance",
                               verbose_name=_("สมาชิก"))
    status = models.CharField(_("การมาประชุม"), max_length=10, choices=AttendanceStatus.choices,
                              default=AttendanceStatus.PRESENT)

    class Meta:
        ordering = ["meeting", "member"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="council_one_attendance_per_member",
                                    violation_error_message=_("บันทึกการมาประชุมของสมาชิกคนนี้แล้ว")),
        ]
        verbose_name = _("การมาประชุม")
        verbose_name_plural = _("การมาประชุม")

    def __str__(self):
        return f"{self.member} — {self.get_status_display()}"

    def clean(self):
        if self.meeting_id and self.member_id and self.member.term_id != self.meeting.session.term_id:
            raise ValidationError({"member": _("สมาชิกคนนี้ไม่ได้อยู่ในสภาชุดที่ประชุม")})
