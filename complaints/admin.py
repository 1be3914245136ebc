"""The legal-affairs queue in Django admin.

Every complaint admin URL (changelist, case page, history, delete, add/intake, exports, file
downloads, reveal, print, verification) goes through access.guarded, and every has_*_permission
asks access.* too, because the site-wide autocomplete and the admin index call those directly.
Superusers get nothing from being superusers here.
"""
import csv
import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.forms import OTPTokenForm

from kpp_portal.admin import DeadlineFilter
from kpp_portal.uploads import content_type, extension

from . import access, crypto, services
from .forms import AssignForm, IntakeForm, RevealForm, StaffMessageForm, TransitionForm
from .models import AuditEntry, CorruptionReport, ReportMessage, private_storage

Action = AuditEntry.Action


def _deadline_cell(report, due, applies):
    state = report.deadline_state() if applies else ""
    label = {"overdue": _("เกินกำหนด"), "due_soon": _("ใกล้ครบกำหนด")}.get(state, "")
    from kpp_portal.thai import format_thai_date

    return format_html('<span class="deadline {}">{}{}</span>', state, format_thai_date(due),
                       format_html(" <strong>({})</strong>", label) if label else "")


def _guard_patterns(patterns, allowed=access.may_enter, needs_otp=True):
    return [
        URLPattern(p.pattern, access.guarded(p.callback, allowed, needs_otp), p.default_args, p.name)
        for p in patterns
    ]


