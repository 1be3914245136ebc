"""The corruption-risk register."""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .catalogue import fiscal_year_field


class RiskLevel(models.TextChoices):
    LOW = "low", _("ต่ำ")
    MEDIUM = "medium", _("ปานกลาง")
    HIGH = "high", _("สูง")
    VERY_HIGH = "very-high", _("สูงมาก")


def risk_level(likelihood, impact):
    """Level of a risk from likelihood × impact (1–25), in the bands of the usual Thai 5×5
    risk matrix used by local governments: 1–3 low, 4–8 medium, 9–14 high, 15–25 very high."""
    score = likelihood * impact
    if score >= 15:
        return RiskLevel.VERY_HIGH
    if score >= 9:
        return RiskLevel.HIGH
    if score >= 4:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


class RiskEntry(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("วางแผนแล้ว")
        IN_PROGRESS = "in-progress", _("กำลังดำเนินการ")
        DONE = "done", _("ดำเนินการแล้ว")

    score_validators = [MinValueValidator(1), MaxValueValidator(5)]

    fiscal_year = fiscal_year_field()
    process = models.CharField(_("กระบวนงาน"), max_length=300)
    risk = models.TextField(_("ความเสี่ยงการทุจริต"))
    likelihood = models.PositiveSmallIntegerField(_("โอกาสเกิด (1–5)"), validators=score_validators)
    impact = models.PositiveSmallIntegerField(_("ผลกระทบ (1–5)"), validators=score_validators)
    controls = models.TextField(_("มาตรการควบคุม/การจัดการความเสี่ยง"), blank=True)
    owner = models.CharField(_("ผู้รับผิดชอบ"), max_length=200)
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["-fiscal_year", "pk"]
        verbose_name = _("ความเสี่ยงการทุจริต")
        verbose_name_plural = _("ทะเบียนความเสี่ยงการทุจริต")
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5), name="disclosures_risk_likelihood_1_5"
            ),
            models.CheckConstraint(
                condition=Q(impact__gte=1, impact__lte=5), name="disclosures_risk_impact_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.fiscal_year} · {self.process}"

    @property
    def score(self):
        return self.likelihood * self.impact

    @property
    def level(self):
        return risk_level(self.likelihood, self.impact)

    def get_level_display(self):
        return self.level.label
