from django.core.management.base import BaseCommand

from alerts.models import Frequency
from alerts.sending import run


class Command(BaseCommand):
    help = "ส่งแจ้งเตือนรายการใหม่ถึงผู้ที่ขอรับทันที (สำหรับ cron ทุก 15 นาที)"

    def handle(self, *args, **options):
        self.stdout.write(f"alerts: {run(Frequency.IMMEDIATE)} mail(s) queued")
