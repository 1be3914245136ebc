"""Integrity measures, indicators, risks, gifts and ethics in the admin."""
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import (
    EthicsActivity,
    EthicsAssessment,
    GiftRecord,
    GiftYearStatement,
    Indicator,
    IndicatorValue,
    IntegrityMeasure,
    MeasureUpdate,
    NoGiftDeclaration,
    RiskEntry,
)


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
        return reverse("disclosures:risks", kwargs={"fiscal_year": entry.fiscal_year})


@admin.register(NoGiftDeclaration)
class NoGiftDeclarationAdmin(admin.ModelAdmin):
    list_display = ("fiscal_year", "declared_on", "signatory_name", "signatory_position", "document")
    autocomplete_fields = ("document",)
    list_select_related = ("document",)

    def view_on_site(self, declaration):
        return reverse("disclosures:no_gift") + f"#fy-{declaration.fiscal_year}"


@admin.register(GiftRecord)
class GiftRecordAdmin(admin.ModelAdmin):
    """The register of gifts received; each row is public (by position, not by name)."""

    list_display = ("received_on", "recipient_position", "giver", "estimated_value", "action", "recorded_by")
    list_filter = ("fiscal_year", "action")
    search_fields = ("recipient_position", "giver", "description")
    date_hierarchy = "received_on"
    readonly_fields = ("recorded_by", "recorded_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    def view_on_site(self, record):
        return reverse("disclosures:no_gift_year", kwargs={"fiscal_year": record.fiscal_year})


@admin.register(GiftYearStatement)
class GiftYearStatementAdmin(admin.ModelAdmin):
    list_display = ("fiscal_year", "stated_on", "stated_by")
    autocomplete_fields = ("document",)

    def view_on_site(self, statement):
        return reverse("disclosures:no_gift_year", kwargs={"fiscal_year": statement.fiscal_year})


@admin.register(EthicsActivity)
class EthicsActivityAdmin(admin.ModelAdmin):
    list_display = ("held_on", "title", "kind", "participants")
    list_filter = ("kind",)
    search_fields = ("title", "description")
    date_hierarchy = "held_on"
    autocomplete_fields = ("documents",)


@admin.register(EthicsAssessment)
class EthicsAssessmentAdmin(admin.ModelAdmin):
    list_display = ("fiscal_year", "assessed_on", "score")
    autocomplete_fields = ("documents",)

    def view_on_site(self, assessment):
        return reverse("disclosures:ethics") + f"#assessment-{assessment.fiscal_year}"
