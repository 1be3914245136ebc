"""E-Service in the admin: the catalogue (request types, units, holidays, legal grounds) for
editors, and each unit's queue of requests for its own staff (services.queue)."""
import re
from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from kpp_portal.admin import DeadlineFilter, WithoutBulkDelete
from kpp_portal.models import StaffProfile
from kpp_portal.thai import be_year, format_thai_date

from . import queue
from .models import (
    QUEUE_PERMISSION,
    SINGLE_KINDS,
    AppealRoute,
    FieldKind,
    Holiday,
    RefusalGround,
    RequestField,
    RequestType,
    ServiceRequest,
    ServiceUnit,
    due_soon_until,
)
from .statistics import available_years
from .workdays import years_without_holidays


class RequestFieldFormSet(BaseInlineFormSet):
    def clean(self):
        """A location, phone, e-mail, photos or attachments field once per type: the model keeps
        each in one place (the database refuses a second; this says so in Thai first)."""
        super().clean()
        kinds = [form.cleaned_data.get("kind") for form in self.forms
                 if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        twice = {kind for kind in kinds if kind in SINGLE_KINDS and kinds.count(kind) > 1}
        if twice:
            raise ValidationError(_("ช่องชนิด %(kinds)s มีได้ช่องเดียวต่อประเภทคำร้อง") % {
                "kinds": ", ".join(str(FieldKind(kind).label) for kind in sorted(twice))})


class RequestFieldInline(admin.TabularInline):
    model = RequestField
    formset = RequestFieldFormSet
    extra = 0


@admin.register(RequestType)
class RequestTypeAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "time_limit_days", "is_information_request", "is_active", "order")
    list_filter = ("unit", "is_information_request", "is_active")
    list_editable = ("order",)
    search_fields = ("title",)
    autocomplete_fields = ("form_document", "manual_document")
    inlines = [RequestFieldInline]


@admin.register(ServiceUnit)
class ServiceUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "group_name", "email", "order")
    readonly_fields = ("group_name",)

    @admin.display(description=_("กลุ่มเจ้าหน้าที่ (เพิ่มผู้ใช้เข้ากลุ่มนี้ใน ผู้ใช้ › กลุ่ม)"))
    def group_name(self, unit):
        return unit.group.name if unit.group_id else "—"


class HolidayYearFilter(admin.SimpleListFilter):
    title = _("ปี พ.ศ.")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Holiday.objects.dates("date", "year", "DESC")
        return [(str(day.year), str(be_year(day.year))) for day in years]

    def queryset(self, request, queryset):
        return queryset.filter(date__year=int(self.value())) if self.value() else queryset


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date_display", "name")
    list_filter = (HolidayYearFilter,)
    search_fields = ("name",)

    @admin.display(description=_("วันที่"), ordering="date")
    def date_display(self, holiday):
        return format_thai_date(holiday.date, long=True)


@admin.register(AppealRoute)
class AppealRouteAdmin(admin.ModelAdmin):
    list_display = ("title", "days_to_appeal")


@admin.register(RefusalGround)
class RefusalGroundAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "appeal", "order")
    list_select_related = ("appeal",)


# -- the queue ---------------------------------------------------------------------------------
REFERENCE_PATTERN = re.compile(r"EB-\d{4}-\d{4,}")

class RequestTypeFilter(admin.SimpleListFilter):
    title = _("ประเภทคำร้อง")
    parameter_name = "type"

    def lookups(self, request, model_admin):
        return list(RequestType.objects.values_list("pk", "title"))

    def queryset(self, request, queryset):
        return queryset.filter(request_type=self.value()) if self.value() else queryset


class FiscalYearFilter(admin.SimpleListFilter):
    title = _("ปีงบประมาณ")
    parameter_name = "fiscal_year"

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in available_years()]

    def queryset(self, request, queryset):
        return queryset.filter(fiscal_year=int(self.value())) if self.value() else queryset


