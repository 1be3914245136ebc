from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from disclosures.oit_lists import DATA_DIR, load_all


class Command(BaseCommand):
    help = ("โหลดรายการข้อ OIT ของทุกปีจาก disclosures/data/oit_<ปี>.csv เป็นร่างที่ยังไม่ยืนยันกับคู่มือ ป.ป.ช. "
            "(รันซ้ำได้ ไม่แตะปีที่ยืนยันแล้ว)")

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(DATA_DIR), help="folder holding oit_<year>.csv files")
        parser.add_argument("--refresh", action="store_true",
                            help="items of draft years take the files' wording again (links kept)")

    def handle(self, *args, data_dir, refresh, **options):
        try:
            load_all(self.stdout, data_dir, refresh=refresh)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
