"""The legal-affairs queue's own pages in the admin: the case page and its audited actions,
intake, file downloads, print, export and the decisions on access requests (the second factor's
pages are in twofactor.py).

Plain functions. complaints/admin.py maps its URLs to them and puts every one behind
access.guarded (login, group, idle timeout, TOTP); each also checks what it needs itself
(read or write access to this report), so a mistake in the URL table fails closed.
"""
from functools import wraps

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kpp_portal import refused
from kpp_portal.exports import export_response
from kpp_portal.models import StaffProfile
from kpp_portal.uploads import content_type, extension

from . import access, accounts, crypto, duplicates, keys, recipients, services, session
from .forms import (
    AssignForm,
    CentreForm,
    IntakeForm,
    RepeatForm,
    RevealForm,
    StaffMessageForm,
    TransitionForm,
)
from .models import (
    AccessRequest,
    AuditEntry,
    CentreReferral,
    CorruptionReport,
    Outcome,
    ReportMessage,
    Status,
)

Action = AuditEntry.Action


def _context(request, model=CorruptionReport, **extra):
    return {**admin.site.each_context(request), "opts": model._meta, **extra}


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def case_url(report):
    return reverse("admin:complaints_corruptionreport_change", args=[report.pk])


def readable_report(request, object_id):
    visible = access.visible_reports(request.user, CorruptionReport.objects.all())
    report = get_object_or_404(visible, pk=object_id)
    if not access.may_view_report(request, report):
        raise PermissionDenied
    return report


# -- the case page (the admin's change form) --------------------------------------------------------
def case_page(request, report, forms=None, revealed=False):
    """The case with its forms; a form that failed comes back with its errors (status 400)."""
    forms = forms or {}
    handler = access.may_handle(request)
    context = _context(
        request, title=report.reference, report=report, may_handle=handler, revealed=revealed,
        # Not (yet) given this report's key, or the key cookie is gone: say so instead of text.
        locked=bool(report.data_key_id) and keys.keyring().get(report.data_key_id) is None,
        timeline=report.status_changes.select_related("changed_by__staff_profile"),
        conversation=report.messages.select_related("author__staff_profile").prefetch_related("files"),
        report_files=report.files.filter(message__isnull=True),
        transition_form=forms.get("transition") or (TransitionForm(report) if handler else None),
        message_form=forms.get("message") or (
            StaffMessageForm(initial={"kind": ReportMessage.Kind.INTERNAL_NOTE}) if handler else None),
        assign_form=forms.get("assign") or (
            AssignForm(initial={"assigned_to": report.assigned_to_id}) if handler else None),
        reveal_form=forms.get("reveal") or (RevealForm() if handler else None),
        centre=CentreReferral.objects.filter(report=report).first(),
        centre_form=forms.get("centre") or (CentreForm.for_report(report) if handler else None),
        repeat_form=forms.get("repeat") or (
            _repeat_form(request, report) if handler and Status.REJECTED in report.allowed_transitions()
            else None),
    )
    return render(request, "complaints/admin/case.html", context)


def case(request, object_id):
    if not str(object_id).isdigit():
        raise Http404
    report = readable_report(request, object_id)
    if request.method != "GET":
        raise PermissionDenied  # every write has its own audited URL below
    AuditEntry.record(request.user, Action.VIEW, report)
    return case_page(request, report, forms=_refused_forms(request, report))


# A refused form is kept in the vault (session.vault_put): what an officer typed about a report
# is never readable from the session store alone.
def _keep_refused(request, slot, text):
    session.vault_put(request, f"refused:{slot}", text.encode())


def _take_refused(request, slot):
    kept = session.vault_get(request, f"refused:{slot}")
    session.vault_drop(request, f"refused:{slot}")
    return kept.decode() if kept else None


INTAKE_SLOT = "complaints:intake"
CASE_FORMS = {}  # name -> build(report, request, data, files), to rebuild a refused form


def _refused_forms(request, report):
    def make(name, data):
        return CASE_FORMS[name](report, request, data, None) if name in CASE_FORMS else None

    return refused.take(request, f"complaints:{report.pk}", make, take=_take_refused)