class AssignedFilter(admin.SimpleListFilter):
    title = _("ผู้รับผิดชอบ")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("มอบหมายให้ฉัน")), ("nobody", _("ยังไม่มอบหมาย"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class UnitFilter(admin.SimpleListFilter):
    """Only for staff of several units: which of their units."""

    title = _("หน่วยงาน")
    parameter_name = "unit"

    def lookups(self, request, model_admin):
        units = ServiceUnit.objects.filter(pk__in=queue.unit_ids(request.user))
        return [(unit.pk, unit.name) for unit in units] if len(queue.unit_ids(request.user)) > 1 else []

    def queryset(self, request, queryset):
        return queryset.filter(unit=self.value()) if self.value() else queryset


@admin.register(ServiceRequest)
class ServiceRequestAdmin(WithoutBulkDelete, admin.ModelAdmin):
    list_display = ("reference", "subject", "request_type", "received_display", "due_display", "status",
                    "assigned_display")
    list_filter = ("status", RequestTypeFilter, FiscalYearFilter, DeadlineFilter, AssignedFilter, UnitFilter)
    list_select_related = ("request_type", "assigned_to__staff_profile")
    search_fields = ("=reference", "subject")
    list_per_page = 50
    show_full_result_count = False  # one COUNT less per page over tens of thousands of rows

    class Media:
        css = {"all": ("kpp_portal/queue.css", "services/admin.css")}

    # -- need to know: membership of a unit's group, never superuser status -----------------
    def has_module_permission(self, request):
        # Asked on every admin page: the permission (which each unit's group holds) is answered
        # from the user's cached permissions, so only unit staff and superusers pay a query.
        return request.user.has_perm(QUEUE_PERMISSION) and queue.may_work(request.user)

    def has_view_permission(self, request, obj=None):
        return queue.may_work(request.user) and (obj is None or obj.unit_id in queue.unit_ids(request.user))

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False  # requests come from the public form

    def has_delete_permission(self, request, obj=None):
        return False  # the record of a request stays; it is closed, not deleted

    def get_queryset(self, request):
        return queue.visible_requests(request.user)

    def get_ordering(self, request):
        # Open requests first by deadline (so overdue, then due soon, lead); then the closed
        # ones, most recently closed first. An index serves this order (no sort of the queue).
        return [F("closed_at").desc(nulls_first=True), "due_date", "-pk"]

    def get_search_results(self, request, queryset, search_term):
        """A reference finds that request (through its unique index); any other text searches
        the subjects."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if REFERENCE_PATTERN.fullmatch(term.upper()):
            return queryset.filter(reference=term.upper()), False
        return queryset.containing("subject", term), False

    # -- list columns ----------------------------------------------------------------------
    @admin.display(description=_("ผู้รับผิดชอบ"), ordering="assigned_to")
    def assigned_display(self, item):
        return StaffProfile.name_of(item.assigned_to) or "-"

    @admin.display(description=_("วันที่รับ"), ordering="received_at")
    def received_display(self, item):
        return format_thai_date(item.received_at)

    @admin.display(description=_("กำหนดแล้วเสร็จ"), ordering="due_date")
    def due_display(self, item):
        state = item.deadline_state(self._today, self._soon_until)
        label = {"overdue": gettext("เกินกำหนด"), "due_soon": gettext("ใกล้ครบกำหนด")}.get(state, "")
        return format_html('<span class="deadline {}">{}{}</span>', state, format_thai_date(item.due_date),
                           format_html(" <strong>({})</strong>", label) if label else "")

    def changelist_view(self, request, extra_context=None):
        # Today and the due-soon boundary once per page, not once per row.
        self._today = timezone.localdate()
        self._soon_until = due_soon_until(self._today)
        missing = years_without_holidays([self._today.year, self._today.year + 1])
        if missing and queue.may_work(request.user):
            messages.warning(request, gettext(
                "ยังไม่ได้บันทึกวันหยุดราชการของปี พ.ศ. %(years)s กำหนดเวลาในปีนั้นจึงไม่เว้นวันหยุดราชการ "
                "(แจ้งผู้ดูแลให้เพิ่มในเมนู วันหยุดราชการ)") % {"years": ", ".join(str(be_year(y)) for y in missing)})
        units = ServiceUnit.objects.filter(pk__in=queue.unit_ids(request.user)).values_list("name", flat=True)
        if units := list(units):  # the page names whose requests it lists
            extra_context = {"title": gettext("คำร้องของ%(units)s") % {"units": " และ".join(units)},
                             **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    # -- the case page and its steps ---------------------------------------------------------
    def get_urls(self):
        def step(view):
            guarded = queue.guarded(partial(view, self))
            if getattr(view, "post_only", False):
                guarded = require_POST(guarded)
            return self.admin_site.admin_view(guarded)

        info = "services_servicerequest"
        custom = [
            path("<int:object_id>/assign/", step(queue.assign), name=f"{info}_assign"),
            path("<int:object_id>/note/", step(queue.note), name=f"{info}_note"),
            path("<int:object_id>/reply/", step(queue.reply), name=f"{info}_reply"),
            path("<int:object_id>/transfer/", step(queue.transfer), name=f"{info}_transfer"),
            path("<int:object_id>/close/", step(queue.close), name=f"{info}_close"),
            path("<int:object_id>/register/", step(queue.register), name=f"{info}_register"),
            path("<int:object_id>/appeal/", step(queue.appeal), name=f"{info}_appeal"),
            path("<int:object_id>/identity/", step(queue.identity), name=f"{info}_identity"),
            path("<int:object_id>/personal-data/", step(queue.personal_data_file),
                 name=f"{info}_personal_data"),
            path("<int:object_id>/file/<int:file_id>/", step(queue.download), name=f"{info}_file"),
        ]
        return custom + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():
            raise Http404
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])  # every step has its own URL
        return queue.guarded(self._case)(request, object_id)

    def _case(self, request, service_request):
        context = {**self.admin_site.each_context(request), "opts": self.model._meta}
        forms = queue.refused_forms(request, service_request)
        return queue.case_page(request, service_request, context, forms)
