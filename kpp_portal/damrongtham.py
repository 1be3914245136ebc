"""The Damrongtham Centre (ศูนย์ดำรงธรรม, hotline 1567) of the Ministry of Interior: a case the
municipality received from it or forwarded to it carries the centre's case number and status,
in whichever channel holds it (general opinions, corruption reports)."""
from django.db import models
from django.utils.translation import gettext_lazy as _

CASE_NUMBER_MAX_CHARS = 40


class CentreDirection(models.TextChoices):
    RECEIVED = "received", _("รับเรื่องจากศูนย์ดำรงธรรม")
    FORWARDED = "forwarded", _("ส่งเรื่องต่อศูนย์ดำรงธรรม")


class CentreStatus(models.TextChoices):
    OPEN = "open", _("อยู่ระหว่างดำเนินการ")
    REPORTED = "reported", _("รายงานผลให้ศูนย์ดำรงธรรมแล้ว")
    CLOSED = "closed", _("ศูนย์ดำรงธรรมยุติเรื่องแล้ว")
