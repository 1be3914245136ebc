import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from complaints import services
from complaints.models import CorruptionReport


class Command(BaseCommand):
    help = ("ลบ (COMPLAINT_PURGE_MODE=delete) หรือทำให้ไม่ระบุตัวตน (anonymise) เรื่องร้องเรียนที่ยุติแล้ว"
            "เกินระยะเวลาเก็บรักษา (COMPLAINT_RETENTION_DAYS) คงไว้เฉพาะตัวเลขที่ใช้ทำสถิติ")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="แสดงรายการที่จะลบ โดยไม่ลบจริง")

    def handle(self, *args, dry_run=False, **options):
        cutoff = timezone.now() - datetime.timedelta(days=settings.COMPLAINT_RETENTION_DAYS)
        due = CorruptionReport.objects.filter(closed_at__lt=cutoff, purged_at__isnull=True).order_by("pk")
        purged = 0
        for report in due:
            if dry_run:
                self.stdout.write(f"would purge {report.reference} (closed {report.closed_at:%Y-%m-%d})")
                continue
            purged += 1
            services.purge_report(report)
            self.stdout.write(f"purged {report.reference}")
        self.stdout.write(f"{'dry run: ' if dry_run else ''}{due.count() if dry_run else purged} report(s)")
