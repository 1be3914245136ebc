from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from kpp_portal import bulk
from kpp_portal.discovery import app_modules


class Command(BaseCommand):
    help = "เติมข้อมูลตัวอย่างจากเอกสารมาตรการของเทศบาล (รันซ้ำได้ ไม่สร้างซ้ำ)"

    def handle(self, *args, **options):
        call_command("setup_roles", stdout=self.stdout)
        # One catch-up at the end (the search index's rebuild) rather than one per save;
        # loaders also write in bulk, which sends no signal.
        with bulk.loading(self.stdout):
            for _app, module in app_modules("demo"):
                with transaction.atomic():
                    module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("ข้อมูลตัวอย่างพร้อมแล้ว"))
