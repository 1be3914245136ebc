import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from complaints.models import AuditEntry, CorruptionReport, PurgedReportFigures, private_storage


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
            self._purge(report)
            self.stdout.write(f"purged {report.reference}")
        self.stdout.write(f"{'dry run: ' if dry_run else ''}{due.count() if dry_run else purged} report(s)")

    @staticmethod
    @transaction.atomic
    def _purge(report):
        """Keep what the statistics count (category, channel, dates, outcome); drop the rest:
        text, identity, messages, notes, files and the receipt (and, in "delete" mode, the row)."""
        names = list(report.files.values_list("stored", flat=True))
        transaction.on_commit(lambda: [private_storage.delete(name) for name in names])
        if settings.COMPLAINT_PURGE_MODE == "delete":
            PurgedReportFigures.keep_for(report)
            AuditEntry.record(None, AuditEntry.Action.PURGE, report, f"deleted, {len(names)} file(s)")
            report.delete()
            return
        report.files.all().delete()
        report.messages.all().delete()
        report.status_changes.update(note="", public_note="")
        CorruptionReport.objects.filter(pk=report.pk).update(
            accused="", when_where="", description="", reporter_identity="", reporter_contact="",
            has_reporter_identity=False, receipt_hash=None, purged_at=timezone.now(),
        )
        AuditEntry.record(None, AuditEntry.Action.PURGE, report, f"anonymised, {len(names)} file(s)")
