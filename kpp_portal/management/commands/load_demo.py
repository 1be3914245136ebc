from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from kpp_portal.discovery import app_modules
from search import index


class Command(BaseCommand):
    help = "เติมข้อมูลตัวอย่างจากเอกสารมาตรการของเทศบาล (รันซ้ำได้ ไม่สร้างซ้ำ)"

    def handle(self, *args, **options):
        call_command("setup_roles", stdout=self.stdout)
        # One index rebuild at the end rather than a refresh per save (loaders also write in
        # bulk, which sends no signal).
        with index.paused():
            for _app, module in app_modules("demo"):
                with transaction.atomic():
                    module.load(self.stdout)
        call_command("rebuild_search_index", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("ข้อมูลตัวอย่างพร้อมแล้ว"))