# -- the audited actions on a case: one shape ---------------------------------------------------------
def case_action(name, form=None):
    """A POST from the case page: write access to the report, then the action's form (built by
    `form(report, request, data, files)`); invalid: kept with its errors (kpp_portal.refused)
    and back to the case page, so a reload sends nothing again; valid: `perform` in one
    transaction. A GET goes back to the case page."""
    if form is not None:
        CASE_FORMS[name] = form

    def decorate(perform):
        @wraps(perform)
        def view(request, object_id):
            report = readable_report(request, object_id)
            if not access.may_handle(request):
                raise PermissionDenied
            if request.method != "POST":
                return redirect(case_url(report))
            bound = form(report, request, request.POST, request.FILES) if form else None
            if bound is not None and not bound.is_valid():
                refused.keep(request, f"complaints:{report.pk}", name, bound, put=_keep_refused)
                return redirect(case_url(report))
            with transaction.atomic():
                return perform(request, report, bound.cleaned_data if bound else {})

        return view

    return decorate


def _repeat_form(request, report, data=None):
    duplicates.mark_likely_repeats(request.user, [report])
    readable = access.visible_reports(request.user, CorruptionReport.objects.all())
    return RepeatForm(report, readable, data)


@case_action("repeat", lambda report, request, data, files: _repeat_form(request, report, data))
def link_repeat(request, report, data):
    """The same matter filed twice: linked to the original and closed as a duplicate, so the
    statistics count both as received and this one as a duplicate."""
    original = data["original"]
    report.repeats = original
    report.save(update_fields=["repeats"])
    AuditEntry.record(request.user, Action.REPEAT_LINKED, report, original.reference)
    report.transition(Status.REJECTED, by=request.user, outcome=Outcome.DUPLICATE,
                      public_note=_("เรื่องนี้ซ้ำกับเรื่องที่ได้รับไว้ก่อนแล้ว ฝ่ายนิติการพิจารณาในเรื่องเดิม"))
    messages.success(request, _("ระบุว่าซ้ำกับเรื่อง %(reference)s และปิดเรื่องนี้เป็นเรื่องซ้ำแล้ว")
                     % {"reference": original.reference})
    return redirect(case_url(report))


@case_action("reveal", lambda report, request, data, files: RevealForm(data))
def reveal(request, report, data):
    """The reporter's identity, shown on this one response only, with the reason in the audit."""
    AuditEntry.record(request.user, Action.REVEAL, report, data["reason"])
    return case_page(request, report, revealed=True)


@case_action("transition", lambda report, request, data, files: TransitionForm(report, data))
def transition(request, report, data):
    details = {name: data[name] for name in ("note", "public_note", "outcome", "escalate_to")}
    services.transition(report, data["to_status"], by=request.user, **details)
    messages.success(request, _("เปลี่ยนสถานะเป็น “%(status)s” แล้ว") % {"status": report.get_status_display()})
    supervisor = data["escalate_to"]
    if supervisor is not None and report.data_key_id \
            and not report.sealed_keys.filter(recipient=supervisor).exists():
        messages.warning(request, _("%(user)s ยังไม่มีกุญแจที่ได้รับการรับรอง จึงยังเปิดเรื่องนี้ไม่ได้ มอบกุญแจ"
                                    "ได้ที่หน้า “มอบกุญแจเรื่องให้สมาชิก” หลังเจ้าของบัญชีตั้งรหัสผ่านของตนเอง")
                         % {"user": StaffProfile.name_of(supervisor)})
    return redirect(case_url(report))


@case_action("message", lambda report, request, data, files: StaffMessageForm(data, files))
def message(request, report, data):
    services.add_message(report, data["kind"], data["body"], files=data["prepared"], author=request.user)
    messages.success(request, _("บันทึกข้อความแล้ว"))
    return redirect(case_url(report))


@case_action("assign", lambda report, request, data, files: AssignForm(data))
def assign(request, report, data):
    report.assigned_to = data["assigned_to"]
    report.save(update_fields=["assigned_to"])
    AuditEntry.record(request.user, Action.ASSIGN, report, getattr(report.assigned_to, "username", "-"))
    messages.success(request, _("มอบหมายเจ้าหน้าที่แล้ว"))
    return redirect(case_url(report))


