from django.core.management.base import BaseCommand

from alerts.models import Frequency
from alerts.sending import purge_unconfirmed, run


class Command(BaseCommand):
    help = "ส่งสรุปรายการใหม่ประจำวัน และลบคำขอรับแจ้งเตือนที่ไม่ได้ยืนยัน (สำหรับ cron วันละครั้ง)"

    def handle(self, *args, **options):
        purged = purge_unconfirmed()
        self.stdout.write(f"alerts: {run(Frequency.DAILY)} digest(s) queued, {purged} unconfirmed removed")
