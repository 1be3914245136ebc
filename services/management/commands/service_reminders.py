from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from kpp_portal import outbox, roles
from kpp_portal.thai import format_thai_date
from services.models import AppealStatus, InformationAppeal, ServiceRequest, ServiceUnit, due_soon_until


class Command(BaseCommand):
    help = "ส่งอีเมลสรุปคำร้องออนไลน์ที่ใกล้ครบกำหนดหรือเกินกำหนดถึงแต่ละหน่วยงาน (สำหรับ cron วันละครั้ง)"

    def handle(self, *args, **options):
        today = timezone.localdate()
        until = due_soon_until(today)
        pending = defaultdict(list)
        for item in (ServiceRequest.objects.open().filter(due_date__lte=until)
                     .order_by("due_date", "received_at").only("reference", "due_date", "status", "unit_id")):
            pending[item.unit_id].append(item)
        # Appeals against a refusal wait on the unit too: the Commission must have them in time.
        for appeal in (InformationAppeal.objects.filter(status=AppealStatus.FILED, forward_due__lte=until)
                       .select_related("request").order_by("forward_due")):
            pending[appeal.request.unit_id].append(appeal)
        link = settings.SITE_URL + reverse("admin:services_servicerequest_changelist")
        sent = 0
        for unit in ServiceUnit.objects.filter(pk__in=pending).select_related("group"):
            recipients = [unit.email] if unit.email else [
                member.email for member in roles.members(unit.group.name) if member.email]
            if not recipients:
                self.stderr.write(f"{unit.name}: no e-mail address (unit or members)")
                continue
            # Only references and deadlines: what people asked never leaves the portal by e-mail.
            lines = [_line(item, today) for item in pending[unit.pk]]
            outbox.send(recipients, f"คำร้องออนไลน์ของ{unit.name}ที่ต้องดำเนินการ {len(lines)} เรื่อง",
                        "\n".join([*lines, "", link]))
            sent += 1
        self.stdout.write(f"reminders sent to {sent} unit(s)")


def _line(item, today):
    if isinstance(item, InformationAppeal):
        late = "เกินกำหนด" if item.forward_due < today else "ใกล้ครบกำหนด"
        return (f"{item.request.reference}  อุทธรณ์ ส่งคณะกรรมการข้อมูลข่าวสาร{late} "
                f"{format_thai_date(item.forward_due)}")
    return (f"{item.reference}  {'เกินกำหนด' if item.due_date < today else 'ใกล้ครบกำหนด'} "
            f"{format_thai_date(item.due_date)}")
