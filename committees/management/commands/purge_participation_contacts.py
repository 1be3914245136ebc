import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from committees.models import Opinion
from feedback.models import FeedbackMessage


class Command(BaseCommand):
    help = "ลบช่องทางติดต่อของผู้แสดงความคิดเห็นที่พ้นระยะเวลาเก็บรักษา (PDPA: เก็บเท่าที่จำเป็น) รันจาก cron ได้"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.PARTICIPATION_CONTACT_RETENTION_DAYS)

    @transaction.atomic
    def handle(self, *args, days, **options):
        # Contact details exist only so staff can reply; each channel says when that is over.
        cutoff = timezone.now() - datetime.timedelta(days=days)
        opinions = Opinion.objects.wipe_contacts_before(cutoff)
        messages = FeedbackMessage.objects.wipe_contacts_before(cutoff)
        self.stdout.write(f"ลบช่องทางติดต่อ: ความคิดเห็น {opinions} รายการ, เรื่องทั่วไป {messages} รายการ")
