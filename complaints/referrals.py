"""A report received from or forwarded to the Damrongtham Centre: metadata only. The centre's
case number is an external reference to the report, so it is sealed with the report's data like
the report's text; the direction, status and day are plain, as the report's own status is."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.damrongtham import CentreDirection, CentreStatus

from . import crypto


class CentreReferral(models.Model):
    report = models.OneToOneField("complaints.CorruptionReport", on_delete=models.CASCADE,
                                  related_name="centre_referral", verbose_name=_("เรื่องร้องเรียน"))
    direction = models.CharField(_("ความเกี่ยวข้องกับศูนย์ดำรงธรรม"), max_length=10,
                                 choices=CentreDirection.choices)
    case_number = crypto.EncryptedTextField(_("เลขที่เรื่องของศูนย์ดำรงธรรม"))
    status = models.CharField(_("สถานะที่ศูนย์ดำรงธรรม"), max_length=10, choices=CentreStatus.choices,
                              default=CentreStatus.OPEN)
    # The day only, as every date of a report.
    referred_on = models.DateField(_("วันที่รับ/ส่งเรื่อง"), default=timezone.localdate)

    class Meta:
        verbose_name = _("เรื่องของศูนย์ดำรงธรรม (1567)")
        verbose_name_plural = _("เรื่องของศูนย์ดำรงธรรม (1567)")

    def __str__(self):
        return f"{self.report.reference} · {self.get_direction_display()}"
