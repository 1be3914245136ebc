"""A report received from or forwarded to the Damrongtham Centre: metadata only. The centre's
case number is an external reference to the report, so it is sealed with the report's data like
the report's text; the direction, status and day are plain, as the report's own status is."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from kpp_portal.damrongtham import CentreCaseFields

from . import crypto


class CentreReferral(CentreCaseFields):
    report = models.OneToOneField("complaints.CorruptionReport", on_delete=models.CASCADE,
                                  related_name="centre_referral", verbose_name=_("เรื่องร้องเรียน"))
    case_number = crypto.EncryptedTextField(_("เลขที่เรื่องของศูนย์ดำรงธรรม"))

    class Meta(CentreCaseFields.Meta):
        pass

    def __str__(self):
        return f"{self.report.reference} · {self.get_direction_display()}"
