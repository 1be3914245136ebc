"""E-Service: requests to the municipality filed online, with a reference, a follow-up code and
a time limit in working days; official-information requests (Official Information Act 2540,
section 11) among them, answered in full, in part or refused on a legal ground.

Kept apart from the anti-corruption channel (complaints) and the general opinion channel
(feedback): no table is shared with either. Who handles a request is a unit (กอง) whose staff
group sees only its own requests; every step is an event in the request's timeline.
"""
import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from kpp_portal.filecleanup import removed_on_failure
from kpp_portal.models import ReferenceCounter, StaffProfile
from kpp_portal.references import follow_up_digest, new_follow_up_code
from kpp_portal.storage import private_storage_field
from kpp_portal.thai import fiscal_year_of, in_reader_language
from kpp_portal.uploads import CheckedFileField, extension

from .workdays import WorkingCalendar, add_working_days

REFERENCE_PREFIX = "EB"
UNIT_GROUP_PREFIX = "คำร้องออนไลน์: "
# What a unit's group holds: the queue's menu entry. Which requests it sees is decided by membership.
QUEUE_PERMISSION = "services.view_servicerequest"
FOLLOW_UP_LENGTH = 10
DETAILS_MAX_CHARS = 5000
# What a request or a reply may carry (photos are re-encoded as JPEG before they are stored).
FILE_KINDS = {"jpeg", "png", "webp", "pdf", "docx", "odt", "xlsx", "ods"}


class ServiceUnit(models.Model):
    """A unit (กอง/ฝ่าย) that handles requests. Its staff group is created with it: adding a
    person to that group in Admin › Users is what lets them see the unit's requests."""

    name = models.CharField(_("ชื่อหน่วยงาน (กอง/ฝ่าย)"), max_length=120, unique=True)
    email = models.EmailField(
        _("อีเมลของหน่วยงาน"), blank=True,
        help_text=_("รับสรุปเรื่องที่ใกล้ครบกำหนดและเกินกำหนดทุกวัน หากเว้นว่างจะส่งถึงเจ้าหน้าที่ทุกคนในกลุ่มที่มีอีเมล"),
    )
    group = models.OneToOneField(Group, on_delete=models.PROTECT, editable=False, related_name="service_unit",
                                 verbose_name=_("กลุ่มเจ้าหน้าที่"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("หน่วยงานผู้รับผิดชอบ")
        verbose_name_plural = _("หน่วยงานผู้รับผิดชอบ")

    def __str__(self):
        return self.name

    @property
    def group_name(self):
        return f"{UNIT_GROUP_PREFIX}{self.name}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.group_id:
                Group.objects.filter(pk=self.group_id).update(name=self.group_name)
            else:
                self.group, _created = Group.objects.get_or_create(name=self.group_name)
                app_label, codename = QUEUE_PERMISSION.split(".")
                self.group.permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                                  codename=codename))
            super().save(*args, **kwargs)

    @classmethod
    def of_user(cls, user):
        """The units whose group the user is in: membership decides, superuser status does not."""
        if not (user.is_authenticated and user.is_active):
            return cls.objects.none()
        return cls.objects.filter(group__user=user)


@receiver(post_delete, sender=ServiceUnit)
def _delete_unit_group(sender, instance, **kwargs):
    Group.objects.filter(pk=instance.group_id).delete()


class RequestTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class RequestType(models.Model):
    """A service citizens can request online, kept as data: what it asks, who handles it and
    in how many working days."""

    slug = models.SlugField(_("รหัสบริการ (ใช้ในลิงก์)"), max_length=50, unique=True,
                            help_text=_("ตัวอักษรอังกฤษ ตัวเลข และขีด เช่น public-works-fault"))
    title = models.CharField(_("ชื่อบริการ"), max_length=200)
    summary = models.CharField(_("คำอธิบายสั้น"), max_length=300)
    description = models.TextField(_("รายละเอียดบริการ"), blank=True)
    unit = models.ForeignKey(ServiceUnit, on_delete=models.PROTECT, related_name="request_types",
                             verbose_name=_("หน่วยงานผู้รับผิดชอบ"))
    time_limit_days = models.PositiveSmallIntegerField(
        _("ระยะเวลาดำเนินการ (วันทำการ)"), validators=[MinValueValidator(1), MaxValueValidator(180)],
        help_text=_("นับจากวันถัดจากวันที่ได้รับคำร้อง ไม่นับวันเสาร์ อาทิตย์ และวันหยุดราชการ"),
    )
    is_information_request = models.BooleanField(
        _("คำขอข้อมูลข่าวสารของราชการ (มาตรา 11)"), default=False,
        help_text=_("ตอบได้ว่าเปิดเผยทั้งหมด บางส่วน หรือไม่เปิดเผยพร้อมเหตุผลตามกฎหมาย และแสดงในทะเบียนสาธารณะ"),
    )
    name_required = models.BooleanField(_("ต้องระบุชื่อผู้ยื่น"), default=False)
    details_label = models.CharField(_("หัวข้อช่องรายละเอียด"), max_length=150, default="รายละเอียด")
    details_label_en = models.CharField(_("หัวข้อช่องรายละเอียด (อังกฤษ)"), max_length=150, blank=True,
                                        default="Details")
    details_help = models.CharField(_("คำแนะนำช่องรายละเอียด"), max_length=300, blank=True)
    details_help_en = models.CharField(_("คำแนะนำช่องรายละเอียด (อังกฤษ)"), max_length=300, blank=True)
    required_documents = models.TextField(_("เอกสารที่ต้องใช้"), blank=True, help_text=_("บรรทัดละหนึ่งรายการ"))
    form_document = models.ForeignKey(
        "disclosures.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("แบบฟอร์มสำหรับดาวน์โหลด"),
    )
    manual_document = models.ForeignKey(
        "disclosures.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("คู่มือการให้บริการ"),
    )
    pdpa_notice = models.TextField(
        _("ประกาศการคุ้มครองข้อมูลส่วนบุคคลของบริการนี้"),
        help_text=_("ข้อมูลใดที่เก็บ เพื่อวัตถุประสงค์ใด ใครเห็น และเก็บนานเท่าใด"),
    )
    is_active = models.BooleanField(_("เปิดรับคำร้องออนไลน์"), default=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=100)

    objects = RequestTypeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("ประเภทคำร้อง")
        verbose_name_plural = _("ประเภทคำร้อง")

    def __str__(self):
        return self.title

    @property
    def shown_details_label(self):
        return in_reader_language(self.details_label, self.details_label_en)

    @property
    def shown_details_help(self):
        return in_reader_language(self.details_help, self.details_help_en)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("services:request_form", kwargs={"slug": self.slug})

    def required_documents_list(self):
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]

    def outcome_choices(self):
        outcomes = INFORMATION_OUTCOMES if self.is_information_request else GENERAL_OUTCOMES
        return [(outcome.value, outcome.label) for outcome in outcomes]


class FieldKind(models.TextChoices):
    TEXT = "text", _("ข้อความ")
    CHOICE = "choice", _("เลือกจากรายการ")
    DATE = "date", _("วันที่")
    LOCATION = "location", _("ที่อยู่/ตำแหน่งที่ตั้ง")
    PHONE = "phone", _("โทรศัพท์")
    EMAIL = "email", _("อีเมล")
    PHOTOS = "photos", _("ภาพถ่าย")
    ATTACHMENTS = "attachments", _("เอกสารแนบ")


# Kinds stored in their own columns or files: at most one field of each per request type.
SINGLE_KINDS = (FieldKind.LOCATION, FieldKind.PHONE, FieldKind.EMAIL, FieldKind.PHOTOS, FieldKind.ATTACHMENTS)


