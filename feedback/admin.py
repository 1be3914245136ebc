"""General affairs answer the general channel (roles.py); every write leaves a LogEntry."""

from django.contrib import admin

from .models import CentreCase, FeedbackMessage


class CentreCaseInline(admin.StackedInline):
    model = CentreCase
    extra = 0
    max_num = 1
    can_delete = False


@admin.register(FeedbackMessage)
class FeedbackMessageAdmin(admin.ModelAdmin):
    inlines = [CentreCaseInline]
    list_display = ("reference", "kind", "subject", "status", "created_at", "answered_by", "answered_at")
    list_select_related = ("answered_by",)
    list_filter = ("status", "kind", "centre_case__direction")
    search_fields = ("reference", "subject", "message", "name", "email", "phone", "centre_case__case_number")
    fields = (
        "reference",
        "kind",
        "subject",
        "message",
        "name",
        "email",
        "phone",
        "created_at",
        "status",
        "reply",
        "answered_by",
        "answered_at",
    )
    # Staff write only the status and the reply; the rest is what the citizen sent.
    readonly_fields = tuple(name for name in fields if name not in ("status", "reply"))

    def has_add_permission(self, request):
        return False  # messages come from citizens through /feedback/ only

    def save_model(self, request, message, form, change):
        if "reply" in form.changed_data:
            message.record_reply(request.user)
        super().save_model(request, message, form, change)
