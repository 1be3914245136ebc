from django.core.management.base import BaseCommand, CommandError

from services.models import ServiceUnit
from services.personal_data import install


class Command(BaseCommand):
    help = "สร้างประเภทคำร้องสำหรับคำขอใช้สิทธิของเจ้าของข้อมูลส่วนบุคคล 7 สิทธิ (รันซ้ำได้ ไม่แก้ประเภทที่มีอยู่)"

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="ชื่อหน่วยงานผู้รับผิดชอบ เช่น สำนักปลัดเทศบาล")

    def handle(self, *args, unit, **options):
        try:
            handling = ServiceUnit.objects.get(name=unit)
        except ServiceUnit.DoesNotExist:
            raise CommandError(f"ไม่พบหน่วยงาน {unit}: สร้างใน Admin › หน่วยงานผู้รับผิดชอบก่อน") from None
        for request_type in install(handling):
            self.stdout.write(f"{request_type.slug}: {request_type.title}")
