from django.core.management.base import BaseCommand

from kpp_portal import outbox


class Command(BaseCommand):
    help = "ส่งอีเมลที่รออยู่ในคิว และลองส่งอีกครั้งเมื่อส่งไม่สำเร็จ (สำหรับ cron ทุก 5 นาที)"

    def handle(self, *args, **options):
        sent, failed, requeued = outbox.send_queued()
        self.stdout.write(f"outbox: sent {sent}, failed {failed}, to retry {requeued}")
