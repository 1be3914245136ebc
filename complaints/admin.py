"""The legal-affairs queue in Django admin, and the admin pages of the accounts that reach it.

Every complaint admin URL (changelist, case page, history, delete, add/intake, exports, file
downloads, reveal, print, verification, enrolment, access requests) goes through
access.guarded, and every has_*_permission asks access.* too, because the site-wide
autocomplete and the admin index call those directly. Superusers get nothing from being
superusers here. The pages themselves are functions in complaints/queue.py.
"""
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.urls import URLPattern, path
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints.roles import COMPLAINT_GROUPS
from kpp_portal.admin import DeadlineFilter, WithoutBulkDelete, WrittenElsewhere
from kpp_portal.models import StaffProfile
from kpp_portal.thai import format_thai_date

from . import access, centre, desk, duplicates, memo, queue, services, twofactor
from .models import AccessRequest, AuditEntry, CorruptionReport, HistoricalFigures

DEADLINE_LABELS = {"overdue": gettext_lazy("เกินกำหนด"), "due_soon": gettext_lazy("ใกล้ครบกำหนด")}


def _deadline_cell(report, due, applies):
    state = report.deadline_state() if applies else ""
    label = DEADLINE_LABELS.get(state, "")
    return format_html('<span class="deadline {}">{}{}</span>', state, format_thai_date(due),
                       format_html(" <strong>({})</strong>", label) if label else "")


def _deadline_title(text, setting):
    """A column title naming the deadline in force (COMPLAINT_*_DAYS), read when it is shown."""
    return lazy(lambda: str(text) % {"days": getattr(settings, setting)}, str)()


def _guard_patterns(admin_site, patterns, allowed=access.may_enter, needs_otp=True):
    return [
        URLPattern(p.pattern, access.guarded(admin_site.admin_view(p.callback), allowed, needs_otp),
                   p.default_args, p.name)
        for p in patterns
    ]


class AssignedFilter(admin.RelatedOnlyFieldListFilter):
    """The officers some report is assigned to: one index probe per person, not a pass over
    every report as the stock filter's IN (SELECT DISTINCT …) makes."""

    def field_choices(self, field, request, model_admin):
        theirs = model_admin.get_queryset(request).filter(**{self.field_path: OuterRef("pk")})
        return field.get_choices(include_blank=False, limit_choices_to=Q(Exists(theirs)),
                                 ordering=self.field_admin_ordering(field, request, model_admin))


class HandledByLegalAffairs(WithoutBulkDelete):
    """Added, changed and deleted only by a legal officer who has passed the second factor, each
    record through its own delete page."""

    def has_add_permission(self, request):
        return access.may_handle(request)

    def has_change_permission(self, request, obj=None):
        return access.may_handle(request)

    def has_delete_permission(self, request, obj=None):
        return access.may_handle(request)


