import time

from django.core.management.base import BaseCommand

from search import index, queue
from search.files import FileText


class Command(BaseCommand):
    help = ("อ่านข้อความในไฟล์เอกสารที่เผยแพร่ (PDF, DOCX) ที่รอในคิวทีละไฟล์ รวมถึงภาพสแกนด้วย OCR "
            "แล้วเพิ่มลงในดัชนีค้นหา (ตั้งเวลาให้ทำงานเป็นระยะ)")

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=600,
                            help="ไม่เริ่มไฟล์ใหม่เมื่อทำงานมาครบจำนวนวินาทีนี้ (ไฟล์ที่อ่านอยู่อ่านจนจบ)")
        parser.add_argument("--no-ocr", action="store_true", help="อ่านเฉพาะไฟล์ที่มีข้อความ ข้ามภาพสแกน")
        parser.add_argument("--queue-all", action="store_true",
                            help="ตรวจทุกรายการในดัชนีก่อน ให้ไฟล์ที่ยังไม่เคยอ่านเข้าคิว")

    def handle(self, *args, seconds, no_ocr, queue_all, **options):
        if queue_all:
            index.rebuild()
        deadline = time.monotonic() + seconds
        done = {state: 0 for state in FileText.State.values}
        skipped = set()
        while time.monotonic() < deadline:
            row = queue.pending(ocr=not no_ocr).exclude(pk__in=skipped).first()
            if row is None:
                break
            if not queue.work(row, ocr=not no_ocr):
                skipped.add(row.pk)  # another worker has it
                continue
            state = FileText.objects.filter(pk=row.pk).values_list("state", flat=True).first()
            if state:
                done[state] += 1
                self.stdout.write(f"{row}: {FileText.State(state).label}")
        left = queue.pending(ocr=not no_ocr).count()
        self.stdout.write(self.style.SUCCESS(
            f"อ่านแล้ว {done['done']} ไฟล์ เป็นภาพสแกน {done['scan']} ไม่สำเร็จ {done['failed']} ยังรอในคิว {left}"))
