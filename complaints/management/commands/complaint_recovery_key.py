from django.core.management.base import BaseCommand
from django.db import transaction

from complaints import primitives
from complaints.models import AuditEntry, RecoveryKey


class Command(BaseCommand):
    help = ("สร้างกุญแจกู้คืนเรื่องร้องเรียน: พิมพ์กุญแจส่วนตัวครั้งเดียวเพื่อเก็บในตู้นิรภัยของเทศบาล "
            "เก็บเฉพาะกุญแจสาธารณะไว้ในระบบ เรื่องใหม่ทุกเรื่องจะผนึกกุญแจไว้ให้กุญแจนี้ด้วย")

    @transaction.atomic
    def handle(self, *args, **options):
        # Made here, printed once, never stored: only the public half reaches the database.
        private, public = primitives.new_key_pair()
        RecoveryKey.objects.filter(is_current=True).update(is_current=False)
        recovery = RecoveryKey.objects.create(public_key=public, fingerprint=primitives.fingerprint(public))
        AuditEntry.record("server", AuditEntry.Action.RECOVERY_KEY, None, recovery.fingerprint[:16])
        raw = primitives.private_bytes(private).hex()
        self.stdout.write("กุญแจกู้คืน (พิมพ์เก็บในตู้นิรภัย แล้วลบหน้าจอนี้; ไม่มีสำเนาในระบบ):")
        self.stdout.write("RECOVERY-" + "-".join(raw[i:i + 8] for i in range(0, len(raw), 8)))
        self.stdout.write(f"ลายนิ้วมือกุญแจสาธารณะ: {recovery.fingerprint[:16]}")
        self.stdout.write("เรื่องที่มีอยู่แล้วจะผนึกให้กุญแจนี้เมื่อเจ้าหน้าที่ฝ่ายนิติการมอบสิทธิ์ (หน้า “มอบกุญแจเรื่อง”)")
