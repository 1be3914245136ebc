"""Figures for the anti-corruption channel (not a test; prints numbers).

    DEBUG=true python -m bench.complaints_bench            # SQLite dev database
    DATABASE_URL=postgres://… DEBUG=true python -m bench.complaints_bench

Everything runs inside a transaction that is rolled back, and files go to a temporary folder.
"""
import io
import tempfile

from bench.common import setup_django, timed

setup_django(DEBUG="true")

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import transaction  # noqa: E402
from PIL import Image  # noqa: E402

from complaints import crypto, evidence, services  # noqa: E402
from complaints.models import CorruptionReport  # noqa: E402


def photo(width, height):
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (16.0, 28.0, 12.0)}
    Image.effect_noise((width, height), 60).convert("RGB").save(out, format="JPEG", quality=90, exif=exif)
    return out.getvalue()


class Rollback(Exception):
    pass


def main():
    settings.STORAGES["private"]["OPTIONS"]["location"] = tempfile.mkdtemp()
    big = photo(4000, 3000)
    print(f"12-megapixel JPEG with GPS: {len(big) / 1e6:.1f} MB")
    med, worst = timed(lambda: evidence.prepare(SimpleUploadedFile("p.jpg", big), False), 5)
    print(f"check + strip (Pillow re-encode): median {med:.0f} ms, max {worst:.0f} ms")
    try:
        with transaction.atomic():
            prepared = evidence.prepare(SimpleUploadedFile("p.jpg", big), False)
            med, worst = timed(
                lambda: services.file_report(category="other", description="x" * 500, files=[prepared]), 5
            )
            print(
                f"file a report with that photo (encrypt + store + receipt): "
                f"median {med:.0f} ms, max {worst:.0f} ms"
            )
            for _ in range(995):
                services.file_report(category="other", description="x" * 200, with_receipt=False)
            count = CorruptionReport.objects.count()
            report, receipt = services.file_report(category="other", description="y" * 200)
            right, _ = timed(lambda: CorruptionReport.objects.for_receipt(receipt), 5)
            wrong, _ = timed(lambda: CorruptionReport.objects.for_receipt(crypto.new_receipt()), 5)
            malformed, _ = timed(lambda: CorruptionReport.objects.for_receipt("12"), 5)
            print(f"receipt look-up over {count + 1} reports (median of 5): right {right:.3f} ms, "
                  f"wrong {wrong:.3f} ms, malformed {malformed:.3f} ms")
            from complaints import statistics as stats

            med, _ = timed(stats.yearly_table, 10)
            print(f"statistics table over {count + 1} reports: median {med:.0f} ms")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
