from django.core.management.base import BaseCommand
from django.db import transaction

from complaints import crypto, legacy
from complaints.models import CorruptionReport, ReportFile, ReportMessage, StatusChange

ENCRYPTED_FIELDS = {
    CorruptionReport: ("accused", "when_where", "description", "reporter_identity", "reporter_contact"),
    ReportMessage: ("body",),
    ReportFile: ("original_name",),
    StatusChange: ("note", "public_note"),
}


def legacy_rows(model):
    """Rows of reports still under the server key (COMPLAINT_ENCRYPTION_KEYS)."""
    if model is CorruptionReport:
        return model.objects.filter(data_key_id="")
    return model.objects.filter(report__data_key_id="")


class Command(BaseCommand):
    help = ("เข้ารหัสเรื่องร้องเรียนที่ยังใช้กุญแจของเซิร์ฟเวอร์ใหม่ด้วยกุญแจแรกใน COMPLAINT_ENCRYPTION_KEYS "
            "(หลังเพิ่มกุญแจใหม่ไว้หน้าสุด แล้วจึงลบกุญแจเก่าออกได้) เรื่องที่มีกุญแจของตนเองแล้วไม่ต้องหมุน: "
            "ผู้ถือกุญแจเปลี่ยนได้ด้วยการมอบสิทธิ์และการนำออกจากกลุ่ม")

    def handle(self, *args, **options):
        rows = files = 0
        for model, fields in ENCRYPTED_FIELDS.items():
            for obj in legacy_rows(model).iterator():
                # Reading decrypts with any key; the first key encrypts again.
                with transaction.atomic():
                    model.objects.filter(pk=obj.pk).update(**{
                        name: crypto.Stored(legacy.encrypt_text(getattr(obj, name))) for name in fields})
                rows += 1
        for evidence in legacy_rows(ReportFile).iterator():
            storage = evidence.stored.storage
            with storage.open(evidence.stored.name, "rb") as handle:
                token = handle.read()
            rotated = legacy.rotate_token(token)
            # Write the new token beside the old one, then swap names, so a crash never leaves
            # a file readable by neither key.
            new_name = storage.save(evidence.stored.field.generate_filename(evidence, "evidence.bin"),
                                    _content(rotated))
            old_name = evidence.stored.name
            ReportFile.objects.filter(pk=evidence.pk).update(stored=new_name)
            storage.delete(old_name)
            files += 1
        own = CorruptionReport.objects.exclude(data_key_id="").count()
        self.stdout.write(f"re-encrypted {rows} rows and {files} files with the first key; "
                          f"{own} reports have their own keys (nothing to rotate)")


def _content(data):
    from django.core.files.base import ContentFile

    return ContentFile(data)
