"""Who may see corruption reports: need to know, a second factor, and an idle timeout.

Only members of the legal-affairs group see reports; supervisors see the ones escalated to
them; nobody else does, superusers included. Both groups must have passed TOTP (django-otp)
in this session, and a session left idle past COMPLAINT_STAFF_IDLE_SECONDS ends.
"""
import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from complaints.roles import LEGAL_AFFAIRS, SUPERVISORS
from kpp_portal import roles

from . import session
from .models import AuditEntry, CorruptionReport

STAFF_SEEN_KEY = "complaints_staff_seen"


def _member(user, group_name):
    """roles.in_group, asked once per request: the admin asks many times per page."""
    cache = user.__dict__.setdefault("_complaint_membership", {})
    if group_name not in cache:
        cache[group_name] = roles.in_group(user, group_name)
    return cache[group_name]


def is_legal(user):
    return _member(user, LEGAL_AFFAIRS)


def is_supervisor(user):
    return _member(user, SUPERVISORS)


def may_enter(user):
    return is_legal(user) or is_supervisor(user)


def is_verified(request):
    return bool(getattr(request.user, "is_verified", lambda: False)())


def visible_reports(user, queryset):
    """Every report for legal affairs, the escalated ones for their supervisor, none otherwise."""
    if is_legal(user):
        return queryset
    if is_supervisor(user):
        return queryset.filter(escalated_to=user)
    return queryset.none()


def visible_audit(user, entries):
    """Supervisors read the audit entries of the reports escalated to them, and the changes to
    the accounts that reach reports (they are the check on the legal unit); nothing else."""
    if not is_supervisor(user):
        return entries.none()
    theirs = CorruptionReport.objects.filter(escalated_to=user).values("reference")
    return entries.filter(Q(report_reference__in=theirs) | Q(action__in=AuditEntry.ACCOUNT_ACTIONS))


def may_view_report(request, report=None):
    if not is_verified(request):
        return False
    if is_legal(request.user):
        return True
    if is_supervisor(request.user):
        return report is None or report.escalated_to_id == request.user.pk
    return False


def may_handle(request):
    """Write access (workflow, messages, intake, reveal, delete): legal affairs only."""
    return is_verified(request) and is_legal(request.user)


def _holds_own_key(request):
    """Whether the person's key was made under their own password; asked once per session (a
    password set by anyone ends the session, Django's session hash covers the password)."""
    if not request.session.get(session.OWN_KEY_SESSION):
        if session.needs_own_password(request.user):
            return False
        request.session[session.OWN_KEY_SESSION] = True
    return True


def guarded(view, allowed=may_enter, needs_otp=True):
    """Wrap a complaint admin view: login, group, idle timeout, then the second factor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not allowed(user):
            raise PermissionDenied
        now = time.time()
        seen = request.session.get(STAFF_SEEN_KEY)
        if seen and now - seen > settings.COMPLAINT_STAFF_IDLE_SECONDS:
            logout(request)
            messages.info(request, _("หมดเวลาการใช้งานเนื่องจากไม่มีการใช้งาน โปรดเข้าสู่ระบบอีกครั้ง"))
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        request.session[STAFF_SEEN_KEY] = now
        if needs_otp and not is_verified(request):
            verify = reverse("admin:complaints_corruptionreport_verify")
            return redirect(f"{verify}?next={request.get_full_path()}")
        if needs_otp and not _holds_own_key(request):
            messages.warning(request, _("โปรดตั้งรหัสผ่านของท่านเองก่อน: รหัสผ่านปัจจุบันผู้อื่นตั้งให้ "
                                        "หรือท่านยังไม่มีกุญแจเปิดเรื่องร้องเรียน กุญแจใหม่ต้องได้รับการรับรอง"
                                        "จากเจ้าหน้าที่ฝ่ายนิติการอีกคนหนึ่ง"))
            return redirect(reverse("admin:password_change"))
        return view(request, *args, **kwargs)

    wrapper.complaint_guard = True
    return wrapper
