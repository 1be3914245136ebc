from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from disclosures.checklists import DATA_DIR, load_all


class Command(BaseCommand):
    help = "โหลดรายการข้อ OIT ของทุกปีจาก disclosures/data/oit_<ปี>.csv (รันซ้ำได้)"

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(DATA_DIR), help="folder holding oit_<year>.csv files")

    def handle(self, *args, data_dir, **options):
        try:
            load_all(self.stdout, data_dir)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
