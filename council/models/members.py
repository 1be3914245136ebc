from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.thai import be_year


def not_before(start, end, field, message, errors):
    """The rule of every period here (term, session, meeting): it cannot end before it starts."""
    if start and end and end < start:
        errors[field] = message


class Term(models.Model):
    """One elected council (สภาเทศบาลชุดที่ …) from its first sitting to its dissolution."""

    number = models.PositiveSmallIntegerField(_("ชุดที่"), unique=True)
    starts_on = models.DateField(_("เริ่มวาระ"))
    ends_on = models.DateField(_("สิ้นสุดวาระ"), null=True, blank=True, help_text=_("เว้นว่างหากยังอยู่ในวาระ"))
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("สภาเทศบาลชุดที่")
        verbose_name_plural = _("สภาเทศบาลแต่ละชุด")

    def __str__(self):
        start = be_year(self.starts_on.year)
        end = be_year(self.ends_on.year) if self.ends_on else ""
        return _("สภาเทศบาลชุดที่ %(number)s (%(start)s–%(end)s)") % {"number": self.number, "start": start,
                                                                      "end": end}

    def clean(self):
        errors = {}
        not_before(self.starts_on, self.ends_on, "ends_on", _("วันสิ้นสุดวาระต้องไม่ก่อนวันเริ่มวาระ"), errors)
        if errors:
            raise ValidationError(errors)

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)


class CouncilRole(models.TextChoices):
    PRESIDENT = "president", _("ประธานสภาเทศบาล")
    VICE_PRESIDENT = "vice_president", _("รองประธานสภาเทศบาล")
    MEMBER = "member", _("สมาชิกสภาเทศบาล")
    SECRETARY = "secretary", _("เลขานุการสภาเทศบาล")


class CouncilMember(models.Model):
    """A seat in one term. The person shown on the "who's who" page (municipality's Person, body
    council) is linked where it is the same person, so a name is corrected in one place."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="members", verbose_name=_("ชุด"))
    person = models.ForeignKey(
        "municipality.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="council_seats",
        verbose_name=_("บุคคลในทำเนียบผู้บริหาร/สมาชิกสภา"),
        help_text=_("เลือกเมื่อเป็นบุคคลเดียวกับในทำเนียบ ชื่อจะแสดงตามทำเนียบ"),
    )
    name = models.CharField(_("ชื่อ-สกุล"), max_length=200, blank=True)
    role = models.CharField(_("ตำแหน่งในสภา"), max_length=20, choices=CouncilRole.choices,
                            default=CouncilRole.MEMBER)
    constituency = models.PositiveSmallIntegerField(_("เขตเลือกตั้งที่"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    # The secretary (usually the municipal clerk) takes part but has no vote.
    has_vote = models.BooleanField(_("มีสิทธิออกเสียง"), default=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    class Meta:
        ordering = ["term", "order", "pk"]
        verbose_name = _("สมาชิกสภาเทศบาล")
        verbose_name_plural = _("สมาชิกสภาเทศบาล")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.person_id and self.person.name:
            return self.person.name
        return self.name

    def clean(self):
        if not self.person_id and not self.name.strip():
            raise ValidationError({"name": _("ระบุชื่อ หรือเลือกบุคคลจากทำเนียบ")})

    def get_absolute_url(self):
        return reverse("council:member", args=[self.pk])
