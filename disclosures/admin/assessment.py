"""The ITA assessment in the admin: years, OIT items with their evidence, the analysis, EIT surveys."""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from kpp_portal import importing
from kpp_portal.exports import FORMATS, export_response
from kpp_portal.forms import StaffForm

from ..checklists import checklist_rows, met_condition
from ..models import (
    AssessmentYear,
    Document,
    EITSurvey,
    ITAAnalysis,
    ITAAnalysisRow,
    OITItem,
)
from ..oit_lists import ITEM_COLUMNS, SAMPLE_ROWS, OITImportForm, copy_links, link_candidates

IMPORT_SESSION_KEY = "disclosures-oit-import"


class EvidenceStateFilter(admin.SimpleListFilter):
    """Gaps: items with neither a published linked document nor a portal page for each topic."""

    title = _("สถานะหลักฐาน")
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return (("missing", _("ยังไม่มีหลักฐาน")), ("met", _("มีหลักฐานแล้ว")))

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.exclude(met_condition(queryset))
        if self.value() == "met":
            return queryset.filter(met_condition(queryset))
        return queryset


class LinkedDocumentInline(admin.TabularInline):
    model = Document.oit_items.through
    extra = 1
    autocomplete_fields = ("document",)
    verbose_name = _("เอกสารหลักฐาน")
    verbose_name_plural = _("เอกสารหลักฐานที่เชื่อมโยง")


def _confirmed(item_or_year):
    year = getattr(item_or_year, "assessment_year", item_or_year)
    return year is not None and year.is_confirmed


