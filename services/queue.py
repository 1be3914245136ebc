"""The staff side of a request in the admin: the case page and one URL per step.

Need to know: staff see only the requests of the units (กอง) whose group they are in; a
superuser outside those groups sees none. A request of another unit answers 404, so its
reference does not even confirm that it exists. Each step is a POST that redirects back to the
case page, done or refused (a reload repeats nothing), and is recorded in the request's timeline.
"""
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kpp_portal import personal_data, refused
from kpp_portal.uploads import content_type

from .forms import (
    AppealForm,
    AssignForm,
    CloseForm,
    IdentityForm,
    NoteForm,
    RegisterForm,
    ReplyForm,
    TransferForm,
)
from .models import (
    OUTCOMES_WITH_GROUNDS,
    RIGHTS_HANDING_OVER_DATA,
    InformationAppeal,
    ServiceRequest,
    ServiceUnit,
    Status,
    WorkflowError,
)


def unit_ids(user):
    """The user's units, asked once per request (the admin asks many times per page)."""
    cache = user.__dict__.setdefault("_service_units", None)
    if cache is None:
        cache = frozenset(ServiceUnit.of_user(user).values_list("pk", flat=True))
        user.__dict__["_service_units"] = cache
    return cache


def may_work(user):
    return bool(unit_ids(user))


def visible_requests(user):
    return ServiceRequest.objects.filter(unit__in=unit_ids(user))


def guarded(view):
    """Staff of a unit only; then the request, if it is one of theirs."""

    @wraps(view)
    def wrapper(request, object_id, *args, **kwargs):
        if not may_work(request.user):
            raise PermissionDenied
        service_request = get_object_or_404(visible_requests(request.user).select_related(
            "request_type", "unit", "assigned_to"), pk=object_id)
        return view(request, service_request, *args, **kwargs)

    return wrapper


def case_url(service_request):
    return reverse("admin:services_servicerequest_change", args=[service_request.pk])


def case_page(request, service_request, admin_context, forms=None):
    forms = forms or {}
    is_open = not service_request.is_closed
    information = service_request.request_type.is_information_request
    context = {
        **admin_context,
        "title": f"{service_request.reference} {service_request.subject}",
        "item": service_request,
        "timeline": service_request.events.select_related("actor__staff_profile", "from_unit", "to_unit")
        .prefetch_related("files"),
        "submitted_files": service_request.files.filter(event__isnull=True),
        "grounds": service_request.refusal_grounds.all(),
        "deadline_state": service_request.deadline_state(),
        "information": information,
        "reply_form": forms.get("reply") or ReplyForm(service_request),
        "note_form": forms.get("note") or NoteForm(),
        "assign_form": (forms.get("assign") or AssignForm(
            service_request.unit, initial={"assigned_to": service_request.assigned_to_id}))
        if is_open else None,
        "transfer_form": (forms.get("transfer") or TransferForm(service_request)) if is_open else None,
        "close_form": (forms.get("close") or CloseForm(service_request)) if is_open else None,
        "identity_form": (forms.get("identity") or IdentityForm())
        if service_request.status == Status.IDENTITY else None,
        "identity_check": getattr(service_request, "identity_check", None),
        "may_export": _may_export(service_request),
        "appeal": _appeal_of(service_request),
        "appeal_form": (forms.get("appeal") or _appeal_form(service_request))
        if information and service_request.outcome in OUTCOMES_WITH_GROUNDS else None,
        "register_form": (forms.get("register") or RegisterForm(initial={
            "register_subject": service_request.register_subject or service_request.subject,
            "publish": service_request.register_published_at is not None,
        })) if information else None,
    }
    for name, form in forms.items():
        if context.get(f"{name}_form") is not form:  # a step no longer offered (the request closed)
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
    return render(request, "services/admin/case.html", context)


def _slot(service_request):
    return f"services:{service_request.pk}"


# name -> build(service request, data, files): the case page's forms, to rebuild a refused one
FORMS = {}


def refused_forms(request, service_request):
    """The form refused on the POST before the redirect to this page, with what was typed."""
    def make(name, data):
        return FORMS[name](service_request, data, None) if name in FORMS else None

    return refused.take(request, _slot(service_request), make)


