from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from complaints.models import CorruptionReport
from complaints.roles import LEGAL_AFFAIRS
from kpp_portal import outbox, roles


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
        for officer in by_officer:
            if not officer.email:
                self.stderr.write(f"{officer.username}: no e-mail address")
                continue
            # The outbox keeps every body in plain text: the mail says only that the queue holds
            # work, never a reference, a status or a word of any report.
            link = (
                settings.SITE_URL
                + reverse("admin:complaints_corruptionreport_changelist")
                + "?deadline=overdue"
            )
            outbox.send(officer.email, "มีเรื่องในคิวของท่านที่ต้องดำเนินการ",
                        f"มีเรื่องในคิวของท่านที่ใกล้ครบกำหนดหรือเกินกำหนด โปรดเข้าระบบเพื่อดู\n\n{link}\n")
            sent += 1
        self.stdout.write(f"reminders sent to {sent} officer(s)")
