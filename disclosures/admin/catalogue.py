"""The catalogue in the admin: categories and documents."""
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kpp_portal import thai

from ..forms import CategoryAdminForm, DocumentAdminForm
from ..models import (
    Category,
    Document,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryAdminForm
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else self.prepopulated_fields


class LinkedToOITFilter(admin.SimpleListFilter):
    title = _("เชื่อมโยงกับข้อ OIT")
    parameter_name = "oit"

    def lookups(self, request, model_admin):
        return (("yes", _("เชื่อมโยงแล้ว")), ("no", _("ยังไม่เชื่อมโยง")))

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            linked = Document.oit_items.through.objects.filter(document=OuterRef("pk"))
            return (
                queryset.filter(Exists(linked)) if self.value() == "yes" else queryset.exclude(Exists(linked))
            )
        return queryset


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentAdminForm
    list_display = ("short_title", "category", "fiscal_year", "publication_date", "is_published",
                    "file_type_label")
    list_filter = ("is_published", "category", "fiscal_year", LinkedToOITFilter)
    search_fields = ("title", "summary", "original_filename")
    date_hierarchy = "publication_date"
    autocomplete_fields = ("oit_items",)
    list_select_related = ("category",)
    readonly_fields = ("original_filename", "content_type", "file_size", "created_at", "updated_at")
    fieldsets = (
        (
            None,
            {"fields": ("title", "category", "fiscal_year", "valid_until", "publication_date", "summary",
                        "is_published")},
        ),
        (
            _("ไฟล์หรือลิงก์"),
            {"fields": ("attachment", "original_filename", "content_type", "file_size", "external_url")},
        ),
        (_("หลักฐาน ITA/OIT"), {"fields": ("oit_items",)}),
        (_("บันทึก"), {"fields": ("created_at", "updated_at")}),
    )
    actions = ("publish", "unpublish")

    @admin.display(description=_("ชื่อเอกสาร"), ordering="title")
    def short_title(self, document):
        # Long titles (a whole announcement's wording) would push the other columns off screen.
        return format_html('<span title="{}">{}</span>', document.title, thai.shorten(document.title, 90))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Published or not is the one thing an editor must not get wrong: say it on every save.
        if obj.is_published:
            self.message_user(request, _("“%(title)s” เผยแพร่บนเว็บไซต์แล้ว ประชาชนเห็นเอกสารนี้") % {
                "title": thai.shorten(obj.title, 60)}, messages.SUCCESS)
        else:
            self.message_user(request, _("“%(title)s” เป็นฉบับร่าง ยังไม่เผยแพร่ ประชาชนยังไม่เห็นเอกสารนี้ "
                                         "(เลือก “เผยแพร่” แล้วบันทึกเมื่อพร้อม)") % {
                "title": thai.shorten(obj.title, 60)}, messages.WARNING)

    @admin.display(description=_("ชนิดไฟล์"))
    def file_type_label(self, document):
        return document.file_label or (_("ลิงก์ภายนอก") if document.external_url else "")

    def _set_published(self, request, queryset, published):
        changed = 0
        for document in queryset.exclude(is_published=published):
            # One save per document, so each write leaves its own entry in the admin history.
            document.is_published = published
            document.save(update_fields=["is_published", "updated_at"])
            self.log_change(request, document, [{"changed": {"fields": ["is_published"]}}])
            changed += 1
        return changed

    @admin.action(description=_("เผยแพร่เอกสารที่เลือก"), permissions=["change"])
    def publish(self, request, queryset):
        changed = self._set_published(request, queryset, True)
        self.message_user(request, ngettext("เผยแพร่แล้ว %d รายการ", "เผยแพร่แล้ว %d รายการ", changed) % changed,
                          messages.SUCCESS)

    @admin.action(description=_("ยกเลิกการเผยแพร่เอกสารที่เลือก"), permissions=["change"])
    def unpublish(self, request, queryset):
        changed = self._set_published(request, queryset, False)
        self.message_user(request, ngettext("ยกเลิกการเผยแพร่แล้ว %d รายการ", "ยกเลิกการเผยแพร่แล้ว %d รายการ",
                                            changed) % changed, messages.SUCCESS)
