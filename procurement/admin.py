from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kpp_portal import roles

from . import importing
from .forms import PlanImportForm
from .models import (
    Announcement,
    AnnouncementKind,
    Award,
    Bid,
    HearingComment,
    PlanItem,
    PlanRevision,
    ProcurementPlan,
    ProcurementProject,
    ProcurementThreshold,
)

IMPORT_SESSION_KEY = "procurement-plan-import"


@admin.register(ProcurementThreshold)
class ProcurementThresholdAdmin(admin.ModelAdmin):
    list_display = ("method", "effective_fiscal_year", "above", "up_to", "legal_basis")
    list_filter = ("method",)


class PlanRevisionInline(admin.TabularInline):
    model = PlanRevision
    extra = 0


@admin.register(ProcurementPlan)
class ProcurementPlanAdmin(admin.ModelAdmin):
    list_display = ("fiscal_year", "budget_approved_on", "published_on", "days_to_publish", "published_late")
    inlines = [PlanRevisionInline]

    @admin.display(description=gettext_lazy("จำนวนวันหลังงบประมาณอนุมัติ"))
    def days_to_publish(self, plan):
        return plan.days_to_publish

    @admin.display(description=gettext_lazy("เผยแพร่ช้ากว่า 30 วัน"), boolean=True)
    def published_late(self, plan):
        return plan.published_late


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "budget", "method", "planned_month", "division")
    list_filter = ("plan", "method", "source_of_funds")
    search_fields = ("title", "division")
    list_select_related = ("plan",)
    change_list_template = "procurement/admin/planitem_changelist.html"

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="procurement_planitem_import")
        ] + super().get_urls()

    def import_view(self, request):
        """Upload → preview with row-level errors → confirm; nothing is saved unless every row is valid."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "title": _("นำเข้ารายการแผนจัดซื้อจัดจ้างจากไฟล์"), "columns": importing.COLUMNS.values()}
        if request.method == "POST" and "confirm" in request.POST:
            pending = request.session.get(IMPORT_SESSION_KEY)
            if not pending:
                messages.error(request, _("ไม่พบข้อมูลที่รอนำเข้า กรุณาอัปโหลดไฟล์อีกครั้ง"))
                return redirect("admin:procurement_planitem_import")
            plan = ProcurementPlan.objects.get(pk=pending["plan"])
            revision = (
                PlanRevision.objects.filter(pk=pending["revision"]).first() if pending["revision"] else None
            )
            try:
                count = importing.save(plan, pending["rows"], revision)
            except ValidationError as error:
                messages.error(request, error.messages[0])
                return redirect("admin:procurement_planitem_import")
            del request.session[IMPORT_SESSION_KEY]
            self.log_change(request, plan, _("นำเข้ารายการแผน %(count)s รายการจากไฟล์") % {"count": count})
            messages.success(request, _("นำเข้า %(count)s รายการแล้ว") % {"count": count})
            return redirect(reverse("admin:procurement_planitem_changelist") + f"?plan__id__exact={plan.pk}")
        form = PlanImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            plan = form.cleaned_data["plan"]
            checked = importing.check(plan, form.cleaned_data["rows"])
            valid = not any(row[2] for row in checked)
            if valid:
                revision = form.cleaned_data["revision"]
                request.session[IMPORT_SESSION_KEY] = {
                    "plan": plan.pk, "revision": revision.pk if revision else None,
                    "rows": [row[1] for row in checked]}
            else:
                request.session.pop(IMPORT_SESSION_KEY, None)
            context.update(plan=plan, checked=checked, valid=valid,
                           error_count=sum(1 for row in checked if row[2]))
        context["form"] = form
        return TemplateResponse(request, "procurement/admin/import.html", context)


class AnnouncementInline(admin.StackedInline):
    model = Announcement
    extra = 0
    fields = ("kind", "title", "announced_on", "document", "hearing_opens_on", "hearing_closes_on")


class BidInline(admin.TabularInline):
    model = Bid
    extra = 0


class AwardFormSet(forms.BaseInlineFormSet):
    """Checks the contract date against an invitation typed on the same page, not yet saved."""

    def _posted_invitation_day(self):
        prefix, days = "announcements", []
        date_field = forms.DateField()
        for n in range(int(self.data.get(f"{prefix}-TOTAL_FORMS") or 0)):
            if self.data.get(f"{prefix}-{n}-kind") != AnnouncementKind.INVITATION or \
                    self.data.get(f"{prefix}-{n}-DELETE"):
                continue
            try:
                days.append(date_field.clean(self.data.get(f"{prefix}-{n}-announced_on")))
            except ValidationError:
                continue  # the announcement's own form reports its bad date
        return min(days, default=None)

    def clean(self):
        super().clean()
        invitation_day = self._posted_invitation_day()
        for form in self.forms:
            if form.cleaned_data and not form.cleaned_data.get("DELETE"):
                error = form.instance.contract_date_error(invitation_day)
                if error:
                    form.add_error("contract_date", error)


class AwardInline(admin.StackedInline):
    model = Award
    formset = AwardFormSet
    extra = 0
    max_num = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The winner is chosen among this project's own bidders only.
        formset.form.base_fields["winning_bid"].queryset = obj.bids.all() if obj else Bid.objects.none()
        return formset


@admin.register(ProcurementProject)
class ProcurementProjectAdmin(admin.ModelAdmin):
    list_display = ("egp_number", "title", "method", "reference_price", "plan_item")
    list_filter = ("method", "plan_item__plan")
    search_fields = ("egp_number", "title")
    autocomplete_fields = ("plan_item",)
    inlines = [AnnouncementInline, BidInline, AwardInline]


class AnsweredFilter(admin.SimpleListFilter):
    title = gettext_lazy("การชี้แจง")
    parameter_name = "answered"

    def lookups(self, request, model_admin):
        return [("no", _("ยังไม่ชี้แจง")), ("yes", _("ชี้แจงแล้ว"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(response="")
        if self.value() == "yes":
            return queryset.exclude(response="")
        return queryset


@admin.register(HearingComment)
class HearingCommentAdmin(admin.ModelAdmin):
    """Comments may carry a name and contact (personal data): the procurement group only."""

    list_display = ("announcement", "submitted_at", "answered", "tor_changed")
    list_filter = (AnsweredFilter, "tor_changed")
    fields = ("announcement", "submitted_at", "name", "contact", "body", "response", "tor_changed",
              "responded_by", "responded_at")
    readonly_fields = ("announcement", "submitted_at", "name", "contact", "body", "responded_by",
                       "responded_at")
    list_select_related = ("announcement",)

    @admin.display(description=gettext_lazy("ชี้แจงแล้ว"), boolean=True)
    def answered(self, comment):
        return bool(comment.response)

    def _officer(self, request):
        return roles.in_group(request.user, roles.PROCUREMENT_OFFICERS)

    def has_module_permission(self, request):
        return self._officer(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._officer(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._officer(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return False  # comments come from the public page only

    def has_delete_permission(self, request, obj=None):
        return self._officer(request) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if "response" in form.changed_data:
            obj.record_response(request.user)
        super().save_model(request, obj, form, change)
