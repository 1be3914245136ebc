"""Procurement under the Public Procurement and Supplies Administration Act B.E. 2560.

A fiscal year's ProcurementPlan lists PlanItems; an item becomes one or more e-GP
ProcurementProjects, each with its Announcements (draft TOR, invitation, winner, cancellation,
contract), Bids and at most one Award. Money is Decimal baht with satang throughout.
"""
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal import thai
from kpp_portal.uploads import CheckedFileField

# Largest amount a field accepts: far above any municipal budget, so a typo of extra zeros fails.
MONEY_MAX = Decimal("9999999999.99")
MONEY_FIELD = {"max_digits": 12, "decimal_places": 2}
# The law asks that the annual plan be published within 30 days of the approved budget.
PLAN_PUBLICATION_DAYS = 30
# A bid more than this many times the reference price is taken for a typing mistake.
ABSURD_BID_FACTOR = 10
DOCUMENT_KINDS = {"pdf", "docx", "xlsx", "odt", "ods"}


def money_field(verbose_name, **extra):
    return models.DecimalField(
        verbose_name,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MONEY_MAX)],
        **MONEY_FIELD,
        **extra,
    )


class ProcurementMethod(models.TextChoices):
    """Methods of the Act B.E. 2560, s. 55: general invitation (three forms), selection, specific."""

    E_MARKET = "e_market", _("วิธีตลาดอิเล็กทรอนิกส์ (e-market)")
    E_BIDDING = "e_bidding", _("วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)")
    PRICE_INQUIRY = "price_inquiry", _("วิธีสอบราคา")
    SELECTION = "selection", _("วิธีคัดเลือก")
    SPECIFIC = "specific", _("วิธีเฉพาะเจาะจง")


# The OCDS procurementMethod codelist for each method (general invitation is "open").
OCDS_METHOD = {
    ProcurementMethod.E_MARKET: "open",
    ProcurementMethod.E_BIDDING: "open",
    ProcurementMethod.PRICE_INQUIRY: "open",
    ProcurementMethod.SELECTION: "selective",
    ProcurementMethod.SPECIFIC: "limited",
}


class SourceOfFunds(models.TextChoices):
    ANNUAL_BUDGET = "annual_budget", _("เงินงบประมาณรายจ่ายประจำปี")
    GRANT = "grant", _("เงินอุดหนุนเฉพาะกิจ")
    ACCUMULATED = "accumulated", _("เงินสะสม")
    RESERVE = "reserve", _("เงินทุนสำรองเงินสะสม")
    LOAN = "loan", _("เงินกู้")
    OTHER = "other", _("อื่น ๆ")


class ThresholdQuerySet(models.QuerySet):
    def in_force(self, fiscal_year):
        """The newest rule per method whose effective year is not after `fiscal_year`."""
        rules = {}
        for rule in self.filter(effective_fiscal_year__lte=fiscal_year).order_by("effective_fiscal_year"):
            rules[rule.method] = rule
        return rules


class ProcurementThreshold(models.Model):
    """A legal money limit of a method, held as data so that a new regulation is a new row."""

    method = models.CharField(_("วิธีจัดหา"), max_length=20, choices=ProcurementMethod.choices)
    effective_fiscal_year = models.PositiveIntegerField(_("ใช้ตั้งแต่ปีงบประมาณ (พ.ศ.)"))
    above = models.DecimalField(
        _("วงเงินเกินกว่า (บาท)"), null=True, blank=True, help_text=_("ว่างไว้หากไม่มีขั้นต่ำ"), **MONEY_FIELD
    )
    up_to = models.DecimalField(
        _("วงเงินไม่เกิน (บาท)"), null=True, blank=True, help_text=_("ว่างไว้หากไม่มีเพดาน"), **MONEY_FIELD
    )
    legal_basis = models.CharField(_("ที่มาทางกฎหมาย"), max_length=300)

    objects = ThresholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("เกณฑ์วงเงินตามวิธีจัดหา")
        verbose_name_plural = _("เกณฑ์วงเงินตามวิธีจัดหา")
        constraints = [
            models.UniqueConstraint(
                fields=["method", "effective_fiscal_year"], name="threshold_once_per_year"
            )
        ]

    def __str__(self):
        return f"{self.get_method_display()} ({self.effective_fiscal_year})"

    def allows(self, amount):
        return (self.above is None or amount > self.above) and (self.up_to is None or amount <= self.up_to)

    def describe(self):
        if self.above is not None and self.up_to is not None:
            return _("เกิน %(above)s ถึง %(up_to)s บาท") % {
                "above": thai.format_baht(self.above), "up_to": thai.format_baht(self.up_to)}
        if self.above is not None:
            return _("เกิน %(above)s บาท") % {"above": thai.format_baht(self.above)}
        if self.up_to is not None:
            return _("ไม่เกิน %(up_to)s บาท") % {"up_to": thai.format_baht(self.up_to)}
        return _("ไม่จำกัดวงเงิน")


class PlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_on__isnull=False, published_on__lte=timezone.localdate())


class ProcurementPlan(models.Model):
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), unique=True)
    budget_approved_on = models.DateField(_("วันที่งบประมาณได้รับอนุมัติ"))
    published_on = models.DateField(
        _("วันที่เผยแพร่แผน"), null=True, blank=True, help_text=_("ว่างไว้หากยังไม่เผยแพร่")
    )
    note = models.TextField(_("หมายเหตุ"), blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("แผนการจัดซื้อจัดจ้างประจำปี")
        verbose_name_plural = _("แผนการจัดซื้อจัดจ้างประจำปี")
        ordering = ["-fiscal_year"]

    def __str__(self):
        return _("แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. %(year)s") % {"year": self.fiscal_year}

    def get_absolute_url(self):
        return reverse("procurement:plan", args=[self.fiscal_year])

    def clean(self):
        if self.published_on and self.budget_approved_on and self.published_on < self.budget_approved_on:
            raise ValidationError({"published_on": _("วันที่เผยแพร่แผนต้องไม่ก่อนวันที่งบประมาณได้รับอนุมัติ")})

    @property
    def days_to_publish(self):
        if not self.published_on:
            return None
        return (self.published_on - self.budget_approved_on).days

    @property
    def published_late(self):
        """True when the plan came out more than 30 days after the budget (shown, not hidden)."""
        days = self.days_to_publish
        return days is not None and days > PLAN_PUBLICATION_DAYS


class PlanRevision(models.Model):
    """An amendment of the plan; earlier revisions stay listed so changes can be followed."""

    plan = models.ForeignKey(ProcurementPlan, on_delete=models.CASCADE, related_name="revisions",
                             verbose_name=_("แผน"))
    number = models.PositiveIntegerField(_("ปรับปรุงครั้งที่"), validators=[MinValueValidator(1)])
    revised_on = models.DateField(_("วันที่ปรับปรุง"))
    changes = models.TextField(_("สิ่งที่เปลี่ยนแปลง"))

    class Meta:
        verbose_name = _("การปรับปรุงแผน")
        verbose_name_plural = _("การปรับปรุงแผน")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="revision_number_once_per_plan")
        ]

    def __str__(self):
        return _("ปรับปรุงครั้งที่ %(number)s") % {"number": self.number}


