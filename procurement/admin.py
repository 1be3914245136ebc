from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kpp_portal import importing as spreadsheet_import
from kpp_portal import roles, thai
from kpp_portal.admin_dates import BuddhistDateField
from kpp_portal.notices import pdf_response

from . import notices
from .forms import PlanImportForm
from .models import (
    Announcement,
    AnnouncementKind,
    Award,
    Bid,
    CommitteeMember,
    ContractProgress,
    HearingComment,
    PlanItem,
    PlanRevision,
    ProcurementPlan,
    ProcurementProject,
    ProcurementThreshold,
    ProcurementTraining,
    ProcurementYearReview,
    TenderItem,
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
    actions = ["print_notice"]

    @admin.action(description=gettext_lazy("พิมพ์ประกาศแผน (PDF A4 พร้อมคิวอาร์โค้ด)"))
    def print_notice(self, request, queryset):
        plan = queryset.order_by("-fiscal_year").first()
        return pdf_response(notices.plan_pdf(plan), f"notice-plan-{plan.fiscal_year}.pdf")

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
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="procurement_planitem_import")] + super().get_urls()

    def import_view(self, request):
        """Upload → preview with row-level errors → confirm; nothing is saved unless every row is valid."""
        return spreadsheet_import.import_view(
            self, request, PlanImportForm, IMPORT_SESSION_KEY,
            title=_("นำเข้ารายการแผนจัดซื้อจัดจ้างจากไฟล์"),
            done_url=lambda target: (reverse("admin:procurement_planitem_changelist")
                                     + f"?plan__id__exact={target['plan']}"))


class AnnouncementInline(admin.StackedInline):
    model = Announcement
    extra = 0
    fields = ("kind", "title", "announced_on", "document", "hearing_opens_on", "hearing_closes_on")


class BidInline(admin.TabularInline):
    model = Bid
    extra = 0


class TenderItemInline(admin.TabularInline):
    model = TenderItem
    extra = 0


class CommitteeMemberInline(admin.TabularInline):
    """The three committees and each member's signed declaration of no conflict of interest."""

    model = CommitteeMember
    extra = 0
    fields = ("role", "name", "position", "declared_on", "declaration")


class AwardFormSet(forms.BaseInlineFormSet):
    """Checks the contract date against an invitation typed on the same page, not yet saved."""

    def _posted_invitation_day(self):
        prefix, days = "announcements", []
        date_field = BuddhistDateField()
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
    actions = ["print_notice"]
    inlines = [TenderItemInline, CommitteeMemberInline, AnnouncementInline, BidInline, AwardInline]


    @admin.action(description=gettext_lazy("พิมพ์ประกาศล่าสุดของโครงการ (PDF A4 พร้อมคิวอาร์โค้ด)"))
    def print_notice(self, request, queryset):
        announcement = (Announcement.objects.filter(project__in=queryset).select_related("project")
                        .order_by("-announced_on", "-pk").first())
        if announcement is None:
            self.message_user(request, _("โครงการที่เลือกยังไม่มีประกาศ"), level="warning")
            return None
        return pdf_response(notices.announcement_pdf(announcement),
                            f"notice-announcement-{announcement.pk}.pdf")


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


class ContractProgressFormSet(forms.BaseInlineFormSet):
    """Payments typed on the same page must not add up to more than the contract."""

    def clean(self):
        super().clean()
        paid = sum(form.cleaned_data.get("amount") or 0 for form in self.forms
                   if form.cleaned_data and not form.cleaned_data.get("DELETE")
                   and form.cleaned_data.get("stage") == ContractProgress.Stage.PAID)
        if self.instance.pk and paid > self.instance.contract_amount:
            raise ValidationError(_("ยอดเบิกจ่ายรวม %(paid)s บาท เกินมูลค่าตามสัญญา %(amount)s บาท") % {
                "paid": thai.format_baht(paid), "amount": thai.format_baht(self.instance.contract_amount)})


class ContractProgressInline(admin.TabularInline):
    model = ContractProgress
    formset = ContractProgressFormSet
    extra = 1


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    """Each contract after it is signed: its progress, delivery, inspection and payments."""

    list_display = ("contract_number", "project", "contract_date", "contract_end", "stage")
    search_fields = ("contract_number", "project__egp_number", "project__title")
    list_select_related = ("project",)
    readonly_fields = ("project", "winning_bid", "contract_amount", "contract_number", "contract_date")
    fields = readonly_fields + ("contract_end",)
    inlines = [ContractProgressInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("progress")

    @admin.display(description=gettext_lazy("ขั้นตอนล่าสุด"))
    def stage(self, award):
        return award.progress_summary()[0]

    def has_add_permission(self, request):
        return False  # a contract is entered with its project

    def view_on_site(self, award):
        return award.project.get_absolute_url() + "#progress"


@admin.register(ProcurementYearReview)
class ProcurementYearReviewAdmin(admin.ModelAdmin):
    list_display = ("fiscal_year", "written_on")


@admin.register(ProcurementTraining)
class ProcurementTrainingAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "course", "attended_on", "hours", "organiser")
    search_fields = ("name", "course", "organiser")
    date_hierarchy = "attended_on"