class RequestField(models.Model):
    """One question a request type asks besides subject, details and name."""

    request_type = models.ForeignKey(RequestType, on_delete=models.CASCADE, related_name="fields",
                                     verbose_name=_("ประเภทคำร้อง"))
    kind = models.CharField(_("ชนิดข้อมูล"), max_length=20, choices=FieldKind.choices)
    label = models.CharField(_("หัวข้อที่แสดง"), max_length=150)
    label_en = models.CharField(_("หัวข้อที่แสดง (อังกฤษ)"), max_length=150, blank=True)
    help_text = models.CharField(_("คำแนะนำ"), max_length=300, blank=True)
    help_text_en = models.CharField(_("คำแนะนำ (อังกฤษ)"), max_length=300, blank=True)
    options = models.TextField(_("ตัวเลือก"), blank=True,
                               help_text=_("สำหรับชนิด \"เลือกจากรายการ\": บรรทัดละหนึ่งตัวเลือก"))
    required = models.BooleanField(_("ต้องกรอก"), default=False)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("ช่องข้อมูลในแบบคำร้อง")
        verbose_name_plural = _("ช่องข้อมูลในแบบคำร้อง")
        constraints = [
            models.UniqueConstraint(fields=["request_type", "kind"], name="services_field_single_kind",
                                    condition=models.Q(kind__in=SINGLE_KINDS)),
        ]

    def __str__(self):
        return self.label

    def options_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self):
        if self.kind == FieldKind.CHOICE and not self.options_list():
            raise ValidationError({"options": _("ช่องแบบเลือกจากรายการต้องมีตัวเลือกอย่างน้อยหนึ่งรายการ")})

    @property
    def shown_label(self):
        return in_reader_language(self.label, self.label_en)

    @property
    def shown_help_text(self):
        return in_reader_language(self.help_text, self.help_text_en)


class Holiday(models.Model):
    """A public holiday (วันหยุดราชการ): no deadline falls on it and no working day counts it."""

    date = models.DateField(_("วันที่"), unique=True)
    name = models.CharField(_("ชื่อวันหยุด"), max_length=150)

    class Meta:
        ordering = ["date"]
        verbose_name = _("วันหยุดราชการ")
        verbose_name_plural = _("วันหยุดราชการ")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class AppealRoute(models.Model):
    """How a person challenges a refusal, e.g. the appeal to the Information Disclosure Tribunal
    within 15 days (section 18 of the Act)."""

    title = models.CharField(_("ช่องทางอุทธรณ์"), max_length=200)
    instructions = models.TextField(_("วิธีอุทธรณ์"))
    days_to_appeal = models.PositiveSmallIntegerField(_("ต้องอุทธรณ์ภายใน (วัน)"), default=15)
    url = models.URLField(_("ลิงก์ข้อมูลเพิ่มเติม"), blank=True)

    class Meta:
        verbose_name = _("ช่องทางอุทธรณ์")
        verbose_name_plural = _("ช่องทางอุทธรณ์")

    def __str__(self):
        return self.title