@case_action("receipt")
def receipt(request, report, data):
    """A new receipt for a person who came by another channel and wants to follow up online;
    any earlier receipt stops working."""
    code = report.issue_receipt()
    AuditEntry.record(request.user, Action.RECEIPT, report)
    return _receipt_page(request, report, code)


def _receipt_page(request, report, code):
    context = _context(request, report=report, receipt=crypto.format_receipt(code),
                       title=_("ใบรับเรื่องร้องเรียน"))
    return _no_store(render(request, "complaints/admin/receipt.html", context))


# -- intake, files, print, export -------------------------------------------------------------------------
def intake(request):
    """A report that came by another channel (the admin's add form). Refused: kept in the vault
    with its errors and back to the form, as on the case page, so a reload sends nothing again."""
    if not access.may_handle(request):
        raise PermissionDenied
    if request.method == "POST":
        form = IntakeForm(request.POST, request.FILES)
        if not form.is_valid():
            refused.keep(request, INTAKE_SLOT, "intake", form, put=_keep_refused)
            return redirect(request.path)
        data = form.cleaned_data
        report, code = services.file_report(
            category=data["category"], description=data["description"], accused=data["accused"],
            when_where=data["when_where"], reporter_identity=data["reporter_identity"],
            reporter_contact=data["reporter_contact"], files=data["prepared"], channel=data["channel"],
            received_on=data["received_on"], with_receipt=data["issue_receipt"], registered_by=request.user,
        )
        if code:  # the receipt, like the public form's, only ever in this answer
            return _receipt_page(request, report, code)
        messages.success(request, _("ลงทะเบียนเรื่อง %(ref)s แล้ว") % {"ref": report.reference})
        return redirect(case_url(report))
    kept = refused.take(request, INTAKE_SLOT, lambda name, data: IntakeForm(data), take=_take_refused)
    context = _context(request, title=_("ลงทะเบียนเรื่องร้องเรียนจากช่องทางอื่น"),
                       form=kept.get("intake") or IntakeForm())
    return render(request, "complaints/admin/intake.html", context)


def download(request, object_id, file_id):
    report = readable_report(request, object_id)
    evidence = get_object_or_404(report.files, pk=file_id)
    AuditEntry.record(request.user, Action.DOWNLOAD, report,
                      f"file {evidence.pk} sha256 {evidence.sha256[:16]}")
    response = HttpResponse(evidence.read_plaintext(), content_type=content_type(evidence.kind))
    # RFC 6266 filename* for the Thai reference: an encoded-word name loses "attachment".
    response["Content-Disposition"] = content_disposition_header(
        True, f"{report.reference}-{evidence.pk}{extension(evidence.kind)}")
    response["Content-Security-Policy"] = "sandbox"
    return _no_store(response)


def export(request):
    """The queue as CSV: workflow facts only, never text or identity."""
    if not access.may_view_report(request):
        raise PermissionDenied
    reports = access.visible_reports(request.user, CorruptionReport.objects.with_deadline_order())
    reports = reports.select_related("assigned_to")
    AuditEntry.record(request.user, Action.EXPORT, None, f"{reports.count()} reports")
    header = ["reference", "category", "channel", "received_on", "status", "outcome", "assigned_to",
              "acknowledge_due", "conclude_due"]
    rows = ([report.reference, report.category, report.channel, report.received_on.isoformat(),
             report.status, report.outcome, getattr(report.assigned_to, "username", ""),
             report.acknowledge_due, report.conclude_due] for report in reports)
    return _no_store(export_response("csv", "corruption-reports.csv", header, rows))


# -- access requests: the second person's decision ---------------------------------------------------------
def access_request_page(request, object_id):
    requests = AccessRequest.objects.select_related("user", "requested_by", "decided_by")
    access_request = get_object_or_404(requests, pk=object_id)
    refused = accounts.decision_refused(request.user, access_request)
    context = _context(request, model=AccessRequest, title=str(access_request), access_request=access_request,
                       refused=refused)
    return render(request, "complaints/admin/access_request.html", context)


