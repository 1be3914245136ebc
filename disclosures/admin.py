from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Exists, OuterRef
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .checklists import checklist_rows
from .forms import CategoryAdminForm, DocumentAdminForm
from .models import (
    Category,
    Document,
    Indicator,
    IndicatorValue,
    IntegrityMeasure,
    ITAAnalysisRow,
    MeasureUpdate,
    OITItem,
    RiskEntry,
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
    list_display = ("title", "category", "fiscal_year", "publication_date", "is_published", "file_type_label")
    list_filter = ("is_published", "category", "fiscal_year", LinkedToOITFilter)
    search_fields = ("title", "summary", "original_filename")
    date_hierarchy = "publication_date"
    autocomplete_fields = ("oit_items",)
    list_select_related = ("category",)
    readonly_fields = ("original_filename", "content_type", "file_size", "created_at", "updated_at")
    fieldsets = (
        (
            None,
            {"fields": ("title", "category", "fiscal_year", "publication_date", "summary", "is_published")},
        ),
        (
            _("ไฟล์หรือลิงก์"),
            {"fields": ("attachment", "original_filename", "content_type", "file_size", "external_url")},
        ),
        (_("หลักฐาน ITA/OIT"), {"fields": ("oit_items",)}),
        (_("บันทึก"), {"fields": ("created_at", "updated_at")}),
    )
    actions = ("publish", "unpublish")
    # A link typed without a scheme is an https one (and Django 6 makes that the default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

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


class EvidenceStateFilter(admin.SimpleListFilter):
    """Gaps: items with neither a published linked document nor a portal page as evidence."""

    title = _("สถานะหลักฐาน")
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return (("missing", _("ยังไม่มีหลักฐาน")), ("met", _("มีหลักฐานแล้ว")))

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.missing()
        if self.value() == "met":
            return queryset.met()
        return queryset


class LinkedDocumentInline(admin.TabularInline):
    model = Document.oit_items.through
    extra = 1
    autocomplete_fields = ("document",)
    verbose_name = _("เอกสารหลักฐาน")
    verbose_name_plural = _("เอกสารหลักฐานที่เชื่อมโยง")


@admin.register(OITItem)
class OITItemAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "assessment_year", "topic", "linked_documents")
    list_display_links = ("code", "title")
    list_filter = ("assessment_year", EvidenceStateFilter, "group")
    search_fields = ("code", "title", "title_en")
    ordering = ("-assessment_year", "order")
    readonly_fields = (
        "assessment_year",
        "code",
        "order",
        "group",
        "title",
        "title_en",
        "requirement",
        "topic",
    )
    inlines = (LinkedDocumentInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(document_count=Count("documents"))

    @admin.display(description=_("เอกสารที่เชื่อมโยง"), ordering="document_count")
    def linked_documents(self, item):
        return item.document_count

    def has_add_permission(self, request):
        return False  # items come from disclosures/data/oit_<year>.csv (manage.py load_oit_items)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        gaps = self.admin_site.admin_view(self.gaps_view)
        return [
            path("gaps/", gaps, name="disclosures_oititem_gaps"),
            path("gaps/<int:year>/", gaps, name="disclosures_oititem_gaps_year"),
        ] + super().get_urls()

    def gaps_view(self, request, year=None):
        """The items of a year still without evidence: the officer's to-do list before the NACC deadline."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        years = list(
            OITItem.objects.order_by("-assessment_year").values_list("assessment_year", flat=True).distinct()
        )
        year = year if year in years else (years[0] if years else None)
        rows = checklist_rows(year) if year else []
        missing = [row for row in rows if not row.is_met]
        return TemplateResponse(request, "admin/disclosures/oititem/gaps.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("ข้อ OIT ที่ยังไม่มีหลักฐาน"),
            "year": year,
            "years": years,
            "missing": missing,
            "total": len(rows),
            "checklist_url": reverse("disclosures:checklist", kwargs={"year": year}) if year else "",
        })


class MeasureUpdateInline(admin.StackedInline):
    model = MeasureUpdate
    extra = 0
    autocomplete_fields = ("documents",)


@admin.register(IntegrityMeasure)
class IntegrityMeasureAdmin(admin.ModelAdmin):
    list_display = ("number", "title")
    search_fields = ("title", "description")
    inlines = (MeasureUpdateInline,)


@admin.register(MeasureUpdate)
class MeasureUpdateAdmin(admin.ModelAdmin):
    list_display = ("measure", "date")
    list_filter = ("measure",)
    search_fields = ("text",)
    date_hierarchy = "date"
    autocomplete_fields = ("documents",)


@admin.register(ITAAnalysisRow)
class ITAAnalysisRowAdmin(admin.ModelAdmin):
    list_display = ("fiscal_year", "order", "guideline", "responsible")
    list_filter = ("fiscal_year",)
    search_fields = ("guideline", "recommendation", "actions")


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("title", "measure", "fiscal_year")
    list_filter = ("measure", "fiscal_year")
    search_fields = ("title",)
    inlines = (IndicatorValueInline,)


@admin.register(RiskEntry)
class RiskEntryAdmin(admin.ModelAdmin):
    list_display = ("process", "fiscal_year", "likelihood", "impact", "level_label", "owner", "status")
    list_filter = ("fiscal_year", "status")
    search_fields = ("process", "risk", "controls", "owner")

    @admin.display(description=_("ระดับความเสี่ยง"))
    def level_label(self, entry):
        return entry.get_level_display()

    def view_on_site(self, entry):
        return reverse("disclosures:risks", kwargs={"year": entry.fiscal_year})