class RefusalGround(models.Model):
    """A legal ground for withholding official information (sections 14 and 15 of the Act)."""

    code = models.CharField(_("มาตรา"), max_length=40, unique=True)
    title = models.CharField(_("เหตุผลโดยย่อ"), max_length=200)
    text = models.TextField(_("สาระของบทบัญญัติ"))
    appeal = models.ForeignKey(AppealRoute, on_delete=models.PROTECT, related_name="grounds",
                               verbose_name=_("ช่องทางอุทธรณ์"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("เหตุผลที่ไม่เปิดเผยข้อมูล")
        verbose_name_plural = _("เหตุผลที่ไม่เปิดเผยข้อมูล")

    def __str__(self):
        return f"{self.code} {self.title}"


class Status(models.TextChoices):
    RECEIVED = "received", _("รับเรื่องแล้ว")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    CLOSED = "closed", _("ปิดเรื่องแล้ว")


OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS)


class Outcome(models.TextChoices):
    COMPLETED = "completed", _("ดำเนินการแล้วเสร็จ")
    DECLINED = "declined", _("ดำเนินการให้ไม่ได้ (แจ้งเหตุผลแล้ว)")
    REFERRED = "referred", _("ส่งต่อหน่วยงานภายนอกที่รับผิดชอบ")
    WITHDRAWN = "withdrawn", _("ผู้ยื่นขอยกเลิก")
    DISCLOSED_FULL = "disclosed_full", _("เปิดเผยข้อมูลทั้งหมด")
    DISCLOSED_PART = "disclosed_part", _("เปิดเผยข้อมูลบางส่วน")
    REFUSED = "refused", _("ไม่เปิดเผยข้อมูล")


GENERAL_OUTCOMES = (Outcome.COMPLETED, Outcome.DECLINED, Outcome.REFERRED, Outcome.WITHDRAWN)
INFORMATION_OUTCOMES = (Outcome.DISCLOSED_FULL, Outcome.DISCLOSED_PART, Outcome.REFUSED, Outcome.REFERRED,
                        Outcome.WITHDRAWN)
# Withholding anything must name its legal ground (and so tells the person how to appeal).
OUTCOMES_WITH_GROUNDS = (Outcome.DISCLOSED_PART, Outcome.REFUSED)


class WorkflowError(ValidationError):
    pass


def _follow_up_digest(code):
    return follow_up_digest("services.request.follow-up", code)


def due_soon_until(today):
    """The last date that counts as "due soon" seen from `today` (in working days)."""
    return add_working_days(today, settings.SERVICE_DUE_SOON_WORKING_DAYS)


class ServiceRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Need to know: the requests of the user's own units, nothing for anyone else."""
        return self.filter(unit__in=ServiceUnit.of_user(user))

    def open(self):
        # An IN over the open statuses, not "!= closed": the queue index (unit, status, due_date) serves it.
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_soon(self, today=None, until=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__gte=today, due_date__lte=until or due_soon_until(today))

    def containing(self, field, text):
        """Rows whose `field` contains `text`. Thai (and digits) have no letter case: a plain
        LIKE, which the trigram index serves, instead of folding the case of every row."""
        lookup = "contains" if text.lower() == text.upper() else "icontains"
        return self.filter(**{f"{field}__{lookup}": text})

    def in_register(self):
        """Information requests staff have reviewed for the public register (never opted out)."""
        return self.filter(register_published_at__isnull=False, register_opt_out=False)


class ServiceRequest(models.Model):
    reference = models.CharField(_("เลขที่คำร้อง"), max_length=20, unique=True, editable=False)
    follow_up_digest = models.CharField(max_length=64, editable=False)
    request_type = models.ForeignKey(RequestType, on_delete=models.PROTECT, related_name="requests",
                                     verbose_name=_("ประเภทคำร้อง"))
    unit = models.ForeignKey(ServiceUnit, on_delete=models.PROTECT, related_name="requests",
                             verbose_name=_("หน่วยงานผู้รับผิดชอบ"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"), editable=False)
    subject = models.CharField(_("เรื่อง"), max_length=200)
    details = models.TextField(_("รายละเอียด"))
    # Answers to the type's text and date fields, with the label as it was asked:
    # [{"label": ..., "kind": ..., "value": ...}]
    answers = models.JSONField(_("ข้อมูลเพิ่มเติม"), default=list, blank=True)
    requester_name = models.CharField(_("ชื่อผู้ยื่น"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    notify_by_email = models.BooleanField(_("แจ้งความเคลื่อนไหวทางอีเมล"), default=False)
    location_text = models.CharField(_("ที่อยู่/ตำแหน่งที่ตั้ง"), max_length=300, blank=True)
    latitude = models.DecimalField(_("ละติจูด"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("ลองจิจูด"), max_digits=9, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField(_("ผลการดำเนินการ"), max_length=20, choices=Outcome.choices, blank=True)
    refusal_grounds = models.ManyToManyField(RefusalGround, blank=True, related_name="requests",
                                             verbose_name=_("เหตุผลที่ไม่เปิดเผยตามกฎหมาย"))
    received_at = models.DateTimeField(_("วันที่รับคำร้อง"), default=timezone.now)
    due_date = models.DateField(_("กำหนดแล้วเสร็จ"), editable=False)
    closed_at = models.DateTimeField(_("วันที่ปิดเรื่อง"), null=True, blank=True, editable=False)
    working_days_taken = models.PositiveSmallIntegerField(_("ใช้เวลา (วันทำการ)"), null=True, editable=False)
    closed_on_time = models.BooleanField(_("แล้วเสร็จภายในกำหนด"), null=True, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("เจ้าหน้าที่ผู้รับผิดชอบ"),
    )
    rating = models.PositiveSmallIntegerField(_("คะแนนความพึงพอใจ"), null=True, blank=True,
                                              validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_comment = models.TextField(_("ความเห็นต่อการให้บริการ"), blank=True)
    rated_at = models.DateTimeField(_("ประเมินเมื่อ"), null=True, blank=True, editable=False)
    register_opt_out = models.BooleanField(_("ผู้ยื่นไม่ประสงค์ให้แสดงในทะเบียนสาธารณะ"), default=False)
    register_subject = models.CharField(
        _("เรื่องที่แสดงในทะเบียน (ตรวจแล้ว)"), max_length=200, blank=True,
        help_text=_("เรื่องตามที่ผู้ขอเขียน โดยตัดข้อมูลส่วนบุคคลออก"),
    )
    register_published_at = models.DateTimeField(_("เผยแพร่ในทะเบียนเมื่อ"), null=True, blank=True,
                                                 editable=False)
    is_sample = models.BooleanField(_("ข้อมูลตัวอย่าง"), default=False, editable=False)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("คำร้องออนไลน์")
        verbose_name_plural = _("คำร้องออนไลน์")
        indexes = [
            # The queue's filters: a unit's open requests by deadline.
            models.Index(fields=["unit", "status", "due_date"], name="services_req_queue_idx"),
            # The queue's order: open ones first (closed_at is null; PostgreSQL puts nulls first
            # in a descending index) by deadline, then the most recently closed.
            models.Index(fields=["unit", "-closed_at", "due_date"], name="services_req_queue_order_idx"),
            # Statistics per fiscal year and type.
            models.Index(fields=["fiscal_year", "request_type"], name="services_req_year_type_idx"),
            # Requests closed in a fiscal year. Partial: a full index on closed_at tempted
            # PostgreSQL to walk it backwards for the queue's order, scanning every row.
            models.Index(fields=["closed_at"], name="services_req_closed_idx",
                         condition=models.Q(closed_at__isnull=False)),
            # The public register, newest first (exactly the rows in_register() selects).
            models.Index(fields=["-register_published_at"], name="services_req_register_idx",
                         condition=models.Q(register_published_at__isnull=False, register_opt_out=False)),
            # pg_trgm (PostgreSQL only, see the migration): staff search a Thai word inside a
            # subject; the public register is found through the portal-wide search index.
            GinIndex(fields=["subject"], opclasses=["gin_trgm_ops"], name="services_req_subject_trgm"),
        ]

    def __str__(self):
        return self.reference

    # -- filing -----------------------------------------------------------------------------
    @classmethod
    def submit(cls, request_type, files=(), **fields):
        """Store a new request with its reference, deadline and first timeline entry; returns
        (request, follow-up code). `files`: PreparedFile objects, already checked and stripped.
        All or nothing: a failure keeps no row and no file."""
        code = new_follow_up_code(FOLLOW_UP_LENGTH)
        received_at = fields.pop("received_at", None) or timezone.now()
        received_on = timezone.localtime(received_at).date()
        with transaction.atomic():
            request = cls(
                request_type=request_type, unit=request_type.unit, received_at=received_at,
                fiscal_year=fiscal_year_of(received_at), follow_up_digest=_follow_up_digest(code),
                due_date=add_working_days(received_on, request_type.time_limit_days), **fields,
            )
            request.reference = ReferenceCounter.next_reference_at(REFERENCE_PREFIX, received_at)
            request.save()
            request.record(RequestEvent.Kind.SUBMITTED, public=True, at=received_at)
            request.attach_all(files)
        return request, code

    def attach_all(self, files, event=None, in_register=False):
        """Store checked files; if one fails, the ones already stored are removed with the
        transaction that rolls back (nothing half-saved stays on disk)."""
        with removed_on_failure() as written:
            for prepared in files:
                attached = RequestFile(
                    request=self, event=event, field_label=prepared.label, kind=prepared.kind,
                    size=len(prepared.data), original_name=(prepared.name or "file")[:200],
                    from_staff=event is not None, in_register=in_register)
                attached.stored.save("upload", prepared.as_file(), save=False)
                written.append(attached.stored)
                attached.save()

    @classmethod
    def find_for_follow_up(cls, reference, code):
        """The request only when both the reference and its code match; else None."""
        request = cls.objects.filter(reference=reference.strip().upper()).first()
        digest = _follow_up_digest(code or "")  # same work either way: no timing hint
        if request is not None and constant_time_compare(request.follow_up_digest, digest):
            return request
        return None

    # -- deadlines --------------------------------------------------------------------------
    @property
    def is_closed(self):
        return self.status == Status.CLOSED

    def deadline_state(self, today=None, soon_until=None):
        """"overdue", "due_soon" or "" (closed, or comfortably ahead)."""
        if self.is_closed:
            return ""
        today = today or timezone.localdate()
        if self.due_date < today:
            return "overdue"
        if self.due_date <= (soon_until or due_soon_until(today)):
            return "due_soon"
        return ""

    # -- the timeline -----------------------------------------------------------------------
    def record(self, kind, by=None, public=False, body="", at=None, **extra):
        return RequestEvent.objects.create(request=self, kind=kind, actor=by, is_public=public, body=body,
                                           created_at=at or timezone.now(), **extra)

    def public_events(self):
        return self.events.filter(is_public=True).select_related("to_unit").prefetch_related("files")

    # -- staff workflow: each step one transaction, one timeline entry, one notice ---------
    def _check_open(self):
        if self.is_closed:
            raise WorkflowError(_("คำร้องนี้ปิดเรื่องแล้ว"))

    def _start(self, by):
        """The first step taken on a received request moves it to "in progress"."""
        if self.status == Status.RECEIVED:
            self.status = Status.IN_PROGRESS
            self.save(update_fields=["status"])
            self.record(RequestEvent.Kind.STARTED, by=by, public=True)

    @transaction.atomic
    def assign(self, officer, by):
        self._check_open()
        self.assigned_to = officer
        self.save(update_fields=["assigned_to"])
        # Named as colleagues know them (full name and position), as it stood when assigned.
        self.record(RequestEvent.Kind.ASSIGNED, by=by, body=StaffProfile.name_of(officer) or "-")
        if self.status == Status.RECEIVED:
            self._start(by)
            self.notify()

    @transaction.atomic
    def add_note(self, body, by):
        return self.record(RequestEvent.Kind.NOTE, by=by, body=body)

    @transaction.atomic
    def reply(self, body, by, files=(), publish_files=False):
        """A reply the person reads with their code, with files (for an information request,
        the information released); `publish_files` also puts the files in the public register."""
        self._start(by)
        event = self.record(RequestEvent.Kind.REPLY, by=by, public=True, body=body)
        publish = publish_files and self.request_type.is_information_request
        self.attach_all(files, event=event, in_register=publish)
        self.notify()
        return event

    @transaction.atomic
    def transfer(self, to_unit, by, reason=""):
        """Hand the request to another unit, which then sees it (and this one no longer does);
        the deadline stays: the person's time limit does not restart."""
        self._check_open()
        if to_unit.pk == self.unit_id:
            raise WorkflowError(_("คำร้องอยู่ที่หน่วยงานนี้แล้ว"))
        from_unit = self.unit
        self.unit, self.assigned_to = to_unit, None
        self.save(update_fields=["unit", "assigned_to"])
        self.record(RequestEvent.Kind.TRANSFERRED, by=by, public=True, body=reason, from_unit=from_unit,
                    to_unit=to_unit)
        self.notify()

    def check_close(self, outcome, grounds=()):
        self._check_open()
        if outcome not in dict(self.request_type.outcome_choices()):
            raise WorkflowError(_("ผลการดำเนินการนี้ใช้กับคำร้องประเภทนี้ไม่ได้"))
        if outcome in OUTCOMES_WITH_GROUNDS and not grounds:
            raise WorkflowError(_("การไม่เปิดเผยข้อมูลทั้งหมดหรือบางส่วนต้องระบุเหตุผลตามมาตรา 14 หรือ 15"))
        if outcome not in OUTCOMES_WITH_GROUNDS and grounds:
            raise WorkflowError(_("ระบุเหตุผลที่ไม่เปิดเผยเฉพาะเมื่อเปิดเผยบางส่วนหรือไม่เปิดเผย"))

    @transaction.atomic
    def close(self, outcome, by, body="", grounds=()):
        self.check_close(outcome, grounds)
        now = timezone.now()
        closed_on = timezone.localtime(now).date()
        received_on = timezone.localtime(self.received_at).date()
        self.status, self.outcome, self.closed_at = Status.CLOSED, outcome, now
        self.working_days_taken = WorkingCalendar.covering(received_on, max(closed_on, received_on)).count(
            received_on, closed_on)
        self.closed_on_time = closed_on <= self.due_date
        self.save(update_fields=["status", "outcome", "closed_at", "working_days_taken", "closed_on_time"])
        self.refusal_grounds.set(grounds)
        self.record(RequestEvent.Kind.CLOSED, by=by, public=True, body=body, outcome=outcome)
        self.notify()

    def appeal_routes(self):
        """How to appeal, when something was withheld: from the grounds' data, once each."""
        routes = {}
        for ground in self.refusal_grounds.select_related("appeal"):
            routes.setdefault(ground.appeal_id, ground.appeal)
        return list(routes.values())

    # -- the person's side ------------------------------------------------------------------
    def rate(self, score, comment=""):
        """Once, after closing. The conditional update makes a double submit count once."""
        if not self.is_closed:
            raise WorkflowError(_("ประเมินความพึงพอใจได้เมื่อปิดเรื่องแล้ว"))
        now = timezone.now()
        with transaction.atomic():
            updated = ServiceRequest.objects.filter(pk=self.pk, rated_at__isnull=True).update(
                rating=score, rating_comment=comment, rated_at=now)
            if not updated:
                raise WorkflowError(_("คำร้องนี้ได้รับการประเมินแล้ว ประเมินได้ครั้งเดียว"))
            self.rating, self.rating_comment, self.rated_at = score, comment, now
            self.record(RequestEvent.Kind.RATED, public=True, at=now)

    # -- the public register ----------------------------------------------------------------
    @transaction.atomic
    def set_register(self, subject, publish, by):
        """Staff review of the register entry: the subject without personal data, and whether
        the entry is shown. A person who opted out is never shown."""
        if not self.request_type.is_information_request:
            raise WorkflowError(_("ทะเบียนสาธารณะมีเฉพาะคำขอข้อมูลข่าวสาร"))
        if publish and self.register_opt_out:
            raise WorkflowError(_("ผู้ขอไม่ประสงค์ให้แสดงคำขอนี้ในทะเบียนสาธารณะ"))
        if publish and not subject.strip():
            raise WorkflowError(_("โปรดกรอกเรื่องที่ตรวจแล้วก่อนเผยแพร่"))
        self.register_subject = subject.strip()
        was_published = self.register_published_at is not None
        if publish and not was_published:
            self.register_published_at = timezone.now()
        elif not publish:
            self.register_published_at = None
        self.save(update_fields=["register_subject", "register_published_at"])
        self.record(RequestEvent.Kind.REGISTER, by=by,
                    body=str(_("เผยแพร่ในทะเบียน") if publish else _("ไม่เผยแพร่ในทะเบียน")))

    def get_register_url(self):
        return reverse("services:register_entry", args=[self.reference])

    def register_files(self):
        return self.files.filter(in_register=True)

    # -- e-mail notices ---------------------------------------------------------------------
    def notify(self):
        """Tell the person something changed, if they asked to be told; sent after commit."""
        if self.notify_by_email and self.email:
            EmailNotice.objects.create(request=self)  # services.notices sends it after commit


class RequestEvent(models.Model):
    """One step in a request's timeline: who did what and when. Internal notes and assignment
    are for staff only; the rest the person sees (without staff names)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("ยื่นคำร้อง")
        STARTED = "started", _("เริ่มดำเนินการ")
        ASSIGNED = "assigned", _("มอบหมายเจ้าหน้าที่")
        NOTE = "note", _("บันทึกภายใน")
        REPLY = "reply", _("ตอบผู้ยื่น")
        TRANSFERRED = "transferred", _("โอนเรื่องไปหน่วยงานอื่น")
        CLOSED = "closed", _("ปิดเรื่อง")
        RATED = "rated", _("ผู้ยื่นประเมินความพึงพอใจ")
        REGISTER = "register", _("ทะเบียนสาธารณะ")

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
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

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="files")
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

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="notices")
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
