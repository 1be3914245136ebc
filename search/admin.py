from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import queue
from .models import FileText, ServiceShortcut


@admin.register(ServiceShortcut)
class ServiceShortcutAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "keywords", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["title", "keywords"]


@admin.register(FileText)
class FileTextAdmin(admin.ModelAdmin):
    """What the search has read of each published file: which are scans, which are read, which
    failed and why; a failed or stale file is sent back to the queue with the retry action."""

    list_display = ["__str__", "item_title", "state", "is_scan", "pages", "attempts", "read_at", "seconds",
                    "error"]
    list_filter = ["state", "is_scan"]
    search_fields = ["name", "error"]
    actions = ["read_again"]
    readonly_fields = ["content_type", "object_id", "name", "state", "is_scan", "pages", "searchable",
                       "error", "attempts", "queued_at", "read_at", "seconds"]
    exclude = ["text"]

    @admin.display(description=_("รายการ"))
    def item_title(self, row):
        return str(row.item) if row.item is not None else "—"

    def has_add_permission(self, request):
        return False  # the index queues the files of what it finds

    @admin.action(description=_("อ่านไฟล์ที่เลือกใหม่อีกครั้ง"), permissions=["change"])
    def read_again(self, request, queryset):
        rows = list(queryset)
        queue.retry(rows)
        for row in rows:
            self.log_change(request, row, _("ส่งกลับเข้าคิวอ่านข้อความ"))
        self.message_user(request, ngettext("ส่ง %(count)d ไฟล์กลับเข้าคิวแล้ว ระบบจะอ่านในรอบถัดไป",
                                            "ส่ง %(count)d ไฟล์กลับเข้าคิวแล้ว ระบบจะอ่านในรอบถัดไป",
                                            len(rows)) % {"count": len(rows)})
