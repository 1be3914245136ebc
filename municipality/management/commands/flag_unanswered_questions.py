"""For cron (e.g. daily at 08:00): lists Q&A questions waiting longer than QA_UNANSWERED_DAYS
and e-mails them to the staff who answer the board, so no citizen waits unseen."""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

from kpp_portal import outbox, roles
from municipality.models import Question


class Command(BaseCommand):
    help = "แจ้งเจ้าหน้าที่เมื่อมีคำถามในกระดานถาม-ตอบที่ยังไม่ได้ตอบเกินกำหนด"

    def add_arguments(self, parser):
        parser.add_argument("--no-email", action="store_true", help="แสดงผลอย่างเดียว ไม่ส่งอีเมล")

    def handle(self, *args, **options):
        days = settings.QA_UNANSWERED_DAYS
        overdue = list(Question.objects.overdue(days).order_by("created_at"))
        if not overdue:
            self.stdout.write(f"ไม่มีคำถามที่รอคำตอบเกิน {days} วัน")
            return
        admin_url = settings.SITE_URL + reverse("admin:municipality_question_changelist") + "?state=overdue"
        lines = [f"- [{q.created_at:%Y-%m-%d}] {q}" for q in overdue]
        body = (f"มีคำถาม {len(overdue)} รายการในกระดานถาม-ตอบที่ยังไม่ได้ตอบเกิน {days} วัน\n\n"
                + "\n".join(lines) + f"\n\nตอบได้ที่ {admin_url}\n")
        self.stdout.write(body)
        if options["no_email"]:
            return
        recipients = sorted(set(
            get_user_model().objects.filter(
                is_active=True, groups__name__in=[roles.CONTENT_EDITORS, roles.GENERAL_AFFAIRS]
            ).exclude(email="").values_list("email", flat=True)
        ))
        if recipients:
            outbox.send(recipients, f"คำถามรอคำตอบเกิน {days} วัน ({len(overdue)} รายการ)", body)
            self.stdout.write(f"ส่งอีเมลถึง {len(recipients)} คน")