def _step(form_name, make_form, perform, done_message):
    """A POST-only step: a valid form performs it; an invalid one is kept with its errors
    (kpp_portal.refused) and nothing changes. Either way back to the case page, so a reload
    sends nothing again."""
    FORMS[form_name] = make_form

    def view(model_admin, request, service_request):
        form = make_form(service_request, request.POST, request.FILES)
        if form.is_valid():
            try:
                perform(service_request, form.cleaned_data, request.user)
            except WorkflowError as error:
                form.add_error(None, error)
            else:
                messages.success(request, done_message)
                return redirect(case_url(service_request))
        refused.keep(request, _slot(service_request), form_name, form)
        return redirect(case_url(service_request))

    view.post_only = True
    return view


assign = _step(
    "assign", lambda item, data, files: AssignForm(item.unit, data),
    lambda item, data, user: item.assign(data["assigned_to"], by=user), _("บันทึกการมอบหมายแล้ว"))
note = _step(
    "note", lambda item, data, files: NoteForm(data),
    lambda item, data, user: item.add_note(data["body"], by=user), _("บันทึกภายในแล้ว"))
reply = _step(
    "reply", lambda item, data, files: ReplyForm(item, data, files),
    lambda item, data, user: item.reply(data["body"], by=user, files=data["files"],
                                        publish_files=data.get("publish_files", False)),
    _("ส่งข้อความถึงผู้ยื่นแล้ว"))
transfer = _step(
    "transfer", lambda item, data, files: TransferForm(item, data),
    lambda item, data, user: item.transfer(data["to_unit"], by=user, reason=data["reason"]),
    _("โอนเรื่องแล้ว"))
close = _step(
    "close", lambda item, data, files: CloseForm(item, data),
    lambda item, data, user: item.close(data["outcome"], by=user, body=data["body"],
                                        grounds=list(data.get("grounds") or [])),
    _("ปิดเรื่องแล้ว"))
identity = _step(
    "identity", lambda item, data, files: IdentityForm(data),
    lambda item, data, user: item.verify_identity(data["method"], by=user, note=data["note"]),
    _("บันทึกการตรวจสอบตัวตนแล้ว เริ่มดำเนินการตามคำขอ"))
appeal = _step(
    "appeal", lambda item, data, files: AppealForm(data),
    lambda item, data, user: item.record_appeal(by=user, **data), _("บันทึกอุทธรณ์แล้ว"))
register = _step(
    "register", lambda item, data, files: RegisterForm(data),
    lambda item, data, user: item.set_register(data["register_subject"], data["publish"], by=user),
    _("บันทึกทะเบียนสาธารณะแล้ว"))


def download(model_admin, request, service_request, file_id):
    response = file_response(get_object_or_404(service_request.files, pk=file_id))
    response["Cache-Control"] = "private, no-store"
    return response


def file_response(attached):
    """A request's file under its neutral name (RequestFile.neutral_name), for staff and public."""
    response = FileResponse(attached.stored.open("rb"), content_type=content_type(attached.kind))
    disposition = "inline" if attached.is_image else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{attached.neutral_name}"'
    return response



def _appeal_of(service_request):
    return InformationAppeal.objects.filter(request=service_request).first()


def _appeal_form(service_request):
    appeal = _appeal_of(service_request)
    if appeal is None:
        return AppealForm(initial={"status": "filed"})
    return AppealForm(initial={name: getattr(appeal, name) for name in AppealForm.base_fields})


def _may_export(service_request):
    return (service_request.request_type.personal_data_right in RIGHTS_HANDING_OVER_DATA
            and service_request.status not in (Status.IDENTITY, Status.CLOSED))


def personal_data_file(model_admin, request, service_request):
    """What the portal holds about the person who asked, for the officer to check before
    granting an access or portability request; built on demand, never stored."""
    if not _may_export(service_request):
        raise Http404
    return data_file_response(service_request)


def data_file_response(service_request):
    response = HttpResponse(personal_data.as_json(service_request.email, service_request.phone),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{service_request.reference}-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response
