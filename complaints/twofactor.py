"""The second factor before any complaint page in the admin: verifying a TOTP code, asking for
and enrolling a device. Behind access.guarded like the rest of the queue's pages."""
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login

from . import accounts
from .forms import EnrolmentForm, SecondFactorForm
from .models import AccessRequest
from .queue import _context, _no_store


def _next_url(request):
    fallback = reverse("admin:complaints_corruptionreport_desk")
    next_url = request.GET.get("next") or fallback
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return next_url
    return fallback


def verify(request):
    """The second factor (TOTP) before any complaint page."""
    next_url = _next_url(request)
    form = SecondFactorForm(request.user, request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, request.user.otp_device)
        return redirect(next_url)
    device = next(devices_for_user(request.user), None)
    context = _context(request, form=form, next=next_url, title=_("ยืนยันตัวตนขั้นที่สอง"), device=device,
                       may_enrol=accounts.may_enrol(request.user),
                       enrolment_pending=request.user.complaint_access_requests.filter(
                           kind=AccessRequest.Kind.ENROL, state=AccessRequest.State.PENDING).exists())
    return render(request, "complaints/admin/verify.html", context, status=400 if form.is_bound else 200)


@require_POST
def ask_enrolment(request):
    """An account without a working device asks a second person to let it enrol one."""
    if accounts.has_device(request.user):
        return redirect("admin:complaints_corruptionreport_verify")
    accounts.request_enrolment(request.user)
    messages.success(request, _("ส่งคำขอลงทะเบียนอุปกรณ์แล้ว เมื่อเจ้าหน้าที่ฝ่ายนิติการอีกคนอนุมัติ "
                                "ท่านจะลงทะเบียนอุปกรณ์ได้ที่หน้านี้"))
    return redirect("admin:complaints_corruptionreport_verify")


def enrol(request):
    """A person enrols their own device: only for themselves (no account in the URL), only
    after an approval and while they have no working device. The secret is shown on this page
    once; afterwards nobody can read it, in the admin or anywhere else."""
    user = request.user
    if not accounts.may_enrol(user):
        messages.error(request, _("ลงทะเบียนอุปกรณ์ไม่ได้: บัญชีนี้มีอุปกรณ์แล้ว หรือยังไม่ได้รับอนุมัติให้ลงทะเบียน"))
        return redirect("admin:complaints_corruptionreport_verify")
    device = accounts.pending_device(user) if request.method == "POST" else None
    form = EnrolmentForm(request.POST or None)
    if device is not None and form.is_valid():
        if accounts.finish_enrolment(user, device, form.cleaned_data["otp_token"]):
            otp_login(request, device)
            messages.success(request, _("ลงทะเบียนอุปกรณ์ยืนยันตัวตนแล้ว"))
            return redirect("admin:complaints_corruptionreport_changelist")
        form.add_error("otp_token", _("รหัสไม่ถูกต้อง โปรดสแกนคิวอาร์โค้ดใหม่ด้านล่างแล้วลองอีกครั้ง"))
    device = accounts.start_enrolment(user)
    qr_code = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    qr_svg = qr_code.to_string(encoding="unicode")
    qr_svg = qr_svg.replace("<svg ", f'<svg role="img" aria-label="{_("คิวอาร์โค้ดสำหรับแอปยืนยันตัวตน")}" ', 1)
    context = _context(request, title=_("ลงทะเบียนอุปกรณ์ยืนยันตัวตน"), form=form,
                       qr_svg=mark_safe(qr_svg),  # generated here from our own data, no user input
                       secret=b32encode(device.bin_key).decode("ascii").rstrip("="))
    status = 400 if form.is_bound else 200
    return _no_store(render(request, "complaints/admin/enrol.html", context, status=status))
