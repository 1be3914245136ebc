"""What per-person keys cost (complaints/keys.py; not a test, prints numbers).

    DATABASE_URL=postgres://… DEBUG=true python -m bench.keys [--reports 20000]

With the Argon2id costs from settings (COMPLAINT_PERSON_KDF_*, COMPLAINT_RECEIPT_KDF_*):
the login unwrap, a receipt look-up, opening a case page's report, filing a report with five
photos, and sealing every existing report to a new member (the grant after a two-person
approval). Everything runs in a transaction that is rolled back; files go to a temporary folder.
"""
import argparse
import io
import tempfile
import time

from bench.common import setup_django, timed

setup_django(DEBUG="true")

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import transaction  # noqa: E402
from PIL import Image  # noqa: E402

from complaints import crypto, evidence, keys, primitives, recipients, services, session  # noqa: E402
from complaints.models import CorruptionReport, PersonKey, SealedDataKey  # noqa: E402
from complaints.roles import LEGAL_AFFAIRS  # noqa: E402

PASSWORD = "bench-password-long-enough-1"


class Rollback(Exception):
    pass


def photo(seed):
    out = io.BytesIO()
    Image.effect_noise((1600, 1200), 40 + seed).convert("RGB").save(out, format="JPEG", quality=85)
    return out.getvalue()


def _officer(name, group):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=name, password=PASSWORD, is_staff=True)
    group, _ = Group.objects.get_or_create(name=group)
    type(user).groups.through.objects.create(user_id=user.pk, group_id=group.pk)
    return user


def _many_reports(count, officer):
    """`count` reports with their own data keys sealed to `officer`, written in bulk (the
    reference counter is bypassed: these rows exist only inside the rolled-back transaction)."""
    from django.utils import timezone

    person = PersonKey.objects.get(user=officer)
    today = timezone.localdate()
    reports = []
    for i in range(count):
        report = CorruptionReport(category="other", description="x" * 300, accused="ผู้ถูกร้อง",
                                  reference=f"B-{i}", fiscal_year=1, sequence=i + 10, received_on=today,
                                  acknowledge_due=today, conclude_due=today)
        recipients.start_data_key(report)
        reports.append(report)
    CorruptionReport.objects.bulk_create(reports, batch_size=1000)
    SealedDataKey.objects.bulk_create([
        SealedDataKey(report=report, recipient=officer, sealed=primitives.seal(
            person.public_key, keys.data_key_for(report), primitives.data_key_context(report.data_key_id)))
        for report in reports], batch_size=1000)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=20000)
    count = parser.parse_args().reports
    settings.STORAGES["private"]["OPTIONS"]["location"] = tempfile.mkdtemp()
    print(f"Argon2id person: {settings.COMPLAINT_PERSON_KDF_MEMORY_KIB} KiB × "
          f"{settings.COMPLAINT_PERSON_KDF_ITERATIONS}; "
          f"receipt: {settings.COMPLAINT_RECEIPT_KDF_MEMORY_KIB} KiB × "
          f"{settings.COMPLAINT_RECEIPT_KDF_ITERATIONS}; lanes 1")
    try:
        with transaction.atomic():
            officer = _officer("bench-legal", LEGAL_AFFAIRS)
            recipients.new_own_key(officer, PASSWORD)  # their own password: the pinned root
            person = PersonKey.objects.get(user=officer)
            settings.COMPLAINT_KEY_ROOTS = [recipients.root_of(person)]
            med, worst = timed(lambda: session.unwrap_private(person, PASSWORD), 5)
            print(f"login: unwrap the private key: median {med:.0f} ms, max {worst:.0f} ms")

            photos = [evidence.prepare(SimpleUploadedFile(f"p{i}.jpg", photo(i)), False) for i in range(5)]
            with keys.fresh_keyring():
                med, worst = timed(lambda: services.file_report(
                    category="other", description="x" * 2000, reporter_identity="ชื่อ", files=photos), 3)
            print(f"file a report with 5 photos (seal + encrypt + store + receipt): "
                  f"median {med:.0f} ms, max {worst:.0f} ms")

            with keys.fresh_keyring():
                report, receipt = services.file_report(category="other", description="y" * 2000)
            right, _ = timed(lambda: CorruptionReport.objects.for_receipt(receipt), 5)
            wrong, _ = timed(lambda: CorruptionReport.objects.for_receipt(crypto.new_receipt()), 5)
            print(f"receipt look-up (Argon2id): right {right:.0f} ms, wrong {wrong:.0f} ms")

            private = session.unwrap_private(person, PASSWORD)

            def open_case():
                with keys.fresh_keyring() as ring:
                    ring.user_id, ring._private = officer.pk, private
                    opened = CorruptionReport.objects.get(pk=report.pk)
                    assert opened.description == "y" * 2000
                    list(opened.messages.all())

            med, worst = timed(open_case, 20)
            print(f"open a case page's report (fetch sealed keys, open, decrypt): median {med:.1f} ms")

            start = time.perf_counter()
            _many_reports(count, officer)
            print(f"({count} reports written in bulk for the grant: {time.perf_counter() - start:.0f} s)")
            newcomer = _officer("bench-newcomer", LEGAL_AFFAIRS)
            recipients.new_own_key(newcomer, PASSWORD)  # the grant endorses it first
            with keys.fresh_keyring() as ring:
                ring.user_id, ring._private = officer.pk, private
                start = time.perf_counter()
                left, batches = 1, 0
                while left:
                    done, left = recipients.grant(newcomer, batch=500)
                    batches += 1
                    if not done:
                        break
                took = time.perf_counter() - start
            held = SealedDataKey.objects.filter(recipient=newcomer).count()
            print(f"grant {held} reports to a new member ({batches} batches of 500): {took:.1f} s")
            med, worst = timed(open_case, 20)
            print(f"open a case page's report with {held} reports sealed to the officer: median {med:.1f} ms")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
