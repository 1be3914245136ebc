"""Back office. Content editors keep committees, members and meetings; general affairs moderate
and answer opinions (roles.py). Every write leaves a LogEntry (the admin history), actions
included."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kpp_portal.images import PictureAdminForm

from .models import (
    Committee,
    CommitteeTerm,
    Consultation,
    Meeting,
    MeetingPhoto,
    Member,
    ModerationStatus,
    Opinion,
)


class CommitteeTermInline(admin.TabularInline):
    model = CommitteeTerm
    fields = ("starts_on", "ends_on", "order_number", "order_date", "order_document")
    extra = 0
    show_change_link = True


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "display_order")
    list_editable = ("display_order",)
    search_fields = ("name",)
    inlines = [CommitteeTermInline]


class MemberInline(admin.TabularInline):
    model = Member
    fields = ("order_in_appointment", "name", "position", "organisation", "constituency", "role")
    extra = 1


@admin.register(CommitteeTerm)
class CommitteeTermAdmin(admin.ModelAdmin):
    list_display = ("committee", "starts_on", "ends_on", "order_number")
    list_filter = ("committee",)
    list_select_related = ("committee",)
    inlines = [MemberInline]


class MeetingPhotoAdminForm(PictureAdminForm):
    class Meta:
        model = MeetingPhoto
        fields = ("caption", "display_order")


class MeetingPhotoInline(admin.TabularInline):
    model = MeetingPhoto
    form = MeetingPhotoAdminForm
    fields = ("preview", "picture_upload", "caption", "display_order")
    readonly_fields = ("preview",)
    extra = 1

    @admin.display(description=_("ภาพ"))
    def preview(self, photo):
        picture = photo.picture
        if not picture:
            return "—"
        smallest = picture.sizes[0]
        return format_html('<img src="{}" width="120" height="{}" alt="">',
                           picture.storage.url(smallest["name"]), round(smallest["h"] * 120 / smallest["w"]))


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "starts_at", "place", "is_published")
    list_filter = ("kind", "is_published", "committee")
    search_fields = ("title", "place", "agenda")
    date_hierarchy = "starts_at"
    list_select_related = ("committee",)
    inlines = [MeetingPhotoInline]


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("title", "opens_on", "closes_on", "is_published")
    list_filter = ("is_published",)
    search_fields = ("title", "description")
    raw_id_fields = ("meeting",)


def _set_status(modeladmin, request, queryset, status, message):
    opinions = list(queryset)
    for opinion in opinions:
        opinion.record_moderation(request.user, status)
        opinion.save(update_fields=["status", "moderated_by", "moderated_at"])
        modeladmin.log_change(request, opinion, message)
    modeladmin.message_user(
        request,
        ngettext("ปรับสถานะ %(n)d ความคิดเห็น", "ปรับสถานะ %(n)d ความคิดเห็น", len(opinions))
        % {"n": len(opinions)},
    )


@admin.action(description=_("เผยแพร่ความคิดเห็นที่เลือก"), permissions=["change"])
def publish_opinions(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, ModerationStatus.PUBLISHED, "เผยแพร่")


@admin.action(description=_("ไม่เผยแพร่ความคิดเห็นที่เลือก"), permissions=["change"])
def reject_opinions(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, ModerationStatus.REJECTED, "ไม่เผยแพร่")


@admin.register(Opinion)
class OpinionAdmin(admin.ModelAdmin):
    list_display = ("short_body", "consultation", "status", "created_at", "has_response")
    list_filter = ("status", "consultation")
    search_fields = ("body", "name")
    list_select_related = ("consultation",)
    actions = [publish_opinions, reject_opinions]
    fields = (
        "consultation",
        "body",
        "name",
        "contact",
        "created_at",
        "status",
        "moderated_by",
        "moderated_at",
        "response",
        "responded_by",
        "responded_at",
    )
    readonly_fields = (
        "consultation",
        "body",
        "name",
        "contact",
        "created_at",
        "moderated_by",
        "moderated_at",
        "responded_by",
        "responded_at",
    )

    @admin.display(description=_("ความคิดเห็น"))
    def short_body(self, opinion):
        return opinion.body[:80]

    @admin.display(description=_("มีคำชี้แจง"), boolean=True)
    def has_response(self, opinion):
        return bool(opinion.response)

    def has_add_permission(self, request):
        return False  # opinions come from citizens only

    def save_model(self, request, opinion, form, change):
        if "status" in form.changed_data:
            opinion.record_moderation(request.user, opinion.status)
        if "response" in form.changed_data:
            opinion.record_response(request.user)
        super().save_model(request, opinion, form, change)
