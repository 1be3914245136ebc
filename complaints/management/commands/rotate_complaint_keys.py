from django.core.management.base import BaseCommand
from django.db import transaction

from complaints import crypto
from complaints.models import CorruptionReport, ReportFile, ReportMessage, StatusChange

ENCRYPTED_FIELDS = {
    CorruptionReport: ("accused", "when_where", "description", "reporter_identity", "reporter_contact"),
    ReportMessage: ("body",),
    ReportFile: ("original_name",),
    StatusChange: ("note", "public_note"),
}


class Command(BaseCommand):
    help = ("เข้ารหัสเรื่องร้องเรียนและไฟล์ใหม่ด้วยกุญแจแรกใน COMPLAINT_ENCRYPTION_KEYS "
            "(หลังเพิ่มกุญแจใหม่ไว้หน้าสุด แล้วจึงลบกุญแจเก่าออกได้)")

    def handle(self, *args, **options):
        rows = files = 0
        for model, fields in ENCRYPTED_FIELDS.items():
            for obj in model.objects.iterator():
                # Reading decrypts with any key; saving encrypts with the first.
                with transaction.atomic():
                    model.objects.filter(pk=obj.pk).update(**{name: getattr(obj, name) for name in fields})
                rows += 1
        for evidence in ReportFile.objects.iterator():
            storage = evidence.stored.storage
            with storage.open(evidence.stored.name, "rb") as handle:
                token = handle.read()
            rotated = crypto.rotate_token(token)
            # Write the new token beside the old one, then swap names, so a crash never leaves
            # a file readable by neither key.
            new_name = storage.save(evidence.stored.field.generate_filename(evidence, "evidence.bin"),
                                    _content(rotated))
            old_name = evidence.stored.name
            ReportFile.objects.filter(pk=evidence.pk).update(stored=new_name)
            storage.delete(old_name)
            files += 1
        self.stdout.write(f"re-encrypted {rows} rows and {files} files with the first key")


def _content(data):
    from django.core.files.base import ContentFile

    return ContentFile(data)
