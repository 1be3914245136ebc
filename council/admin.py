"""Back office of the council's record: terms and members, sessions, meetings with their agenda,
documents, attendance and votes, and the motions they took up. Dates in BE (kpp_portal.admin_dates)."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    AgendaItem,
    Attendance,
    CouncilMember,
    Meeting,
    MeetingDocument,
    Motion,
    Session,
    Term,
    Vote,
)


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    fields = ("order", "person", "name", "role", "constituency", "has_vote")
    extra = 0
    show_change_link = True


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("number", "starts_on", "ends_on")
    inlines = [CouncilMemberInline]


@admin.register(CouncilMember)
class CouncilMemberAdmin(admin.ModelAdmin):
    list_display = ("__str__", "role", "constituency", "term")
    list_filter = ("term", "role")
    search_fields = ("name", "person__name")
    list_select_related = ("term", "person")


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "fiscal_year", "starts_on", "ends_on")
    list_filter = ("fiscal_year", "kind")


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    fields = (("number", "order"), "title", ("motion", "reading"), "outcome", "resolution",
              ("votes_for", "votes_against", "abstentions"))
    autocomplete_fields = ("motion",)
    extra = 0
    show_change_link = True


class MeetingDocumentInline(admin.TabularInline):
    model = MeetingDocument
    fields = ("kind", "title", "file", "catalogue_document", "agenda_item")
    autocomplete_fields = ("catalogue_document",)
    extra = 0


class AttendanceInline(admin.TabularInline):
    model = Attendance
    fields = ("member", "status")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member__person")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "starts_at", "minutes_adopted_on", "cancelled", "is_published")
    list_filter = ("session__fiscal_year", "is_published", "cancelled")
    date_hierarchy = "starts_at"
    list_select_related = ("session",)
    fieldsets = (
        (None, {"fields": ("session", "number", ("starts_at", "ends_at"), "place", "cancelled",
                           "is_published")}),
        (_("ประกาศเรียกประชุม"), {"fields": ("notice_published_on", "notice")}),
        (_("รายงานการประชุม"), {"fields": ("minutes_adopted_on",)}),
    )
    inlines = [AgendaItemInline, MeetingDocumentInline, AttendanceInline]


class VoteInline(admin.TabularInline):
    model = Vote
    fields = ("member", "choice")
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("__str__", "meeting", "reading", "outcome")
    list_filter = ("outcome", "reading")
    search_fields = ("title", "resolution")
    list_select_related = ("meeting__session",)
    autocomplete_fields = ("motion",)
    inlines = [VoteInline]


@admin.register(Motion)
class MotionAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "kind", "submitted_on")
    list_filter = ("kind",)
    search_fields = ("reference", "title", "summary")
    autocomplete_fields = ("catalogue_document",)