def _decide(request, object_id, decide, done):
    if request.method != "POST":
        return redirect("admin:complaints_accessrequest_change", object_id)
    access_request = get_object_or_404(AccessRequest, pk=object_id)
    decided = decide(request.user, access_request)  # raises PermissionDenied with the reason
    messages.success(request, done % {"request": decided})
    return redirect("admin:complaints_accessrequest_changelist")


def approve(request, object_id):
    response = _decide(request, object_id, accounts.approve_membership, _("อนุมัติ “%(request)s” แล้ว"))
    decided = AccessRequest.objects.filter(pk=object_id, state=AccessRequest.State.APPROVED).first()
    if decided and decided.kind == AccessRequest.Kind.JOIN and recipients.missing_for(decided.user).exists():
        # The approver's own session holds the keys the newcomer needs: seal them now.
        return redirect("admin:complaints_accessrequest_grant", decided.user_id)
    return response


# -- keys: sealing reports' data keys to members who lack them ---------------------------------------------
GRANT_SECONDS = 10  # one POST seals for about this long, then shows its progress


def grants(request):
    """Members who may read reports they hold no key for (newcomers, after a password reset)."""
    if not access.may_handle(request):
        raise PermissionDenied
    recovery = recipients.RecoveryKey.objects.filter(is_current=True).first()
    context = _context(request, model=AccessRequest, title=_("มอบกุญแจเรื่องให้สมาชิก"),
                       waiting=recipients.waiting_for_grant(), recovery=recovery,
                       recovery_missing=recipients.missing_for_recovery(recovery).count() if recovery else 0)
    return _no_store(render(request, "complaints/admin/grants.html", context))


@require_POST
def grant_recovery(request):
    """Seal to the current recovery key the reports filed before it existed, from this session."""
    if not access.may_handle(request):
        raise PermissionDenied
    recovery = recipients.RecoveryKey.objects.filter(is_current=True).first()
    sealed, started = 0, timezone.now()
    while recovery and (timezone.now() - started).total_seconds() < GRANT_SECONDS:
        done = recipients.seal_missing_to_recovery(recovery)
        sealed += done
        if not done:
            break
    if sealed:
        AuditEntry.record(request.user, Action.KEYS_GRANTED, None,
                          _("กุญแจกู้คืน %(fingerprint)s: %(count)s เรื่อง") % {
                              "fingerprint": recovery.fingerprint[:16], "count": sealed})
    messages.success(request, _("ผนึกกุญแจเรื่องให้กุญแจกู้คืนเพิ่ม %(count)s เรื่อง") % {"count": sealed})
    return redirect("admin:complaints_accessrequest_grants")


def grant_keys(request, user_id):
    """Seal, from this officer's session, the data keys `user` lacks: in time-boxed steps (each
    commits), so a large grant shows its progress and resumes where it stopped."""
    if not access.may_handle(request):
        raise PermissionDenied
    member = get_object_or_404(accounts.User, pk=user_id)
    if member.pk == request.user.pk:
        raise PermissionDenied
    sealed = 0
    if request.method == "POST":
        started = timezone.now()
        while (timezone.now() - started).total_seconds() < GRANT_SECONDS:
            done, left = recipients.grant(member)
            sealed += done
            if not done or not left:
                break
        if sealed:
            accounts.record(Action.KEYS_GRANTED, member, _("%(count)s เรื่อง") % {"count": sealed},
                            actor=request.user)
    missing = recipients.missing_for(member).count()
    held = recipients.readable_by(member).count() - missing
    context = _context(request, model=AccessRequest, title=_("มอบกุญแจเรื่องให้ %(user)s") % {
        "user": member.get_username()}, member=member, missing=missing, held=held, sealed=sealed,
        has_key=not session.needs_own_password(member),
        stuck=request.method == "POST" and not sealed and missing)
    return _no_store(render(request, "complaints/admin/grant.html", context))


def refuse(request, object_id):
    return _decide(request, object_id, accounts.refuse_membership, _("ไม่อนุมัติ “%(request)s” แล้ว"))
