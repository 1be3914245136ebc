from django.core.management.base import BaseCommand, CommandError

from complaints.models import AuditEntry


class Command(BaseCommand):
    help = "ตรวจสอบว่าบันทึกการเข้าถึงเรื่องร้องเรียน (hash chain) ไม่ถูกแก้ไขหรือลบ"

    def handle(self, *args, **options):
        problems = AuditEntry.verify_chain()
        if problems:
            for entry_id, problem in problems:
                self.stderr.write(f"entry {entry_id}: {problem}")
            raise CommandError(f"audit chain broken: {len(problems)} problem(s)")
        head = AuditEntry.objects.order_by("-pk").first()
        count = AuditEntry.objects.count()
        # The head hash, kept somewhere else (a printed report, an e-mail), also detects the
        # removal of the newest entries, which a chain alone cannot.
        self.stdout.write(f"audit chain intact: {count} entries, head {head.entry_hash if head else '-'}")
