"""Who handles requests and what can be asked: units, request types and their fields, holidays,
appeal routes and refusal grounds."""
import datetime

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from kpp_portal.thai import in_reader_language

from ..workdays import add_working_days
from .personal_data import PersonalDataRight
from .states import GENERAL_OUTCOMES, INFORMATION_OUTCOMES, PERSONAL_DATA_OUTCOMES

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
    personal_data_right = models.CharField(
        _("คำขอใช้สิทธิของเจ้าของข้อมูลส่วนบุคคล"), max_length=20, choices=PersonalDataRight.choices, blank=True,
        help_text=_("เจ้าหน้าที่ต้องตรวจสอบตัวตนผู้ยื่นก่อนเริ่มดำเนินการ และปฏิเสธได้เมื่อแจ้งเหตุผล"),
    )
    counts_calendar_days = models.BooleanField(
        _("นับระยะเวลาเป็นวันตามปฏิทิน"), default=False,
        help_text=_("เช่น 30 วันตามมาตรา 30 พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล หากวันสุดท้ายตรงกับวันหยุด "
                    "เลื่อนเป็นวันทำการถัดไป"),
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

    def due_date_from(self, received_on):
        """The deadline of a request received on `received_on`."""
        if self.counts_calendar_days:
            # The last calendar day, moved to the next working day when the office is closed.
            return add_working_days(received_on + datetime.timedelta(days=self.time_limit_days - 1), 1)
        return add_working_days(received_on, self.time_limit_days)

    @property
    def time_limit_text(self):
        unit = _("วัน") if self.counts_calendar_days else _("วันทำการ")
        return f"{self.time_limit_days} {unit}"

    def outcome_choices(self):
        if self.personal_data_right:
            outcomes = PERSONAL_DATA_OUTCOMES
        else:
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
