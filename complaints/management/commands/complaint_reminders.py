from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from complaints.models import CorruptionReport
from complaints.roles import LEGAL_AFFAIRS
from kpp_portal import roles
from kpp_portal.thai import format_thai_date


class Command(BaseCommand):
    help = "ส่งอีเมลเตือนเจ้าหน้าที่ฝ่ายนิติการถึงเรื่องที่ใกล้ครบกำหนดหรือเกินกำหนด (สำหรับ cron)"

    def handle(self, *args, **options):
        today = timezone.localdate()
        pending = (
            CorruptionReport.objects.overdue(today) | CorruptionReport.objects.due_soon(today)
        ).distinct()
        by_officer = defaultdict(list)
        for report in pending.select_related("assigned_to").order_by("received_on", "pk"):
            by_officer[report.assigned_to].append(report)
        unassigned = by_officer.pop(None, [])
        if unassigned:
            # Nobody owns these yet: every legal-affairs officer hears about them.
            for officer in roles.members(LEGAL_AFFAIRS):
                by_officer[officer].extend(unassigned)
        sent = 0
        for officer, reports in by_officer.items():
            if not officer.email:
                self.stderr.write(f"{officer.username}: no e-mail address")
                continue
            # Only references and deadlines: the report text never leaves the portal by e-mail.
            lines = [
                f"{r.reference}  {r.get_status_display()}  "
                f"{'เกินกำหนด' if r.deadline_state(today) == 'overdue' else 'ใกล้ครบกำหนด'} "
                f"{format_thai_date(r.next_due)}"
                for r in reports
            ]
            link = (
                settings.SITE_URL
                + reverse("admin:complaints_corruptionreport_changelist")
                + "?deadline=overdue"
            )
            send_mail(
                subject=f"เรื่องร้องเรียนการทุจริตที่ต้องดำเนินการ {len(reports)} เรื่อง",
                message="\n".join(lines + ["", link]),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[officer.email],
            )
            sent += 1
        self.stdout.write(f"reminders sent to {sent} officer(s)")
