"""The text inside the published files (PDF, DOCX) a source offers with its entries
(search.sources.Entry.file): read by `manage.py read_documents` after publication, one file at a
time, and added to the object's entry in the index. A scan (a PDF with no text layer) is read by
OCR, which also makes a searchable copy kept beside the original for people who use screen
readers or need to copy the text.
"""
from pathlib import PurePath

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

READABLE = {".pdf": "pdf", ".docx": "docx"}  # uploads store a file under its kind's extension


def readable_kind(name):
    return READABLE.get(PurePath(name or "").suffix.lower())


class FileText(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("รออ่านข้อความ")
        SCAN = "scan", _("ภาพสแกน รออ่านด้วย OCR")
        DONE = "done", _("อ่านแล้ว")
        FAILED = "failed", _("อ่านไม่สำเร็จ")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("ชนิดรายการ"))
    object_id = models.PositiveBigIntegerField(_("รหัสรายการ"))
    item = GenericForeignKey("content_type", "object_id")
    name = models.CharField(_("ไฟล์"), max_length=255)  # the storage name read: a new file is read anew
    state = models.CharField(_("สถานะ"), max_length=10, choices=State.choices, default=State.PENDING)
    is_scan = models.BooleanField(_("ภาพสแกน"), default=False)
    pages = models.PositiveIntegerField(_("จำนวนหน้า"), default=0)
    # The pages as the index stores text (words cut by words.SEPARATOR), PAGE_BREAK between pages.
    text = models.TextField(_("ข้อความ"), blank=True, editable=False)
    searchable = models.FileField(_("ฉบับค้นหาข้อความได้ (OCR)"), blank=True, max_length=255, editable=False)
    error = models.CharField(_("สาเหตุที่อ่านไม่สำเร็จ"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("จำนวนครั้งที่อ่าน"), default=0)
    queued_at = models.DateTimeField(_("เข้าคิวเมื่อ"), auto_now_add=True)
    read_at = models.DateTimeField(_("อ่านเมื่อ"), null=True, blank=True)
    seconds = models.FloatField(_("เวลาที่ใช้ (วินาที)"), null=True, blank=True)

    class Meta:
        verbose_name = _("ข้อความในไฟล์เอกสาร")
        verbose_name_plural = _("ข้อความในไฟล์เอกสาร")
        ordering = ["-queued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="file_text_once_per_object"),
        ]
        indexes = [models.Index(fields=["state", "queued_at"], name="file_text_queue_idx")]

    def __str__(self):
        return PurePath(self.name).name

    @property
    def kind(self):
        return readable_kind(self.name)

    def queue_again(self, name=None):
        """Back in the queue (a new file, or staff asking for another try)."""
        self.name = name or self.name
        self.state, self.error, self.text, self.pages, self.is_scan = self.State.PENDING, "", "", 0, False
        self.read_at = self.seconds = None
        self.searchable = ""  # the old OCR copy is deleted once saved (kpp_portal.filecleanup)
