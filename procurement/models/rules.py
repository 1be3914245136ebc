"""The rules every procurement follows: money fields, methods, sources of funds and the thresholds
that decide a method."""
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kpp_portal import thai

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
