from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from post_office import models as outbox_models

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


class WrittenElsewhere(WithoutBulkDelete):
    """Rows written only by their own code paths, never through the admin's forms: shown, not
    added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


# -- the outbox (kpp_portal/outbox.py) ------------------------------------------------------------
# post_office's own admin edits and resends mail and offers templates nobody uses here; in its
# place a read-only list, for superusers only (bodies name residents and their requests).
for _model in (outbox_models.Email, outbox_models.EmailTemplate, outbox_models.Attachment, outbox_models.Log):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class OutboxLogInline(admin.TabularInline):
    model = outbox_models.Log
    fields = ["when", "outcome", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description=_("เวลา"))
    def when(self, log):
        return log.date

    @admin.display(description=_("ผล"))
    def outcome(self, log):
        return log.get_status_display()

    @admin.display(description=_("ข้อผิดพลาด"))
    def error(self, log):
        return f"{log.exception_type} {log.message}".strip()


@admin.register(outbox_models.Email)
class OutboxAdmin(WrittenElsewhere, admin.ModelAdmin):
    list_display = ["queued_at", "to_addresses", "subject_line", "state", "retries"]
    search_fields = ["subject", "to"]
    fields = ["queued_at", "to_addresses", "subject_line", "body", "state", "retries", "message_id"]
    readonly_fields = fields
    inlines = [OutboxLogInline]
    change_form_template = "admin/change_form.html"  # post_office's own offers a resend

    @admin.display(description=_("เข้าคิวเมื่อ"), ordering="created")
    def queued_at(self, email):
        return email.created

    @admin.display(description=_("ถึง"))
    def to_addresses(self, email):
        return ", ".join(email.to)

    @admin.display(description=_("เรื่อง"))
    def subject_line(self, email):
        return email.subject

    @admin.display(description=_("ข้อความ"))
    def body(self, email):
        return email.message

    @admin.display(description=_("สถานะ"), ordering="status")
    def state(self, email):
        return {0: _("ส่งแล้ว"), 1: _("ส่งไม่สำเร็จ"), 2: _("รอส่ง"), 3: _("รอส่งอีกครั้ง")}.get(email.status, "-")

    @admin.display(description=_("ส่งซ้ำแล้ว (ครั้ง)"))
    def retries(self, email):
        return email.number_of_retries or 0

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


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