class PlanItem(models.Model):
    plan = models.ForeignKey(ProcurementPlan, on_delete=models.CASCADE, related_name="items",
                             verbose_name=_("แผน"))
    title = models.CharField(_("งาน/โครงการ"), max_length=500)
    budget = money_field(_("วงเงินงบประมาณ (บาท)"))
    source_of_funds = models.CharField(_("แหล่งที่มาของเงิน"), max_length=20, choices=SourceOfFunds.choices,
                                       default=SourceOfFunds.ANNUAL_BUDGET)
    method = models.CharField(_("วิธีจัดหา"), max_length=20, choices=ProcurementMethod.choices)
    planned_month = models.DateField(_("เดือนที่คาดว่าจะประกาศ"), help_text=_("วันที่ 1 ของเดือน"))
    division = models.CharField(_("หน่วยงานที่รับผิดชอบ"), max_length=200)
    revision = models.ForeignKey(PlanRevision, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="items", verbose_name=_("เพิ่ม/แก้ไขในการปรับปรุงครั้งที่"))

    class Meta:
        verbose_name = _("รายการในแผนจัดซื้อจัดจ้าง")
        verbose_name_plural = _("รายการในแผนจัดซื้อจัดจ้าง")
        ordering = ["plan", "planned_month", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.planned_month:
            self.planned_month = self.planned_month.replace(day=1)
            if self.plan_id and thai.fiscal_year_of(self.planned_month) != self.plan.fiscal_year:
                errors["planned_month"] = _("เดือนที่คาดว่าจะประกาศต้องอยู่ในปีงบประมาณ พ.ศ. %(year)s") % {
                    "year": self.plan.fiscal_year}
        if self.revision_id and self.plan_id and self.revision.plan_id != self.plan_id:
            errors["revision"] = _("การปรับปรุงที่เลือกเป็นของแผนปีอื่น")
        if errors:
            raise ValidationError(errors)

    def threshold_warning(self, rules):
        """A Thai sentence when the budget is outside the limit of the chosen method, else ''."""
        rule = rules.get(self.method)
        if rule is None or self.budget is None or rule.allows(self.budget):
            return ""
        return _("วงเงิน %(amount)s บาท ไม่อยู่ในเกณฑ์ของ%(method)s (%(rule)s)") % {
            "amount": thai.format_baht(self.budget),
            "method": self.get_method_display(),
            "rule": rule.describe(),
        }


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


class BidStatus(models.TextChoices):
    """The OCDS bid extension's bidStatus codes."""

    VALID = "valid", _("ผ่านการพิจารณา")
    DISQUALIFIED = "disqualified", _("ไม่ผ่านคุณสมบัติ/ข้อเสนอไม่ถูกต้อง")
    WITHDRAWN = "withdrawn", _("ถอนการเสนอราคา")


class Bid(models.Model):
    project = models.ForeignKey(ProcurementProject, on_delete=models.CASCADE, related_name="bids",
                                verbose_name=_("โครงการ"))
    bidder_name = models.CharField(_("ผู้เสนอราคา"), max_length=300)
    bidder_tax_id = models.CharField(_("เลขประจำตัวผู้เสียภาษี"), max_length=13, blank=True,
                                     validators=[thai.validate_thai_tax_id],
                                     help_text=_("13 หลัก ใช้เป็นรหัสผู้ประกอบการในข้อมูลเปิด (OCDS)"))
    amount = money_field(_("ราคาที่เสนอ (บาท)"))
    status = models.CharField(_("ผลการพิจารณาข้อเสนอ"), max_length=20, choices=BidStatus.choices,
                              default=BidStatus.VALID)

    class Meta:
        verbose_name = _("การเสนอราคา")
        verbose_name_plural = _("การเสนอราคา")
        ordering = ["amount", "pk"]

    def __str__(self):
        return f"{self.bidder_name} ({thai.format_baht(self.amount)} บาท)"

    def clean(self):
        if self.amount is None or not self.project_id:
            return
        if self.amount <= 0:
            raise ValidationError({"amount": _("ราคาที่เสนอต้องมากกว่า 0 บาท")})
        limit = self.project.reference_price * ABSURD_BID_FACTOR
        if self.amount > limit:
            raise ValidationError({"amount": _(
                "ราคาที่เสนอ %(amount)s บาท สูงกว่าราคากลางเกิน %(factor)s เท่า กรุณาตรวจสอบการพิมพ์ตัวเลข") % {
                    "amount": thai.format_baht(self.amount), "factor": ABSURD_BID_FACTOR}})

    @property
    def party_id(self):
        """A stable identifier for open data: the Thai tax id when staff entered it (the same
        company across projects and years), else this bid's own row (never its name, which is
        spelt differently from one form to the next)."""
        return f"TH-TIN-{self.bidder_tax_id}" if self.bidder_tax_id else f"kppmu-bid-{self.pk}"


class AwardQuerySet(models.QuerySet):
    def published(self):
        return self.filter(project__plan_item__plan__in=ProcurementPlan.objects.published())

    def in_month(self, year_ce, month):
        return self.filter(contract_date__year=year_ce, contract_date__month=month)

    def in_fiscal_year(self, fiscal_year):
        start, end = thai.fiscal_year_range(fiscal_year)
        return self.filter(contract_date__range=(start, end))


class Award(models.Model):
    project = models.OneToOneField(ProcurementProject, on_delete=models.CASCADE, related_name="award",
                                   verbose_name=_("โครงการ"))
    winning_bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("ผู้ได้รับการคัดเลือก"))
    contract_amount = money_field(_("ราคาที่ตกลงซื้อหรือจ้าง (บาท)"))
    reason = models.CharField(_("เหตุผลที่คัดเลือกโดยสรุป"), max_length=500,
                              default="เป็นผู้เสนอราคาต่ำสุดและมีคุณสมบัติครบถ้วนตามเงื่อนไข")
    contract_number = models.CharField(_("เลขที่สัญญา/ข้อตกลง"), max_length=100)
    contract_date = models.DateField(_("วันที่ทำสัญญา/ข้อตกลง"))
    contract_end = models.DateField(_("กำหนดแล้วเสร็จ/ส่งมอบตามสัญญา"), null=True, blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผลการจัดซื้อจัดจ้าง")
        verbose_name_plural = _("ผลการจัดซื้อจัดจ้าง")
        ordering = ["contract_date", "pk"]

    def __str__(self):
        return _("สัญญา %(number)s") % {"number": self.contract_number}

    def clean(self):
        errors = {}
        if self.winning_bid_id and self.project_id and self.winning_bid.project_id != self.project_id:
            errors["winning_bid"] = _("ผู้ได้รับการคัดเลือกต้องเป็นหนึ่งในผู้เสนอราคาของโครงการนี้")
        if self.contract_date and self.contract_end and self.contract_end < self.contract_date:
            errors["contract_end"] = _("กำหนดแล้วเสร็จต้องไม่ก่อนวันที่ทำสัญญา")
        if self.contract_date and self.project_id:
            invitation = (
                Announcement.objects.filter(project_id=self.project_id, kind=AnnouncementKind.INVITATION)
                .order_by("announced_on")
                .values_list("announced_on", flat=True)
                .first()
            )
            error = self.contract_date_error(invitation)
            if error:
                errors["contract_date"] = error
        if errors:
            raise ValidationError(errors)

    def contract_date_error(self, invitation_day):
        """A Thai message when the contract is dated before the invitation, else ''."""
        if invitation_day and self.contract_date and self.contract_date < invitation_day:
            return _("วันที่ทำสัญญาต้องไม่ก่อนวันประกาศเชิญชวน (%(day)s)") % {
                "day": thai.format_thai_date(invitation_day)}
        return ""

    @property
    def at_or_above_reference(self):
        return self.contract_amount >= self.project.reference_price

    def progress_summary(self, entries=None):
        """(stage label, percent complete or None, amount paid, date of the latest step) from the
        contract's progress entries (pass them when already fetched)."""
        entries = sorted(self.progress.all() if entries is None else entries, key=lambda e: (e.date, e.pk))
        paid = sum((e.amount for e in entries if e.stage == ContractProgress.Stage.PAID), Decimal("0"))
        if not entries:
            return _("ลงนามสัญญาแล้ว"), None, paid, self.contract_date
        latest = entries[-1]
        percents = [e.percent for e in entries if e.percent is not None]
        done = any(e.stage in ContractProgress.DONE_STAGES for e in entries)
        percent = 100 if done else (percents[-1] if percents else None)
        label = _("เบิกจ่ายครบตามสัญญา") if paid >= self.contract_amount else latest.get_stage_display()
        return label, percent, paid, latest.date


class ContractProgress(models.Model):
    """A dated step of a contract after it is signed: work in progress (a percentage or a
    milestone), delivery, inspection and acceptance, payment (OCDS contracts[].implementation)."""

    class Stage(models.TextChoices):
        IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
        DELIVERED = "delivered", _("ส่งมอบงาน")
        INSPECTED = "inspected", _("ตรวจรับแล้ว")
        PAID = "paid", _("เบิกจ่ายเงิน")

    DONE_STAGES = (Stage.DELIVERED, Stage.INSPECTED, Stage.PAID)

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="progress",
                              verbose_name=_("สัญญา"))
    date = models.DateField(_("วันที่"))
    stage = models.CharField(_("ขั้นตอน"), max_length=20, choices=Stage.choices)
    percent = models.PositiveSmallIntegerField(_("ความคืบหน้า (ร้อยละ)"), null=True, blank=True,
                                               validators=[MaxValueValidator(100)])
    amount = models.DecimalField(_("จำนวนเงินที่เบิกจ่าย (บาท)"), null=True, blank=True,
                                 validators=[MinValueValidator(Decimal("0.01")),
                                             MaxValueValidator(MONEY_MAX)],
                                 **MONEY_FIELD)
    description = models.CharField(_("รายละเอียด"), max_length=300, blank=True, help_text=_("เช่น งวดที่ 1"))

    class Meta:
        verbose_name = _("ความก้าวหน้าของสัญญา")
        verbose_name_plural = _("ความก้าวหน้าของสัญญา")
        ordering = ["award", "date", "pk"]

    def __str__(self):
        return f"{self.get_stage_display()} {thai.format_thai_date(self.date)}"

    def clean(self):
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("บันทึกได้เฉพาะสิ่งที่เกิดขึ้นแล้ว วันที่ต้องไม่อยู่ในอนาคต")
        elif self.date and self.award_id and self.date < self.award.contract_date:
            errors["date"] = _("วันที่ต้องไม่ก่อนวันที่ทำสัญญา (%(day)s)") % {
                "day": thai.format_thai_date(self.award.contract_date)}
        if self.stage == self.Stage.IN_PROGRESS and self.percent is None and not self.description:
            errors["percent"] = _("ระบุความคืบหน้าเป็นร้อยละ หรือระบุงวดงานในรายละเอียด")
        if self.stage == self.Stage.PAID and not self.amount:
            errors["amount"] = _("ระบุจำนวนเงินที่เบิกจ่าย")
        if self.stage != self.Stage.PAID and self.amount:
            errors["amount"] = _("จำนวนเงินใช้กับขั้นตอนเบิกจ่ายเงินเท่านั้น")
        if errors:
            raise ValidationError(errors)


class ProcurementYearReview(models.Model):
    """What staff write for a fiscal year's procurement report: problems, obstacles and
    recommendations (the annual report's narrative beside its figures)."""

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), unique=True,
                                              validators=[thai.validate_be_year])
    problems = models.TextField(_("ปัญหา"))
    obstacles = models.TextField(_("อุปสรรค"))
    recommendations = models.TextField(_("ข้อเสนอแนะ/แนวทางแก้ไข"))
    written_on = models.DateField(_("วันที่จัดทำ"))

    class Meta:
        verbose_name = _("ปัญหา อุปสรรค และข้อเสนอแนะประจำปี")
        verbose_name_plural = _("ปัญหา อุปสรรค และข้อเสนอแนะประจำปี")
        ordering = ["-fiscal_year"]

    def __str__(self):
        return _("ปัญหา อุปสรรค และข้อเสนอแนะ ปีงบประมาณ %(year)s") % {"year": self.fiscal_year}

    def get_absolute_url(self):
        return reverse("procurement:annual_report", args=[self.fiscal_year]) + "#review"
