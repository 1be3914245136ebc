from django.core.management.base import BaseCommand

from services.notices import send_pending


class Command(BaseCommand):
    help = "ส่งอีเมลแจ้งความเคลื่อนไหวของคำร้องที่ส่งไม่สำเร็จอีกครั้ง (สำหรับ cron ทุก 5–10 นาที)"

    def handle(self, *args, **options):
        sent, failed = send_pending()
        self.stdout.write(f"notices sent: {sent}, still failing: {failed}")