@admin.register(CorruptionReport)
class CorruptionReportAdmin(admin.ModelAdmin):
    list_display = ("reference", "category", "channel", "received_display", "status", "assigned_to",
                    "acknowledge_due_display", "conclude_due_display", "identity_flag")
    list_filter = ("status", "channel", "category", "fiscal_year", ("assigned_to", admin.RelatedOnlyFieldListFilter),
                   DeadlineFilter)
    search_fields = ("reference",)
    list_select_related = ("assigned_to",)
    list_per_page = 50

    class Media:
        css = {"all": ("complaints/admin.css",)}

    # -- permissions: group membership and a verified second factor, never superuser status --
    def has_module_permission(self, request):
        return access.may_enter(request.user)

    def has_view_permission(self, request, obj=None):
        return access.may_view_report(request, obj)

    def has_add_permission(self, request):
        return access.may_handle(request)

    def has_change_permission(self, request, obj=None):
        return access.may_handle(request)

    def has_delete_permission(self, request, obj=None):
        return access.may_handle(request)

    def get_queryset(self, request):
        # Not super(): it orders by get_ordering() before the "urgency" annotation exists.
        queryset = CorruptionReport.objects.with_deadline_order()
        return access.visible_reports(request.user, queryset) if access.is_verified(request) else queryset.none()

    def get_ordering(self, request):
        return ["urgency", "next_due_date", "received_at"]

    def get_search_results(self, request, queryset, search_term):
        if not access.may_view_report(request):
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    # -- list columns ----------------------------------------------------------------------
    @admin.display(description=gettext_lazy("วันที่รับเรื่อง"), ordering="received_at")
    def received_display(self, report):
        from kpp_portal.thai import format_thai_date

        return format_thai_date(report.received_at)

    @admin.display(description=gettext_lazy("กำหนดตอบรับ (15 วัน)"), ordering="acknowledge_due")
    def acknowledge_due_display(self, report):
        return _deadline_cell(report, report.acknowledge_due, report.status == "received")

    @admin.display(description=gettext_lazy("กำหนดแจ้งผล (90 วัน)"), ordering="conclude_due")
    def conclude_due_display(self, report):
        return _deadline_cell(report, report.conclude_due, report.status != "received")

    @admin.display(description=gettext_lazy("ข้อมูลผู้แจ้ง"), boolean=False)
    def identity_flag(self, report):
        return _("มี (ซ่อนไว้)") if report.has_reporter_identity else _("ไม่ระบุตัวตน")

    # -- URLs ----------------------------------------------------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        custom = [
            path("export/", wrap(self.export_view), name="complaints_corruptionreport_export"),
            path("<int:object_id>/file/<int:file_id>/", wrap(self.download_view),
                 name="complaints_corruptionreport_download"),
            path("<int:object_id>/reveal/", wrap(self.reveal_view), name="complaints_corruptionreport_reveal"),
            path("<int:object_id>/transition/", wrap(self.transition_view),
                 name="complaints_corruptionreport_transition"),
            path("<int:object_id>/message/", wrap(self.message_view), name="complaints_corruptionreport_message"),
            path("<int:object_id>/assign/", wrap(self.assign_view), name="complaints_corruptionreport_assign"),
            path("<int:object_id>/print/", wrap(self.print_view), name="complaints_corruptionreport_print"),
            path("<int:object_id>/receipt/", wrap(self.receipt_view), name="complaints_corruptionreport_receipt"),
        ]
        verify = [path("verify/", wrap(self.verify_view), name="complaints_corruptionreport_verify")]
        return _guard_patterns(verify, needs_otp=False) + _guard_patterns(custom + super().get_urls())

    def _report(self, request, object_id, write=False):
        report = get_object_or_404(access.visible_reports(request.user, CorruptionReport.objects.all()), pk=object_id)
        if not (access.may_handle(request) if write else access.may_view_report(request, report)):
            raise PermissionDenied
        return report

    def _case_url(self, report):
        return reverse("admin:complaints_corruptionreport_change", args=[report.pk])

    # -- the case page (replaces the change form) -----------------------------------------
    def change_view(self, request, object_id, form_url="", extra_context=None, *, forms=None, revealed=None):
        if not str(object_id).isdigit():
            raise Http404
        report = self._report(request, object_id)
        if request.method != "GET" and revealed is None:
            raise PermissionDenied  # every write has its own audited URL
        if revealed is None:
            AuditEntry.record(request.user, Action.VIEW, report)
        forms = forms or {}
        handler = access.may_handle(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "title": report.reference, "report": report,
            "may_handle": handler, "revealed": revealed,
            "timeline": report.status_changes.select_related("changed_by"),
            "conversation": report.messages.select_related("author").prefetch_related("files"),
            "report_files": report.files.filter(message__isnull=True),
            "transition_form": forms.get("transition") or (TransitionForm(report) if handler else None),
            "message_form": forms.get("message") or (
                StaffMessageForm(initial={"kind": ReportMessage.Kind.INTERNAL_NOTE}) if handler else None),
            "assign_form": forms.get("assign") or (AssignForm(initial={"assigned_to": report.assigned_to_id}) if handler else None),
            "reveal_form": forms.get("reveal") or (RevealForm() if handler else None),
        }
        status = 400 if forms else 200
        return render(request, "complaints/admin/case.html", context, status=status)

    def add_view(self, request, form_url="", extra_context=None):
        if not access.may_handle(request):
            raise PermissionDenied
        form = IntakeForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            received_at = timezone.make_aware(datetime.datetime.combine(data["received_on"], datetime.time(9)))
            report, receipt = services.file_report(
                category=data["category"], description=data["description"], accused=data["accused"],
                when_where=data["when_where"], reporter_identity=data["reporter_identity"],
                reporter_contact=data["reporter_contact"], files=data["prepared"], channel=data["channel"],
                received_at=received_at, with_receipt=data["issue_receipt"], registered_by=request.user,
            )
            if receipt:
                return self._render_receipt(request, report, receipt)
            messages.success(request, _("ลงทะเบียนเรื่อง %(ref)s แล้ว") % {"ref": report.reference})
            return redirect(self._case_url(report))
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "title": _("ลงทะเบียนเรื่องร้องเรียนจากช่องทางอื่น"), "form": form}
        return render(request, "complaints/admin/intake.html", context, status=400 if form.is_bound else 200)

    def _render_receipt(self, request, report, receipt):
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "report": report,
                   "receipt": crypto.format_receipt(receipt), "title": _("ใบรับเรื่องร้องเรียน")}
        response = render(request, "complaints/admin/receipt.html", context)
        response["Cache-Control"] = "no-store"
        return response

    # -- audited actions ------------------------------------------------------------------
    def reveal_view(self, request, object_id):
        report = self._report(request, object_id, write=True)
        if request.method != "POST":
            return redirect(self._case_url(report))
        form = RevealForm(request.POST)
        if not form.is_valid():
            return self.change_view(request, object_id, forms={"reveal": form}, revealed=False)
        AuditEntry.record(request.user, Action.REVEAL, report, form.cleaned_data["reason"])
        return self.change_view(request, object_id, revealed=True)

    @transaction.atomic
    def transition_view(self, request, object_id):
        report = self._report(request, object_id, write=True)
        if request.method != "POST":
            return redirect(self._case_url(report))
        form = TransitionForm(report, request.POST)
        if not form.is_valid():
            return self.change_view(request, object_id, forms={"transition": form}, revealed=False)
        data = form.cleaned_data
        report.transition(data["to_status"], by=request.user, note=data["note"], public_note=data["public_note"],
                          outcome=data["outcome"], escalate_to=data["escalate_to"])
        messages.success(request, _("เปลี่ยนสถานะเป็น “%(status)s” แล้ว") % {"status": report.get_status_display()})
        return redirect(self._case_url(report))

    def message_view(self, request, object_id):
        report = self._report(request, object_id, write=True)
        if request.method != "POST":
            return redirect(self._case_url(report))
        form = StaffMessageForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.change_view(request, object_id, forms={"message": form}, revealed=False)
        services.add_message(report, form.cleaned_data["kind"], form.cleaned_data["body"],
                             files=form.cleaned_data["prepared"], author=request.user)
        messages.success(request, _("บันทึกข้อความแล้ว"))
        return redirect(self._case_url(report))

    @transaction.atomic
    def assign_view(self, request, object_id):
        report = self._report(request, object_id, write=True)
        if request.method != "POST":
            return redirect(self._case_url(report))
        form = AssignForm(request.POST)
        if not form.is_valid():
            return self.change_view(request, object_id, forms={"assign": form}, revealed=False)
        report.assigned_to = form.cleaned_data["assigned_to"]
        report.save(update_fields=["assigned_to"])
        AuditEntry.record(request.user, Action.ASSIGN, report, getattr(report.assigned_to, "username", "-"))
        messages.success(request, _("มอบหมายเจ้าหน้าที่แล้ว"))
        return redirect(self._case_url(report))

    def receipt_view(self, request, object_id):
        """A new receipt for a person who came by another channel and wants to follow up online;
        any earlier receipt stops working."""
        report = self._report(request, object_id, write=True)
        if request.method != "POST":
            return redirect(self._case_url(report))
        receipt = report.issue_receipt()
        AuditEntry.record(request.user, Action.RECEIPT, report)
        return self._render_receipt(request, report, receipt)

    def download_view(self, request, object_id, file_id):
        report = self._report(request, object_id)
        evidence = get_object_or_404(report.files, pk=file_id)
        AuditEntry.record(request.user, Action.DOWNLOAD, report, f"file {evidence.pk} sha256 {evidence.sha256[:16]}")
        response = HttpResponse(evidence.read_plaintext(), content_type=content_type(evidence.kind))
        response["Content-Disposition"] = f'attachment; filename="{report.reference}-{evidence.pk}{extension(evidence.kind)}"'
        response["Cache-Control"] = "no-store"
        return response

    def print_view(self, request, object_id):
        report = self._report(request, object_id)
        AuditEntry.record(request.user, Action.PRINT, report)
        context = {**self.admin_site.each_context(request), "report": report, "title": report.reference,
                   "timeline": report.status_changes.select_related("changed_by"),
                   "notes": report.messages.select_related("author")}
        response = render(request, "complaints/admin/print.html", context)
        response["Cache-Control"] = "no-store"
        return response

    def export_view(self, request):
        """The queue as CSV: workflow facts only, never text or identity."""
        if not access.may_view_report(request):
            raise PermissionDenied
        reports = self.get_queryset(request).select_related("assigned_to")
        AuditEntry.record(request.user, Action.EXPORT, None, f"{reports.count()} reports")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="corruption-reports.csv"'
        response["Cache-Control"] = "no-store"
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(["reference", "category", "channel", "received_at", "status", "outcome", "assigned_to",
                         "acknowledge_due", "conclude_due"])
        for report in reports:
            writer.writerow([report.reference, report.category, report.channel, report.received_at.isoformat(),
                             report.status, report.outcome, getattr(report.assigned_to, "username", ""),
                             report.acknowledge_due, report.conclude_due])
        return response

    def verify_view(self, request):
        """The second factor (TOTP) before any complaint page."""
        next_url = request.GET.get("next") or reverse("admin:complaints_corruptionreport_changelist")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = reverse("admin:complaints_corruptionreport_changelist")
        form = OTPTokenForm(request.user, request, request.POST or None)
        if request.method == "POST" and form.is_valid():
            otp_login(request, request.user.otp_device)
            return redirect(next_url)
        device = next(devices_for_user(request.user), None)
        context = {**self.admin_site.each_context(request), "form": form, "next": next_url,
                   "title": _("ยืนยันตัวตนขั้นที่สอง"), "device": device}
        return render(request, "complaints/admin/verify.html", context, status=400 if form.is_bound else 200)

    # -- deletion: files too, and audited --------------------------------------------------
    def delete_model(self, request, report):
        self._delete_reports(request, [report])

    def delete_queryset(self, request, queryset):
        self._delete_reports(request, list(queryset))

    def _delete_reports(self, request, reports):
        for report in reports:
            names = [f.stored.name for f in report.files.all()]
            with transaction.atomic():
                AuditEntry.record(request.user, Action.DELETE, report)
                report.delete()
                transaction.on_commit(lambda names=names: [private_storage.delete(name) for name in names])

    def log_addition(self, request, obj, message):
        return None  # the hash-chained AuditEntry is the record; LogEntry would duplicate it

    def log_change(self, request, obj, message):
        return None


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return _guard_patterns(super().get_urls(), allowed=access.is_supervisor)
