"""Committees, community forums and consultations.

Seed measure 1: the municipality appoints committees whose members come from five
constituencies, and holds community forums (เวทีประชาคม) to hear opinions. (The general
contact/suggestion channel the ITA table asks for is its own app, feedback/.)
"""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.images import PictureMixin
from kpp_portal.thai import be_year
from kpp_portal.uploads import CheckedFileField

DOCUMENT_KINDS = {"pdf", "docx", "odt"}


def check_not_before(start, end, end_field, message):
    """clean() rule of terms, meetings and consultations: a period cannot end before it starts."""
    if start and end and end < start:
        raise ValidationError({end_field: message})


class Committee(models.Model):
    name = models.CharField(_("ชื่อคณะกรรมการ"), max_length=250, unique=True)
    mandate = models.TextField(_("อำนาจหน้าที่"), blank=True)
    legal_basis = models.TextField(_("ฐานทางกฎหมาย/ระเบียบที่เกี่ยวข้อง"), blank=True)
    display_order = models.PositiveSmallIntegerField(_("ลำดับการแสดง"), default=0)

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("คณะกรรมการ")
        verbose_name_plural = _("คณะกรรมการ")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("committees:committee", args=[self.pk])


class Constituency(models.TextChoices):
    """Where a seat comes from, as the seed document lists them."""

    EXECUTIVE = "executive", _("ฝ่ายบริหาร")
    STAFF = "staff", _("พนักงานเทศบาล")
    EXPERT = "expert", _("ผู้ทรงคุณวุฒิ")
    GOVERNMENT = "government", _("ผู้แทนส่วนราชการ")
    COMMUNITY = "community", _("ผู้แทนประชาคม/ชุมชน")


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("ประธานกรรมการ")
    VICE_CHAIR = "vice_chair", _("รองประธานกรรมการ")
    MEMBER = "member", _("กรรมการ")
    SECRETARY = "secretary", _("กรรมการและเลขานุการ")
    ASSISTANT_SECRETARY = "assistant_secretary", _("กรรมการและผู้ช่วยเลขานุการ")


def _seat_count(constituency):
    return Count("members", filter=Q(members__constituency=constituency))


class CommitteeTermQuerySet(models.QuerySet):
    def with_composition(self):
        """Seats per constituency as annotations (seats_executive, …, seats_total): one query."""
        return self.annotate(
            seats_total=Count("members"),
            **{f"seats_{value}": _seat_count(value) for value in Constituency.values},
        )

    def current(self, today=None):
        today = today or timezone.localdate()
        return self.filter(starts_on__lte=today).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


