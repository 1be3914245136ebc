"""The legal officer's and supervisor's desk: where they land after the password and the
second factor. Four counts, each one click into the queue's own filters (the changelist's
status, DeadlineFilter and assigned_to filters), so the desk and the queue never disagree."""
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import access, queue
from .models import CorruptionReport, Status


def home_page(request):
    """For PortalAdminSite.index: complaint staff land on the desk (the guard asks for the
    second factor on the way); everyone else gets the usual admin index."""
    user = request.user
    if user.is_active and user.is_staff and access.may_enter(user):
        return reverse("admin:complaints_corruptionreport_desk")
    return None


def _queue_link(**filters):
    return f"{reverse('admin:complaints_corruptionreport_changelist')}?{urlencode(filters)}"


def desk(request):
    reports = access.visible_reports(request.user, CorruptionReport.objects.all())
    tiles = [
        ("new", _("เรื่องใหม่ (ยังไม่ตอบรับ)"), reports.filter(status=Status.RECEIVED),
         _queue_link(status__exact=Status.RECEIVED)),
        ("due_soon", _("ใกล้ครบกำหนด"), reports.due_soon(), _queue_link(deadline="due_soon")),
        ("overdue", _("เกินกำหนด"), reports.overdue(), _queue_link(deadline="overdue")),
        ("mine", _("มอบหมายให้ฉัน"), reports.filter(assigned_to=request.user).open(),
         _queue_link(assigned_to__id__exact=request.user.pk)),
    ]
    context = queue._context(
        request, title=_("โต๊ะทำงานเรื่องร้องเรียนการทุจริต"),
        tiles=[{"key": key, "label": label, "count": rows.count(), "url": url}
               for key, label, rows, url in tiles],
        queue_url=reverse("admin:complaints_corruptionreport_changelist"),
        may_handle=access.may_handle(request), is_supervisor=access.is_supervisor(request.user),
    )
    return render(request, "complaints/admin/desk.html", context)
