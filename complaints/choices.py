"""What a corruption report can be: its categories, channels, statuses and outcomes, and the only
moves the workflow allows."""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    BRIBERY = "bribery", _("การเรียกรับหรือให้สินบน")
    PROCUREMENT_FRAUD = "procurement", _("การทุจริตในการจัดซื้อจัดจ้าง")
    ABUSE_OF_POSITION = "abuse", _("การใช้ตำแหน่งหน้าที่โดยมิชอบ")
    CONFLICT_OF_INTEREST = "conflict", _("ผลประโยชน์ทับซ้อน")
    MISCONDUCT = "misconduct", _("การประพฤติมิชอบของเจ้าหน้าที่")
    OTHER = "other", _("อื่น ๆ")


class Channel(models.TextChoices):
    WEB = "web", _("เว็บไซต์ (ช่องทางออนไลน์)")
    DAMRONGTHAM = "damrongtham", _("ศูนย์ดำรงธรรม")
    COMMENT_BOX = "box", _("ตู้/กล่องรับความคิดเห็น")
    POST = "post", _("ไปรษณีย์")
    WALK_IN = "walk_in", _("มาด้วยตนเอง")
    PHONE = "phone", _("โทรศัพท์")
    FACEBOOK = "facebook", _("เฟซบุ๊กสำนักงาน")


class Status(models.TextChoices):
    RECEIVED = "received", _("รับเรื่องแล้ว")
    ACKNOWLEDGED = "acknowledged", _("ตอบรับเรื่องแล้ว")
    INVESTIGATING = "investigating", _("อยู่ระหว่างตรวจสอบข้อเท็จจริง")
    ESCALATED = "escalated", _("รายงานผู้บังคับบัญชาแล้ว")
    CONCLUDED = "concluded", _("ยุติเรื่อง/แจ้งผลแล้ว")
    REJECTED = "rejected", _("ไม่รับพิจารณา")


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("มีมูล ดำเนินการทางวินัย/กฎหมาย")
    NOT_SUBSTANTIATED = "not_substantiated", _("ไม่มีมูล")
    FORWARDED_NACC = "forwarded_nacc", _("ส่งต่อสำนักงาน ป.ป.ช.")
    FORWARDED_PACC = "forwarded_pacc", _("ส่งต่อสำนักงาน ป.ป.ท.")
    FORWARDED_DAMRONGTHAM = "forwarded_damrongtham", _("ส่งต่อศูนย์ดำรงธรรม")
    FORWARDED_OTHER = "forwarded_other", _("ส่งต่อหน่วยงานอื่น")
    OUTSIDE_JURISDICTION = "outside_jurisdiction", _("ไม่อยู่ในอำนาจหน้าที่")
    DUPLICATE = "duplicate", _("เรื่องซ้ำ")
    NO_SUBSTANCE = "no_substance", _("ข้อมูลไม่เพียงพอ/ไม่มีสาระ")


CONCLUSION_OUTCOMES = {
    Outcome.SUBSTANTIATED, Outcome.NOT_SUBSTANTIATED, Outcome.FORWARDED_NACC,
    Outcome.FORWARDED_PACC, Outcome.FORWARDED_DAMRONGTHAM, Outcome.FORWARDED_OTHER,
}
REJECTION_OUTCOMES = {Outcome.OUTSIDE_JURISDICTION, Outcome.DUPLICATE, Outcome.NO_SUBSTANCE}

# The only moves the workflow allows; anything else is refused by CorruptionReport.transition.
ALLOWED_TRANSITIONS = {
    Status.RECEIVED: (Status.ACKNOWLEDGED, Status.REJECTED),
    Status.ACKNOWLEDGED: (Status.INVESTIGATING, Status.REJECTED),
    Status.INVESTIGATING: (Status.ESCALATED, Status.REJECTED),
    Status.ESCALATED: (Status.CONCLUDED, Status.INVESTIGATING),
    Status.CONCLUDED: (),
    Status.REJECTED: (),
}
CLOSED_STATUSES = (Status.CONCLUDED, Status.REJECTED)


class WorkflowError(ValidationError):
    pass