class CommitteeTerm(models.Model):
    """One appointment of a committee: its order, its period and its members."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="terms", verbose_name=_("คณะกรรมการ")
    )
    starts_on = models.DateField(_("เริ่มวาระ"))
    ends_on = models.DateField(_("สิ้นสุดวาระ"), null=True, blank=True, help_text=_("เว้นว่างหากยังไม่กำหนด"))
    order_number = models.CharField(_("เลขที่คำสั่งแต่งตั้ง"), max_length=100, blank=True)
    order_date = models.DateField(_("วันที่ลงนามคำสั่ง"), null=True, blank=True)
    order_document = CheckedFileField(
        _("เอกสารคำสั่งแต่งตั้ง"),
        upload_to="committees/orders/%Y/",
        blank=True,
        kinds=DOCUMENT_KINDS,
        help_text=_("PDF, DOCX หรือ ODT ระบบตรวจชนิดไฟล์จากเนื้อหา"),
    )

    objects = CommitteeTermQuerySet.as_manager()

    class Meta:
        ordering = ["committee", "-starts_on"]
        verbose_name = _("วาระของคณะกรรมการ")
        verbose_name_plural = _("วาระของคณะกรรมการ")

    def __str__(self):
        return f"{self.committee} ({self.period_label})"

    @property
    def period_label(self):
        start = be_year(self.starts_on.year)
        return f"{start}–{be_year(self.ends_on.year)}" if self.ends_on else f"{start}–"

    def clean(self):
        check_not_before(self.starts_on, self.ends_on, "ends_on", _("วันสิ้นสุดวาระต้องไม่ก่อนวันเริ่มวาระ"))

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

    def composition(self):
        """[(constituency label, seats), …]; needs a term from with_composition()."""
        return [(label, getattr(self, f"seats_{value}")) for value, label in Constituency.choices]

    @property
    def community_share(self):
        """Percentage of seats held by community representatives (0 when there are no members)."""
        if not self.seats_total:
            return 0
        return round(100 * self.seats_community / self.seats_total)


class Member(models.Model):
    term = models.ForeignKey(
        CommitteeTerm, on_delete=models.CASCADE, related_name="members", verbose_name=_("วาระ")
    )
    order_in_appointment = models.PositiveSmallIntegerField(
        _("ลำดับตามคำสั่ง"), help_text=_("ลำดับที่ปรากฏในคำสั่งแต่งตั้ง")
    )
    name = models.CharField(_("ชื่อ-นามสกุล"), max_length=200)
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    organisation = models.CharField(_("หน่วยงาน/ชุมชน"), max_length=200, blank=True)
    constituency = models.CharField(_("สัดส่วน"), max_length=20, choices=Constituency.choices)
    role = models.CharField(
        _("บทบาทในคณะกรรมการ"), max_length=30, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER
    )

    class Meta:
        ordering = ["term", "order_in_appointment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "order_in_appointment"],
                name="one_member_per_order_position",
                violation_error_message=_("ลำดับนี้มีกรรมการอยู่แล้วในวาระเดียวกัน"),
            ),
        ]
        verbose_name = _("กรรมการ")
        verbose_name_plural = _("กรรมการ")

    def __str__(self):
        return self.name


class MeetingKind(models.TextChoices):
    FORUM = "forum", _("เวทีประชาคม")
    MEETING = "meeting", _("การประชุมคณะกรรมการ")


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class MeetingQuerySet(PublishedQuerySet):
    def upcoming(self, now=None):
        return self.published().filter(starts_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.published().filter(starts_at__lt=now or timezone.now()).order_by("-starts_at")


class Meeting(models.Model):
    """A committee meeting or a community forum (เวทีประชาคม)."""

    kind = models.CharField(
        _("ประเภท"), max_length=10, choices=MeetingKind.choices, default=MeetingKind.FORUM
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("คณะกรรมการ"),
        help_text=_("เว้นว่างสำหรับเวทีประชาคมที่ไม่ได้จัดโดยคณะกรรมการ"),
    )
    title = models.CharField(_("ชื่อการประชุม/เวที"), max_length=250)
    starts_at = models.DateTimeField(_("วันและเวลาเริ่ม"))
    ends_at = models.DateTimeField(_("วันและเวลาสิ้นสุด"), null=True, blank=True)
    place = models.CharField(_("สถานที่"), max_length=250)
    agenda = models.TextField(_("ระเบียบวาระ"), blank=True)
    minutes = CheckedFileField(
        _("รายงานการประชุม"),
        upload_to="committees/minutes/%Y/",
        blank=True,
        kinds=DOCUMENT_KINDS,
    )
    attendance = models.PositiveIntegerField(_("จำนวนผู้เข้าร่วม"), null=True, blank=True)
    attendance_note = models.CharField(_("รายละเอียดผู้เข้าร่วม"), max_length=500, blank=True)
    resolutions = models.TextField(_("มติ/ข้อสรุป"), blank=True)
    is_published = models.BooleanField(_("เผยแพร่"), default=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("การประชุม/เวทีประชาคม")
        verbose_name_plural = _("การประชุม/เวทีประชาคม")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committees:meeting", args=[self.pk])

    def clean(self):
        check_not_before(self.starts_at, self.ends_at, "ends_at", _("เวลาสิ้นสุดต้องไม่ก่อนเวลาเริ่ม"))


class MeetingPhoto(PictureMixin, models.Model):
    """A photo of a meeting or forum, kept only as re-encoded renditions (no EXIF, no GPS)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="photos", verbose_name=_("การประชุม")
    )
    image_sizes = models.JSONField(_("ภาพ (ขนาดต่าง ๆ)"), default=list, blank=True, editable=False)
    caption = models.CharField(
        _("คำบรรยายภาพ"), max_length=250, help_text=_("ใช้เป็นข้อความแทนภาพสำหรับผู้พิการทางสายตา")
    )
    display_order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    picture_field = "image_sizes"
    picture_folder = "committees/photos"
    picture_widths = (480, 1200, 2400)
    picture_required = True

    class Meta:
        ordering = ["meeting", "display_order", "pk"]
        verbose_name = _("ภาพกิจกรรม")
        verbose_name_plural = _("ภาพกิจกรรม")

    def __str__(self):
        return self.caption