class RepeatMarkingChangeList(ChangeList):
    """The queue's page, each report marked when it likely repeats an earlier one (duplicates.py)."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = duplicates.mark_likely_repeats(request.user, self.result_list)


@admin.register(CorruptionReport)
class CorruptionReportAdmin(HandledByLegalAffairs, admin.ModelAdmin):
    list_display = ("reference_display", "category", "channel", "received_display", "status",
                    "assigned_display", "acknowledge_due_display", "conclude_due_display", "identity_flag")
    list_filter = ("status", "channel", "category", "fiscal_year",
                   ("assigned_to", AssignedFilter), DeadlineFilter)
    search_fields = ("reference",)
    list_select_related = ("assigned_to__staff_profile", "repeats")
    list_per_page = 50
    # The case page (queue.case) leads back to the whole queue: the filters kept in each row's
    # link were never read, and working them out resolved every link through the URL table.
    preserve_filters = False

    class Media:
        css = {"all": ("kpp_portal/queue.css", "complaints/admin.css")}

    # -- permissions: group membership and a verified second factor, never superuser status --
    def has_module_permission(self, request):
        return access.may_enter(request.user)

    def has_view_permission(self, request, obj=None):
        return access.may_view_report(request, obj)

    def get_queryset(self, request):
        # Not super(): it orders by get_ordering() before the "urgency" annotation exists.
        # The list shows no text: nothing to decrypt, no data key to open.
        queryset = CorruptionReport.objects.with_deadline_order().defer(*CorruptionReport.SEALED_FIELDS)
        if not access.is_verified(request):
            return queryset.none()
        return access.visible_reports(request.user, queryset)

    def get_ordering(self, request):
        return ["urgency", "next_due_date", "received_on", "pk"]

    def get_search_results(self, request, queryset, search_term):
        if not access.may_view_report(request):
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    # -- list columns ----------------------------------------------------------------------
    @admin.display(description=gettext_lazy("เจ้าหน้าที่ผู้รับผิดชอบ"), ordering="assigned_to")
    def assigned_display(self, report):
        return StaffProfile.name_of(report.assigned_to) or "-"

    @admin.display(description=gettext_lazy("วันที่รับเรื่อง"), ordering="received_on")
    def received_display(self, report):
        return format_thai_date(report.received_on)

    @admin.display(description=_deadline_title(gettext_lazy("กำหนดตอบรับ (%(days)s วัน)"),
                                               "COMPLAINT_ACKNOWLEDGE_DAYS"), ordering="acknowledge_due")
    def acknowledge_due_display(self, report):
        return _deadline_cell(report, report.acknowledge_due, report.status == "received")

    @admin.display(description=_deadline_title(gettext_lazy("กำหนดแจ้งผล (%(days)s วัน)"),
                                               "COMPLAINT_CONCLUDE_DAYS"), ordering="conclude_due")
    def conclude_due_display(self, report):
        return _deadline_cell(report, report.conclude_due, report.status != "received")

    @admin.display(description=gettext_lazy("ข้อมูลผู้แจ้ง"), boolean=False)
    def identity_flag(self, report):
        return _("มี (ซ่อนไว้)") if report.has_reporter_identity else _("ไม่ระบุตัวตน")

    @admin.display(description=gettext_lazy("เลขที่เรื่อง"), ordering="reference")
    def reference_display(self, report):
        """The reference, and under it the report it repeats (linked) or likely repeats."""
        if report.repeats_id:
            mark = format_html('<span class="repeat-mark">{}</span>', _("ซ้ำกับ %(reference)s") % {
                "reference": report.repeats.reference})
        elif getattr(report, "likely_repeat", None) is not None:
            said = _("อาจซ้ำกับ %(reference)s") % {"reference": report.likely_repeat.reference}
            mark = format_html('<strong class="repeat-mark likely-repeat">{}</strong>', said)
        else:
            return report.reference
        return format_html('<span class="reference">{}</span><br>{}', report.reference, mark)

    def get_changelist(self, request, **kwargs):
        return RepeatMarkingChangeList

    # -- URLs: the pages live in queue.py ----------------------------------------------------
    def get_urls(self):
        case = "<int:object_id>/"
        pages = [
            path("desk/", desk.desk, name="complaints_corruptionreport_desk"),
            path("export/", queue.export, name="complaints_corruptionreport_export"),
            path(f"{case}file/<int:file_id>/", queue.download, name="complaints_corruptionreport_download"),
            path(f"{case}reveal/", queue.reveal, name="complaints_corruptionreport_reveal"),
            path(f"{case}transition/", queue.transition, name="complaints_corruptionreport_transition"),
            path(f"{case}message/", queue.message, name="complaints_corruptionreport_message"),
            path(f"{case}assign/", queue.assign, name="complaints_corruptionreport_assign"),
            path(f"{case}print/", memo.print_report, name="complaints_corruptionreport_print"),
            path(f"{case}print.pdf", memo.print_report_pdf, name="complaints_corruptionreport_print_pdf"),
            path(f"{case}receipt/", queue.receipt, name="complaints_corruptionreport_receipt"),
            path(f"{case}repeat/", queue.link_repeat, name="complaints_corruptionreport_repeat"),
            path(f"{case}centre/", centre.record, name="complaints_corruptionreport_centre"),
        ]
        second_factor = [
            path("verify/", twofactor.verify, name="complaints_corruptionreport_verify"),
            path("verify/ask/", twofactor.ask_enrolment, name="complaints_corruptionreport_ask_enrolment"),
            path("verify/enrol/", twofactor.enrol, name="complaints_corruptionreport_enrol"),
        ]
        site = self.admin_site
        return (_guard_patterns(site, second_factor, needs_otp=False)
                + _guard_patterns(site, pages + super().get_urls()))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return queue.case(request, object_id)

    def add_view(self, request, form_url="", extra_context=None):
        return queue.intake(request)

    # -- deletion: through the one service that also purges -----------------------------------
    def delete_model(self, request, report):
        services.delete_report(report, by=request.user)

    def log_addition(self, request, obj, message):
        return None  # the hash-chained AuditEntry is the record; LogEntry would duplicate it

    def log_change(self, request, obj, message):
        return None


@admin.register(AuditEntry)
class AuditEntryAdmin(WrittenElsewhere, admin.ModelAdmin):
    """Readable by supervisors (with their second factor), writable by nobody."""

    list_display = ("created_at", "actor", "action", "report_reference", "detail")
    list_filter = ("action",)
    search_fields = ("report_reference", "actor")
    readonly_fields = list_display + ("previous_hash", "entry_hash")

    def _reader(self, request):
        return access.is_verified(request) and access.is_supervisor(request.user)

    def has_module_permission(self, request):
        return access.is_supervisor(request.user)

    def has_view_permission(self, request, obj=None):
        return self._reader(request)

    def get_queryset(self, request):
        return access.visible_audit(request.user, super().get_queryset(request))

    def get_urls(self):
        return _guard_patterns(self.admin_site, super().get_urls(), allowed=access.is_supervisor)


@admin.register(AccessRequest)
class AccessRequestAdmin(WrittenElsewhere, admin.ModelAdmin):
    """Requests waiting for a second person, for legal officers and supervisors (after TOTP).
    Nobody adds or edits them here: they come from membership changes and from the enrolment
    page, and are decided on their own page (queue.access_request_page)."""

    list_display = ("user", "kind", "group_name", "state", "requested_by", "requested_at", "decided_by",
                    "decided_at")
    list_filter = ("state", "kind")
    list_select_related = ("user", "requested_by", "decided_by")

    def has_module_permission(self, request):
        return access.may_enter(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_verified(request) and access.may_enter(request.user)

    def get_ordering(self, request):
        return ["-state", "-requested_at"]  # pending before approved/refused/withdrawn

    def get_urls(self):
        pages = [
            path("<int:object_id>/approve/", queue.approve, name="complaints_accessrequest_approve"),
            path("<int:object_id>/refuse/", queue.refuse, name="complaints_accessrequest_refuse"),
            path("keys/", queue.grants, name="complaints_accessrequest_grants"),
            path("keys/recovery/", queue.grant_recovery, name="complaints_accessrequest_grant_recovery"),
            path("keys/<int:user_id>/", queue.grant_keys, name="complaints_accessrequest_grant"),
        ]
        return _guard_patterns(self.admin_site, pages + super().get_urls())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return queue.access_request_page(request, object_id)


# Complaint staff land on their desk (after the second factor), not on the app index.
admin.site.home_pages.append(desk.home_page)

# -- the accounts around the queue ---------------------------------------------------------------
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class SecondFactorDeviceAdmin(WrittenElsewhere, admin.ModelAdmin):
    """Devices can be listed, never read, made or removed here: no key, no QR code or
    configuration page (django-otp's own admin has both), no adding a device for someone else,
    and no removing one, which would let one administrator leave the legal unit unable to pass
    TOTP. A person enrols their own device on the enrolment page."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields


class StaffGroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ("name", "permissions")

    def clean_name(self):
        name = self.cleaned_data["name"]
        old = self.instance.name if self.instance.pk else name
        if old != name and {old, name} & set(COMPLAINT_GROUPS):
            raise ValidationError(_("เปลี่ยนชื่อกลุ่มที่เข้าถึงเรื่องร้องเรียน หรือเปลี่ยนกลุ่มอื่นเป็นชื่อนั้นไม่ได้"))
        return name


admin.site.unregister(Group)


@admin.register(Group)
class StaffGroupAdmin(GroupAdmin):
    """The groups that reach reports keep their names and cannot be deleted: renaming another
    group to ฝ่ายนิติการ would seat its members without the two-person approval. (Signals in
    accounts.py refuse the same outside the admin.)"""

    form = StaffGroupForm

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.name in COMPLAINT_GROUPS:
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        refused = {str(group) for group in objs if group.name in COMPLAINT_GROUPS}
        return deleted, model_count, perms_needed | refused, protected


@admin.register(HistoricalFigures)
class HistoricalFiguresAdmin(HandledByLegalAffairs, admin.ModelAdmin):
    """Figures the legal-affairs unit states for complaints outside the portal (the years before
    it, a round it certifies as empty). Same gate as the queue: legal affairs with TOTP only."""

    list_display = ("fiscal_year", "round", "received", "concluded", "in_progress", "stated_on", "source")
    list_filter = ("round",)
    readonly_fields = ("recorded_by", "recorded_at")

    def has_module_permission(self, request):
        return access.is_legal(request.user)

    def has_view_permission(self, request, obj=None):
        return access.may_handle(request)

    def get_urls(self):
        return _guard_patterns(self.admin_site, super().get_urls(), allowed=access.is_legal)

    def save_model(self, request, obj, form, change):
        # A stated figure shows at once: a staff save empties the page cache like any portal
        # app's (kpp_portal.pagecache.portal_data_changed).
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
