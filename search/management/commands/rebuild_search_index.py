from django.core.management.base import BaseCommand

from kpp_portal import pagecache
from search import index
from search.models import Section


class Command(BaseCommand):
    help = "สร้างดัชนีค้นหาทั้งเว็บไซต์ใหม่จากข้อมูลที่เผยแพร่ (ใช้หลังนำเข้าข้อมูลจำนวนมากหรือหลังปรับรุ่น)"

    def handle(self, *args, **options):
        counts = index.rebuild()
        pagecache.invalidate()  # cached result pages must not outlive the old index
        for section, label in Section.choices:
            self.stdout.write(f"{label}: {counts.get(section, 0):,}")
        self.stdout.write(self.style.SUCCESS(f"ดัชนีค้นหาพร้อมแล้ว ({sum(counts.values()):,} รายการ)"))
