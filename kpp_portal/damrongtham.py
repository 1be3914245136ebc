"""The Damrongtham Centre (ศูนย์ดำรงธรรม, hotline 1567) of the Ministry of Interior: a case the
municipality received from it or forwarded to it carries the centre's case number and status,
in whichever channel holds it (general opinions, corruption reports)."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CASE_NUMBER_MAX_CHARS = 40


class CentreDirection(models.TextChoices):
    RECEIVED = "received", _("รับเรื่องจากศูนย์ดำรงธรรม")
    FORWARDED = "forwarded", _("ส่งเรื่องต่อศูนย์ดำรงธรรม")


class CentreStatus(models.TextChoices):
    OPEN = "open", _("อยู่ระหว่างดำเนินการ")
    REPORTED = "reported", _("รายงานผลให้ศูนย์ดำรงธรรมแล้ว")
    CLOSED = "closed", _("ศูนย์ดำรงธรรมยุติเรื่องแล้ว")


class CentreCaseFields(models.Model):
    """What either channel records of the Centre's case besides its number (kept by each channel
    as that channel keeps its text: plain in the general channel, sealed for a report)."""

    direction = models.CharField(_("ความเกี่ยวข้องกับศูนย์ดำรงธรรม"), max_length=10,
                                 choices=CentreDirection.choices)
    status = models.CharField(_("สถานะที่ศูนย์ดำรงธรรม"), max_length=10, choices=CentreStatus.choices,
                              default=CentreStatus.OPEN)
    # The day only, as every date of a report.
    referred_on = models.DateField(_("วันที่รับ/ส่งเรื่อง"), default=timezone.localdate)

    class Meta:
        abstract = True
        verbose_name = _("เรื่องของศูนย์ดำรงธรรม (1567)")
        verbose_name_plural = _("เรื่องของศูนย์ดำรงธรรม (1567)")
