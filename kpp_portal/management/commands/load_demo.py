import importlib
import importlib.util

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from kpp_portal import roles


class Command(BaseCommand):
    help = "เติมข้อมูลตัวอย่างจากเอกสารมาตรการของเทศบาล (รันซ้ำได้ ไม่สร้างซ้ำ)"

    def handle(self, *args, **options):
        call_command("setup_roles", stdout=self.stdout)
        for app in roles.PORTAL_APPS:
            if importlib.util.find_spec(f"{app}.demo") is None:
                continue
            with transaction.atomic():
                importlib.import_module(f"{app}.demo").load(self.stdout)
        # Demo loaders may write in bulk, which sends no signal to the search index.
        call_command("rebuild_search_index", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("ข้อมูลตัวอย่างพร้อมแล้ว"))
