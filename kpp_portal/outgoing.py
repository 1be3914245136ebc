"""ทะเบียนหนังสือส่ง: the register of outgoing document numbers (the "ที่" of a letter or memo).

Numbers run per fiscal year (BE) under the municipality's prefix, taken from the portal's one
gap-free counter; each is recorded with its date, subject, addressee and who issued it. A
document printed again keeps the number it was given the first time (`source`).
"""
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .thai import fiscal_year_of

COUNTER_SCOPE = "outgoing"


class OutgoingDocument(models.Model):
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"), editable=False)
    number = models.PositiveIntegerField(_("เลขทะเบียนส่ง"), editable=False)
    prefix = models.CharField(_("รหัสหน่วยงาน"), max_length=40, editable=False,
                              help_text=_("ตามที่ตั้งไว้ในข้อมูลหน่วยงานเมื่อออกเลข"))
    issued_on = models.DateField(_("ลงวันที่"), default=timezone.localdate)
    subject = models.CharField(_("เรื่อง"), max_length=300)
    recipient = models.CharField(_("ถึง"), max_length=300)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  null=True, editable=False, verbose_name=_("ผู้ออกเลข"))
    # What the number was given to (e.g. one complaint's supervisor memo), so a reprint reuses it.
    source = models.CharField(_("ออกให้กับ"), max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = _("หนังสือส่ง")
        verbose_name_plural = _("ทะเบียนหนังสือส่ง")
        ordering = ["-fiscal_year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "number"], name="outgoing_year_number"),
            models.UniqueConstraint(fields=["source"], condition=~models.Q(source=""),
                                    name="outgoing_source"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """As printed after "ที่": e.g. กพ 52001/15."""
        return f"{self.prefix}/{self.number}"

    def assign_number(self, user):
        """Number a new entry from the counter of its fiscal year (inside the caller's transaction)."""
        from .models import MunicipalityProfile, ReferenceCounter

        self.fiscal_year = fiscal_year_of(self.issued_on)
        self.number = ReferenceCounter.next_number(COUNTER_SCOPE, self.fiscal_year)
        self.prefix = MunicipalityProfile.current().document_prefix
        self.issued_by = user

    @classmethod
    def issue(cls, *, subject, recipient, user, source="", day=None):
        """The entry for `source` if it has one already, else a new number recorded now."""
        with transaction.atomic():
            if source:
                existing = cls.objects.select_for_update().filter(source=source).first()
                if existing:
                    return existing
            entry = cls(subject=subject, recipient=recipient, source=source,
                        issued_on=day or timezone.localdate())
            entry.assign_number(user)
            entry.save()
            return entry
