"""The legal unit records a report's Damrongtham Centre case number and status: an audited
action on the case like the others (the audit names the direction and status, never the number)."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .forms import CentreForm
from .models import AuditEntry, CentreReferral
from .queue import case_action, case_url


@case_action("centre", lambda report, request, data, files: CentreForm.for_report(report, data))
def record(request, report, data):
    referral = CentreReferral.objects.filter(report=report).first() or CentreReferral(report=report)
    for name, value in data.items():
        setattr(referral, name, value)
    referral.save()
    AuditEntry.record(request.user, AuditEntry.Action.CENTRE, report,
                      f"{referral.direction} {referral.status}")
    messages.success(request, _("บันทึกเรื่องของศูนย์ดำรงธรรมแล้ว"))
    return redirect(case_url(report))
