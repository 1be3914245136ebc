from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .images import PictureAdminForm
from .models import MunicipalityProfile, OutgoingDocument, StaffProfile


class DeadlineFilter(admin.SimpleListFilter):
    """"Overdue" and "due soon" in a queue whose queryset has overdue() and due_soon()."""

    title = _("กำหนดเวลา")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", _("เกินกำหนด")), ("due_soon", _("ใกล้ครบกำหนด"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "due_soon":
            return queryset.due_soon()
        return queryset


class WithoutBulkDelete:
    """No "delete selected" action: each record leaves through its own delete page, which runs
    the model admin's delete_model (for reports, the one audited delete service)."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class MunicipalityProfileAdminForm(PictureAdminForm):
    class Meta:
        model = MunicipalityProfile
        fields = "__all__"


@admin.register(MunicipalityProfile)
class MunicipalityProfileAdmin(admin.ModelAdmin):
    form = MunicipalityProfileAdminForm
    fieldsets = (
        (None, {"fields": ("name_th", "name_en", "short_name", "document_prefix", "tax_id", "picture_upload",
                           "picture_remove")}),
        ("ติดต่อ", {"fields": ("address", "address_en", "phone", "fax", "email", "website", "opening_hours",
                               "opening_hours_en", "map_url")}),
        ("สื่อสังคมออนไลน์", {"fields": ("facebook_url", "line_url", "youtube_url")}),
        ("ช่องทางร้องเรียน", {"fields": ("damrongtham_phone", "damrongtham_text", "complaint_box_text",
                                        "postal_text", "complaint_manual_adopted_on")}),
        ("คุ้มครองข้อมูลส่วนบุคคล", {"fields": ("data_protection_contact", "data_protection_email")}),
    )

    def has_add_permission(self, request):
        return not MunicipalityProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    """Names and positions staff sign with, kept by งานธุรการ (roles.py)."""

    list_display = ("full_name", "position", "user")
    search_fields = ("full_name", "position", "user__username")
    list_select_related = ("user",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # A plain list of staff accounts: the user admin (and its autocomplete) is not theirs.
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(OutgoingDocument)
class OutgoingDocumentAdmin(admin.ModelAdmin):
    """ทะเบียนหนังสือส่ง: a number is taken when an entry is saved and never changes or goes away."""

    list_display = ("reference", "issued_on", "subject", "recipient", "issued_by")
    list_filter = ("fiscal_year",)
    search_fields = ("subject", "recipient")
    list_select_related = ("issued_by",)
    readonly_fields = ("reference", "fiscal_year", "issued_by")

    @admin.display(description=_("ที่"))
    def reference(self, entry):
        return entry.reference if entry.pk else "—"

    def get_readonly_fields(self, request, obj=None):
        # The date decides the fiscal year of the number: fixed once numbered.
        return self.readonly_fields + (("issued_on",) if obj else ())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assign_number(request.user)
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False  # a number given out stays in the register
