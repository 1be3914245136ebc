import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from committees.models import FeedbackMessage, FeedbackStatus, Opinion


class Command(BaseCommand):
    help = "ลบช่องทางติดต่อของผู้แสดงความคิดเห็นที่พ้นระยะเวลาเก็บรักษา (PDPA: เก็บเท่าที่จำเป็น) รันจาก cron ได้"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.PARTICIPATION_CONTACT_RETENTION_DAYS)

    @transaction.atomic
    def handle(self, *args, days, **options):
        # Contact details exist only so staff can reply; once the matter is old (and, for the
        # general channel, answered or closed) they serve no purpose and are wiped.
        cutoff = timezone.now() - datetime.timedelta(days=days)
        opinions = Opinion.objects.filter(created_at__lt=cutoff).exclude(contact="").update(contact="")
        messages = (
            FeedbackMessage.objects.filter(
                created_at__lt=cutoff, status__in=[FeedbackStatus.ANSWERED, FeedbackStatus.CLOSED]
            )
            .exclude(name="", email="", phone="")
            .update(name="", email="", phone="")
        )
        self.stdout.write(f"ลบช่องทางติดต่อ: ความคิดเห็น {opinions} รายการ, เรื่องทั่วไป {messages} รายการ")
