"""Where a request stands and how it ended."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    # A personal-data request waits here until an officer has checked who is asking (PDPA s. 30).
    IDENTITY = "identity", _("รอตรวจสอบตัวตนผู้ยื่น")
    RECEIVED = "received", _("รับเรื่องแล้ว")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    CLOSED = "closed", _("ปิดเรื่องแล้ว")


OPEN_STATUSES = (Status.IDENTITY, Status.RECEIVED, Status.IN_PROGRESS)


class Outcome(models.TextChoices):
    COMPLETED = "completed", _("ดำเนินการแล้วเสร็จ")
    DECLINED = "declined", _("ดำเนินการให้ไม่ได้ (แจ้งเหตุผลแล้ว)")
    REFERRED = "referred", _("ส่งต่อหน่วยงานภายนอกที่รับผิดชอบ")
    DONE_PART = "done_part", _("ดำเนินการตามคำขอบางส่วน (แจ้งเหตุผลแล้ว)")
    WITHDRAWN = "withdrawn", _("ผู้ยื่นขอยกเลิก")
    DISCLOSED_FULL = "disclosed_full", _("เปิดเผยข้อมูลทั้งหมด")
    DISCLOSED_PART = "disclosed_part", _("เปิดเผยข้อมูลบางส่วน")
    REFUSED = "refused", _("ไม่เปิดเผยข้อมูล")


GENERAL_OUTCOMES = (Outcome.COMPLETED, Outcome.DECLINED, Outcome.REFERRED, Outcome.WITHDRAWN)
INFORMATION_OUTCOMES = (Outcome.DISCLOSED_FULL, Outcome.DISCLOSED_PART, Outcome.REFUSED, Outcome.REFERRED,
                        Outcome.WITHDRAWN)
# Withholding anything must name its legal ground (and so tells the person how to appeal).
OUTCOMES_WITH_GROUNDS = (Outcome.DISCLOSED_PART, Outcome.REFUSED)
PERSONAL_DATA_OUTCOMES = (Outcome.COMPLETED, Outcome.DONE_PART, Outcome.DECLINED, Outcome.WITHDRAWN)
# A personal-data request refused in whole or in part must say why (PDPA s. 30 para. 3, s. 32–35).
OUTCOMES_WITH_REASONS = (Outcome.DONE_PART, Outcome.DECLINED)
