"""A procurement project and what is published about it: announcements, hearing comments and the
items tendered."""
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.uploads import CheckedFileField

from .plans import PlanItem, ProcurementPlan
from .rules import DOCUMENT_KINDS, ProcurementMethod, money_field


class ProcurementCategory(models.TextChoices):
    """What is bought, as OCDS's mainProcurementCategory names it."""

    GOODS = "goods", _("ซื้อ (พัสดุ)")
    WORKS = "works", _("จ้างก่อสร้าง")
    SERVICES = "services", _("จ้างทำของ/จ้างบริการ")


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(plan_item__plan__in=ProcurementPlan.objects.published())


class ProcurementProject(models.Model):
    plan_item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="projects",
                                  verbose_name=_("รายการในแผน"))
    egp_number = models.CharField(_("เลขที่โครงการ e-GP"), max_length=20, unique=True,
                                  help_text=_("เลขที่โครงการในระบบจัดซื้อจัดจ้างภาครัฐ (e-GP)"))
    title = models.CharField(_("ชื่อโครงการ"), max_length=500)
    method = models.CharField(_("วิธีจัดหา"), max_length=20, choices=ProcurementMethod.choices)
    reference_price = money_field(_("ราคากลาง (บาท)"))
    reference_price_basis = models.TextField(
        _("ที่มาของราคากลาง"), help_text=_("เช่น ราคาที่ได้จากการสืบราคาจากท้องตลาด หรือราคามาตรฐานของสำนักงบประมาณ"))
    category = models.CharField(_("ประเภทการจัดหา"), max_length=10, choices=ProcurementCategory.choices,
                                blank=True)
    bids_close_on = models.DateField(_("วันสุดท้ายของการยื่นข้อเสนอ"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("โครงการจัดซื้อจัดจ้าง")
        verbose_name_plural = _("โครงการจัดซื้อจัดจ้าง")
        ordering = ["-pk"]

    def __str__(self):
        return f"{self.egp_number} {self.title}"

    def get_absolute_url(self):
        return reverse("procurement:project", args=[self.pk])


class AnnouncementKind(models.TextChoices):
    DRAFT_TOR = "draft_tor", _("ร่างขอบเขตของงาน (TOR)/คุณลักษณะเฉพาะ เพื่อรับฟังความคิดเห็น")
    INVITATION = "invitation", _("ประกาศเชิญชวน")
    WINNER = "winner", _("ประกาศผู้ชนะการเสนอราคา")
    CANCELLATION = "cancellation", _("ประกาศยกเลิก")
    CONTRACT = "contract", _("สาระสำคัญของสัญญา")


class AnnouncementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(announced_on__lte=timezone.localdate(),
                           project__plan_item__plan__in=ProcurementPlan.objects.published())

    def open_for_comment(self, day=None):
        day = day or timezone.localdate()
        return self.filter(
            kind=AnnouncementKind.DRAFT_TOR, hearing_opens_on__lte=day, hearing_closes_on__gte=day
        )


class Announcement(models.Model):
    project = models.ForeignKey(ProcurementProject, on_delete=models.CASCADE, related_name="announcements",
                                verbose_name=_("โครงการ"))
    kind = models.CharField(_("ประเภทประกาศ"), max_length=20, choices=AnnouncementKind.choices)
    title = models.CharField(_("ชื่อประกาศ"), max_length=500)
    announced_on = models.DateField(_("วันที่ประกาศ"))
    document = CheckedFileField(
        _("เอกสาร"), upload_to="procurement/%Y/", blank=True, kinds=DOCUMENT_KINDS,
        help_text=_("PDF, DOCX, XLSX, ODT หรือ ODS"))
    hearing_opens_on = models.DateField(_("เปิดรับฟังความคิดเห็นตั้งแต่"), null=True, blank=True)
    hearing_closes_on = models.DateField(_("ถึงวันที่"), null=True, blank=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("ประกาศจัดซื้อจัดจ้าง")
        verbose_name_plural = _("ประกาศจัดซื้อจัดจ้าง")
        ordering = ["announced_on", "pk"]
        # The newest first on the home page and the lists: read from the index end, where
        # sorting every announcement after the joins cost 8 ms a page at 7,500 of them.
        indexes = [models.Index(fields=["announced_on", "id"], name="procurement_ann_date_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.kind == AnnouncementKind.DRAFT_TOR:
            return reverse("procurement:hearing", args=[self.pk])
        return reverse("procurement:project", args=[self.project_id]) + f"#announcement-{self.pk}"

    def clean(self):
        errors = {}
        if self.kind == AnnouncementKind.DRAFT_TOR:
            if not (self.hearing_opens_on and self.hearing_closes_on):
                errors["hearing_closes_on"] = _("ร่าง TOR ต้องระบุช่วงวันที่รับฟังความคิดเห็น")
            elif self.hearing_closes_on < self.hearing_opens_on:
                errors["hearing_closes_on"] = _("วันสิ้นสุดการรับฟังความคิดเห็นต้องไม่ก่อนวันเริ่ม")
        elif self.hearing_opens_on or self.hearing_closes_on:
            errors["hearing_opens_on"] = _("ช่วงรับฟังความคิดเห็นใช้กับร่าง TOR เท่านั้น")
        if errors:
            raise ValidationError(errors)

    def is_open_for_comment(self, day=None):
        day = day or timezone.localdate()
        return (self.kind == AnnouncementKind.DRAFT_TOR and self.hearing_opens_on is not None
                and self.hearing_opens_on <= day <= self.hearing_closes_on)


class HearingComment(models.Model):
    """A public comment on a draft TOR. Name and contact are optional and shown to officers only."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="comments",
                                     verbose_name=_("ร่าง TOR"))
    name = models.CharField(_("ชื่อผู้แสดงความคิดเห็น"), max_length=200, blank=True)
    contact = models.CharField(_("ช่องทางติดต่อกลับ"), max_length=200, blank=True)
    body = models.TextField(_("ความคิดเห็น"), max_length=5000)
    submitted_at = models.DateTimeField(_("วันที่ส่ง"), default=timezone.now)
    response = models.TextField(_("คำชี้แจงของเจ้าหน้าที่"), blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+", verbose_name=_("ผู้ชี้แจง"))
    responded_at = models.DateTimeField(_("วันที่ชี้แจง"), null=True, blank=True)
    tor_changed = models.BooleanField(_("มีการแก้ไข TOR ตามความคิดเห็นนี้"), default=False)

    class Meta:
        verbose_name = _("ความคิดเห็นต่อร่าง TOR")
        verbose_name_plural = _("ความคิดเห็นต่อร่าง TOR")
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return _("ความคิดเห็นที่ %(pk)s ต่อ %(tor)s") % {"pk": self.pk, "tor": self.announcement}

    def record_response(self, user):
        """Who gave the officers' response and when (cleared with the response)."""
        answered = bool(self.response.strip())
        self.responded_by = user if answered else None
        self.responded_at = timezone.now() if answered else None


class TenderItem(models.Model):
    """One line of what a project buys (its TOR's list of goods, works or services)."""

    project = models.ForeignKey(ProcurementProject, on_delete=models.CASCADE, related_name="items",
                                verbose_name=_("โครงการ"))
    description = models.CharField(_("รายการ"), max_length=500)
    quantity = models.DecimalField(_("จำนวน"), max_digits=12, decimal_places=2,
                                   validators=[MinValueValidator(Decimal("0.01"))])
    unit = models.CharField(_("หน่วยนับ"), max_length=50, help_text=_("เช่น เครื่อง ชุด ตารางเมตร งาน"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)

    class Meta:
        verbose_name = _("รายการพัสดุ/งาน")
        verbose_name_plural = _("รายการพัสดุ/งาน")
        ordering = ["project", "order", "pk"]

    def __str__(self):
        return f"{self.description} {self.quantity:g} {self.unit}"