class ConsultationQuerySet(PublishedQuerySet):
    def open_now(self, today=None):
        today = today or timezone.localdate()
        return self.published().filter(opens_on__lte=today, closes_on__gte=today)


class Consultation(models.Model):
    """A forum or topic open for public opinions between two dates (inclusive, Bangkok time)."""

    title = models.CharField(_("หัวข้อรับฟังความคิดเห็น"), max_length=250)
    description = models.TextField(_("รายละเอียด"))
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("เวทีประชาคมที่เกี่ยวข้อง"),
    )
    opens_on = models.DateField(_("เปิดรับความคิดเห็นตั้งแต่"))
    closes_on = models.DateField(_("ปิดรับความคิดเห็นเมื่อสิ้นวันที่"))
    outcome_summary = models.TextField(
        _("สรุปผลและสิ่งที่เทศบาลปรับเปลี่ยน"),
        blank=True,
        help_text=_("เผยแพร่หลังปิดรับฟัง: ความคิดเห็นนำไปสู่การเปลี่ยนแปลงอะไรบ้าง"),
    )
    is_published = models.BooleanField(_("เผยแพร่"), default=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("การรับฟังความคิดเห็น")
        verbose_name_plural = _("การรับฟังความคิดเห็น")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committees:consultation", args=[self.pk])

    def clean(self):
        check_not_before(self.opens_on, self.closes_on, "closes_on", _("วันปิดรับต้องไม่ก่อนวันเปิดรับ"))

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.is_published and self.opens_on <= today <= self.closes_on

    def has_not_opened(self, today=None):
        return (today or timezone.localdate()) < self.opens_on


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("รอตรวจสอบ")
    PUBLISHED = "published", _("เผยแพร่แล้ว")
    REJECTED = "rejected", _("ไม่เผยแพร่")


class OpinionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ModerationStatus.PUBLISHED)

    def wipe_contacts_before(self, cutoff):
        """The contact given with an opinion lets staff reply; after `cutoff` it is wiped (PDPA)."""
        return self.filter(created_at__lt=cutoff).exclude(contact="").update(contact="")


OPINION_MAX_CHARS = 3000


class Opinion(models.Model):
    """An opinion on a consultation; shown publicly only after general affairs approve it."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="opinions", verbose_name=_("การรับฟังความคิดเห็น")
    )
    body = models.TextField(_("ความคิดเห็น"), validators=[MaxLengthValidator(OPINION_MAX_CHARS)])
    name = models.CharField(_("ชื่อผู้แสดงความคิดเห็น"), max_length=150, blank=True)
    contact = models.CharField(
        _("ช่องทางติดต่อกลับ"), max_length=150, blank=True, help_text=_("ไม่เผยแพร่ต่อสาธารณะ")
    )
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=ModerationStatus.choices, default=ModerationStatus.PENDING
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ตรวจสอบ"),
    )
    moderated_at = models.DateTimeField(_("ตรวจสอบเมื่อ"), null=True, blank=True)
    response = models.TextField(_("คำชี้แจงของเทศบาล"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ชี้แจง"),
    )
    responded_at = models.DateTimeField(_("ชี้แจงเมื่อ"), null=True, blank=True)
    created_at = models.DateTimeField(_("ส่งเมื่อ"), auto_now_add=True)

    objects = OpinionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ความคิดเห็น")
        verbose_name_plural = _("ความคิดเห็น")

    def __str__(self):
        return self.body[:60]

    @property
    def public_name(self):
        return self.name or _("ไม่ประสงค์ออกนาม")

    def record_moderation(self, user, status):
        """A moderation decision: the status, who took it and when."""
        self.status, self.moderated_by, self.moderated_at = status, user, timezone.now()

    def record_response(self, user):
        """Who gave the municipality's response and when (cleared with the response)."""
        answered = bool(self.response.strip())
        self.responded_by = user if answered else None
        self.responded_at = timezone.now() if answered else None
