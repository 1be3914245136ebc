import getpass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from complaints import access, crypto, keys, recipients, session
from complaints.management.commands.rotate_complaint_keys import ENCRYPTED_FIELDS
from complaints.models import AuditEntry, CorruptionReport, PersonKey


class Command(BaseCommand):
    help = ("ย้ายเรื่องร้องเรียนที่ยังเข้ารหัสด้วยกุญแจของเซิร์ฟเวอร์ (COMPLAINT_ENCRYPTION_KEYS) ไปใช้กุญแจของแต่ละเรื่อง "
            "ที่ผนึกให้เจ้าหน้าที่ฝ่ายนิติการและกุญแจกู้คืน ทำโดยเจ้าหน้าที่ฝ่ายนิติการซึ่งยืนยันรหัสผ่านของตน "
            "ทำซ้ำได้ (ทำต่อจากที่ค้างไว้) เสร็จแล้วจึงลบ COMPLAINT_ENCRYPTION_KEYS ออก")

    def add_arguments(self, parser):
        parser.add_argument("--officer", required=True, help="ชื่อผู้ใช้ของเจ้าหน้าที่ฝ่ายนิติการผู้สั่ง")
        parser.add_argument("--password", dest="password", help=None)

    def handle(self, *args, officer, password=None, **options):
        user = get_user_model().objects.filter(username=officer, is_active=True).first()
        if user is None or not access.is_legal(user):
            raise CommandError("ต้องเป็นเจ้าหน้าที่ฝ่ายนิติการ")
        person = PersonKey.objects.filter(user=user).first()
        password = password if password is not None else getpass.getpass("รหัสผ่าน: ")
        # The officer proves their own key opens, and it is endorsed: the moved reports are sealed
        # to it, so they cannot end up sealed only to keys nobody can use.
        opened = person is not None and session.unwrap_private(person, password) is not None
        if not opened or not recipients.is_trusted(person):
            raise CommandError("รหัสผ่านไม่ถูกต้อง หรือยังไม่มีกุญแจที่ได้รับการรับรอง (ตั้งรหัสผ่านของตนเองก่อน)")
        moved = 0
        for report in CorruptionReport.objects.filter(data_key_id="").iterator():
            with transaction.atomic(), keys.fresh_keyring():
                _move(report)
            moved += 1
        AuditEntry.record(user, AuditEntry.Action.KEYS_MIGRATED, None, f"{moved} reports")
        left = CorruptionReport.objects.filter(data_key_id="").count()
        self.stdout.write(f"moved {moved} reports to their own keys; {left} still under the server key")


def _move(report):
    """Read everything under the server key, give the report a data key, write it all again."""
    report = CorruptionReport.objects.select_for_update().get(pk=report.pk)
    rows = {model: list(model.objects.filter(**({"pk": report.pk} if model is CorruptionReport
                                                else {"report": report})))
            for model in ENCRYPTED_FIELDS}
    contents = [(evidence, evidence.read_plaintext()) for evidence in report.files.all()]
    recipients.start_data_key(report)
    CorruptionReport.objects.filter(pk=report.pk).update(data_key_id=report.data_key_id)
    for model, objects in rows.items():
        for row in objects:
            model.objects.filter(pk=row.pk).update(**{
                name: crypto.encrypt_for(report, getattr(row, name)) for name in ENCRYPTED_FIELDS[model]})
    for evidence, data in contents:
        storage = evidence.stored.storage
        # Beside the old file, then swap names: a crash never leaves a file nobody can read.
        new_name = storage.save(evidence.stored.field.generate_filename(evidence, "evidence.bin"),
                                ContentFile(crypto.encrypt_file(report, data)))
        old_name = evidence.stored.name
        type(evidence).objects.filter(pk=evidence.pk).update(stored=new_name)
        transaction.on_commit(lambda name=old_name, where=storage: where.delete(name))
    recipients.seal_new_report(report)