class OITItemInline(admin.TabularInline):
    """The items of a year. Frozen once the year is confirmed against the NACC manual."""

    model = OITItem
    fields = ("order", "code", "title", "group", "topic_list")
    readonly_fields = ("topic_list",)
    extra = 0
    show_change_link = True

    @admin.display(description=_("หน้าของพอร์ทัลที่เป็นหลักฐาน"))
    def topic_list(self, item):
        return ", ".join(item.topic_labels())

    def has_add_permission(self, request, obj=None):
        return not _confirmed(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _confirmed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _confirmed(obj) and super().has_delete_permission(request, obj)


class ConfirmYearForm(StaffForm):
    manual_reference = forms.CharField(
        label=_("คู่มือที่ใช้ตรวจสอบ"), max_length=300,
        help_text=_("ชื่อและฉบับของคู่มือการประเมิน ITA ของสำนักงาน ป.ป.ช. สำหรับปีนี้ เช่น เลขที่หนังสือหรือวันที่เผยแพร่"))
    checked = forms.BooleanField(label=_("ข้าพเจ้าได้ตรวจรหัสและชื่อทุกข้อกับคู่มือฉบับนี้แล้ว"))


@admin.register(AssessmentYear)
class AssessmentYearAdmin(admin.ModelAdmin):
    """Years of the ITA: import, edit, confirm against the NACC manual, copy last year's links."""

    list_display = ("year", "item_count", "status", "confirmed_by", "confirmed_at")
    fields = ("year", "source", "oit_deadline", "confirmed_at", "confirmed_by", "manual_reference")
    readonly_fields = ("confirmed_at", "confirmed_by", "manual_reference")
    inlines = (OITItemInline,)
    change_list_template = "admin/disclosures/assessmentyear/change_list.html"
    change_form_template = "admin/disclosures/assessmentyear/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("confirmed_by").annotate(n_items=Count("items"))

    @admin.display(description=_("จำนวนข้อ"), ordering="n_items")
    def item_count(self, assessment):
        return assessment.n_items

    @admin.display(description=_("สถานะ"))
    def status(self, assessment):
        return _("ยืนยันกับคู่มือ ป.ป.ช. แล้ว") if assessment.is_confirmed else _("ร่าง: ยังไม่ยืนยันกับคู่มือ ป.ป.ช.")

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields + (("year",) if obj else ())

    def has_delete_permission(self, request, obj=None):
        return not _confirmed(obj) and super().has_delete_permission(request, obj)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="disclosures_assessmentyear_import"),
            path("import/sample.<str:fmt>", wrap(self.import_sample_view),
                 name="disclosures_assessmentyear_import_sample"),
            path("<int:pk>/confirm/", wrap(self.confirm_view), name="disclosures_assessmentyear_confirm"),
            path("<int:pk>/withdraw/", wrap(self.withdraw_view), name="disclosures_assessmentyear_withdraw"),
            path("<int:pk>/copy-links/", wrap(self.copy_links_view),
                 name="disclosures_assessmentyear_copy_links"),
        ] + super().get_urls()

    def _year(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(AssessmentYear, pk=pk)

    def _context(self, request, title, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "title": title, **extra}

    def import_view(self, request):
        return importing.import_view(
            self, request, OITImportForm, IMPORT_SESSION_KEY, title=_("นำเข้ารายการข้อ OIT จากไฟล์"),
            done_url=lambda target: reverse("admin:disclosures_assessmentyear_change",
                                            args=[AssessmentYear.objects.get(year=target["year"]).pk]),
            samples=[(_("ไฟล์ตัวอย่าง %(format)s") % {"format": fmt.upper()},
                      reverse("admin:disclosures_assessmentyear_import_sample", args=[fmt]))
                     for fmt in ("csv", "xlsx")])

    def import_sample_view(self, request, fmt):
        """A sheet with the import's headings and two rows as staff would fill them."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if fmt not in FORMATS:
            raise Http404
        return export_response(fmt, f"oit-import-sample.{fmt}", list(ITEM_COLUMNS.values()),
                               [[row.get(field, "") for field in ITEM_COLUMNS] for row in SAMPLE_ROWS],
                               sheet_name="OIT")

    def confirm_view(self, request, pk):
        year = self._year(request, pk)
        form = ConfirmYearForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                year.confirm(request.user, form.cleaned_data["manual_reference"])
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                self.log_change(request, year,
                                _("ยืนยันกับคู่มือ ป.ป.ช.: %(manual)s") % {"manual": year.manual_reference})
                messages.success(request,
                                 _("ยืนยันปี %(year)s แล้ว รายการตรวจของปีนี้เผยแพร่ต่อสาธารณะ") % {"year": year})
            return redirect("admin:disclosures_assessmentyear_change", year.pk)
        return TemplateResponse(request, "admin/disclosures/assessmentyear/confirm.html", self._context(
            request, _("ยืนยันรายการปี %(year)s กับคู่มือ ป.ป.ช.") % {"year": year}, year=year, form=form,
            items=year.items.order_by("order", "pk")))

    def withdraw_view(self, request, pk):
        year = self._year(request, pk)
        if request.method != "POST":
            return redirect("admin:disclosures_assessmentyear_change", year.pk)
        year.withdraw_confirmation()
        self.log_change(request, year, _("ยกเลิกการยืนยันกับคู่มือ ป.ป.ช."))
        messages.warning(request, _("ปี %(year)s กลับเป็นร่างแล้ว ไม่แสดงต่อสาธารณะ") % {"year": year})
        return redirect("admin:disclosures_assessmentyear_change", year.pk)

    def copy_links_view(self, request, pk):
        """The previous year's documents offered to this year's matching items; staff tick what
        still proves them."""
        year = self._year(request, pk)
        previous, candidates = link_candidates(year)
        if request.method == "POST":
            count = copy_links(year, request.POST.getlist("link"))
            if count:
                self.log_change(request, year, _("คัดลอกลิงก์หลักฐานจากปี %(previous)s %(count)s รายการ") % {
                    "previous": previous, "count": count})
            messages.success(request, _("เชื่อมโยงเอกสาร %(count)s รายการแล้ว") % {"count": count})
            return redirect("admin:disclosures_assessmentyear_change", year.pk)
        return TemplateResponse(request, "admin/disclosures/assessmentyear/copy_links.html", self._context(
            request, _("คัดลอกลิงก์หลักฐานจากปีก่อนมาปี %(year)s") % {"year": year},
            year=year, previous=previous, candidates=candidates))


@admin.register(OITItem)
class OITItemAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "assessment_year", "topic_list", "linked_documents")
    list_display_links = ("code", "title")
    list_filter = ("assessment_year", EvidenceStateFilter, "group")
    search_fields = ("code", "title", "title_en")
    ordering = ("-assessment_year", "order")
    fields = ("assessment_year", "code", "order", "group", "title", "title_en", "requirement", "window",
              "counts", "document_kinds", "topics", "confidence", "evidence_confirmed_by",
              "evidence_confirmed_at", "evidence_note")
    readonly_fields = ("evidence_confirmed_by", "evidence_confirmed_at", "evidence_note")
    list_select_related = ("assessment_year",)
    inlines = (LinkedDocumentInline,)
    actions = ("confirm_evidence", "withdraw_evidence_confirmation")

    @admin.action(description=_("ยืนยันว่าตรวจเนื้อหาหลักฐานของข้อที่เลือกแล้ว (บันทึกผู้ยืนยันและเวลา)"))
    def confirm_evidence(self, request, queryset):
        # What the portal cannot read (a PDF's content) rests on the officer's word, on record.
        for item in queryset:
            item.confirm_evidence(request.user, _("เจ้าหน้าที่ตรวจเนื้อหาเอกสารหลักฐานกับถ้อยคำในคู่มือแล้ว"))
            self.log_change(request, item, _("ยืนยันหลักฐานของข้อ"))
        messages.success(request, _("ยืนยันหลักฐานแล้ว %(count)s ข้อ") % {"count": queryset.count()})

    @admin.action(description=_("ยกเลิกการยืนยันหลักฐานของข้อที่เลือก"))
    def withdraw_evidence_confirmation(self, request, queryset):
        for item in queryset:
            item.withdraw_evidence_confirmation()
            self.log_change(request, item, _("ยกเลิกการยืนยันหลักฐานของข้อ"))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(document_count=Count("documents"))

    @admin.display(description=_("เอกสารที่เชื่อมโยง"), ordering="document_count")
    def linked_documents(self, item):
        return item.document_count

    @admin.display(description=_("หน้าของพอร์ทัลที่เป็นหลักฐาน"))
    def topic_list(self, item):
        return ", ".join(item.topic_labels())

    def get_readonly_fields(self, request, obj=None):
        # A confirmed year's list is frozen; linking evidence to its items goes on all year.
        if _confirmed(obj):
            return self.fields
        return (("assessment_year",) if obj else ()) + self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assessment_year":
            kwargs["queryset"] = AssessmentYear.objects.filter(confirmed_at__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return not _confirmed(obj) and super().has_delete_permission(request, obj)

    def get_urls(self):
        gaps = self.admin_site.admin_view(self.gaps_view)
        return [
            path("gaps/", gaps, name="disclosures_oititem_gaps"),
            path("gaps/<int:assessment_year>/", gaps, name="disclosures_oititem_gaps_year"),
        ] + super().get_urls()

    def gaps_view(self, request, assessment_year=None):
        """The items of a year still without evidence: the officer's to-do list before the NACC deadline."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        years = list(AssessmentYear.objects.filter(items__isnull=False).distinct().order_by("-year"))
        # The coming assessment by default: the one the portal works on now.
        current = AssessmentYear.objects.current()
        assessment_year = assessment_year or (current.year if current else None)
        chosen = next((y for y in years if y.year == assessment_year), years[0] if years else None)
        rows = checklist_rows(chosen.year) if chosen else []
        return TemplateResponse(request, "admin/disclosures/oititem/gaps.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("ข้อ OIT ที่ยังไม่มีหลักฐาน"),
            "current": current,
            "year": chosen,
            "years": years,
            "missing": [row for row in rows if not row.is_met],
            "total": len(rows),
        })



class ITAAnalysisRowInline(admin.StackedInline):
    model = ITAAnalysisRow
    extra = 0


@admin.register(ITAAnalysis)
class ITAAnalysisAdmin(admin.ModelAdmin):
    list_display = ("assessment_year", "score", "level", "analysed_on")
    search_fields = ("summary", "rows__guideline", "rows__actions")
    autocomplete_fields = ("documents",)
    inlines = (ITAAnalysisRowInline,)



@admin.register(EITSurvey)
class EITSurveyAdmin(admin.ModelAdmin):
    list_display = ("assessment_year", "opens_on", "closes_on", "url")
