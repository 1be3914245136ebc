"""Figures for files coming in (not a test; prints numbers).

    DEBUG=true python -m bench.uploads_bench

- the hostile corpus (tests/hostile.py) against the path each file would take (evidence, an
  E-Service attachment, the spreadsheet importer): the outcome, the time to answer and the
  peak memory, each measured in a fresh process (the one that would be the worker) together
  with the budget's child process that read the file;
- metadata stripping of typical evidence: a 12-megapixel phone photo, a PDF and a DOCX that
  each carry such a photo, run through the same path as the public report form.

Nothing touches the database.
"""
import io
import multiprocessing
import resource
import time

from bench.common import setup_django, timed

setup_django(DEBUG="true")

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image  # noqa: E402

from complaints import evidence  # noqa: E402
from kpp_portal import budget  # noqa: E402
from kpp_portal.importing import read_rows  # noqa: E402
from services import files  # noqa: E402
from tests import hostile  # noqa: E402
from tests.foundation.test_hostile_files import (  # noqa: E402
    EVIDENCE_REFUSED,
    IMPORTS_REFUSED,
    SERVICE_REFUSED,
)


def _evidence(name, data):
    return evidence.prepare(SimpleUploadedFile(name, data), False)


def _attachment(name, data):
    return files.prepare(SimpleUploadedFile(name, data), files.PHOTO_KINDS | files.DOCUMENT_KINDS, "ไฟล์แนบ")


def _spreadsheet(name, data):
    return read_rows(SimpleUploadedFile(name, data), {"name": "ชื่อ"})


# The tests' tables of hostile files, and a few that are cleaned rather than refused.
CORPUS = [
    *((f"evidence: {name}", _evidence, name, make) for name, (make, _word) in EVIDENCE_REFUSED.items()),
    *((f"E-Service: {name}", _attachment, name, make) for name, (make, _word) in SERVICE_REFUSED.items()),
    *((f"import: {case}", _spreadsheet, "a.xlsx", make) for case, (make, _word) in IMPORTS_REFUSED.items()),
    ("evidence: PNG 7,000 × 7,000 (under the limit)", _evidence, "a.png",
     lambda: hostile.png_bomb(7_000, 7_000)),
    ("evidence: animated WebP", _evidence, "a.webp", hostile.animated_webp),
    ("evidence: PDF/ZIP polyglot", _evidence, "a.pdf", hostile.pdf_zip_polyglot),
    ("evidence: 2,000 GIF frames in a DOCX", _evidence, "a.docx",
     lambda: hostile.docx(extra=[("word/media/image1.gif", hostile.gif_frames())])),
]


def _measure(function, name, data, answer):
    budget._new_request()
    start = time.perf_counter()
    try:
        function(name, data)
        outcome = "cleaned"
    except ValidationError as error:
        outcome = f"refused ({error.error_list[0].code}): {error.messages[0][:60]}"
    elapsed = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    answer.put((outcome, elapsed, own, child))


def corpus_figures():
    context = multiprocessing.get_context("fork")
    print(f"{'file':48} {'bytes':>10} {'time':>8} {'worker':>8} {'child':>8}  outcome")
    for label, function, name, make in CORPUS:
        data = make()
        answer = context.Queue()
        process = context.Process(target=_measure, args=(function, name, data, answer))
        process.start()
        outcome, elapsed, own, child = answer.get()
        process.join()
        print(f"{label:48} {len(data):>10,} {elapsed:>7.2f}s {own:>6.0f}MB {child:>6.0f}MB  {outcome}")


def phone_photo(width=4000, height=3000):
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (16.0, 28.0, 12.0)}
    Image.effect_noise((width, height), 60).convert("RGB").save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def pdf_with(photo):
    out = io.BytesIO()
    Image.open(io.BytesIO(photo)).save(out, "PDF", resolution=300)
    return out.getvalue()


def docx_with(photo):
    return hostile.docx(extra=[("word/media/image1.jpeg", photo), ("word/media/image2.jpeg", photo)])


def stripping_figures():
    photo, small = phone_photo(), phone_photo(2000, 1500)
    samples = {
        "12-MP JPEG with GPS": ("p.jpg", photo),
        "PDF holding a 3-MP photo": ("p.pdf", pdf_with(small)),
        "DOCX holding a 3-MP photo twice": ("p.docx", docx_with(small)),
    }
    for label, (name, data) in samples.items():
        def strip(name=name, data=data):
            evidence.prepare(SimpleUploadedFile(name, data), False)

        med, worst = timed(strip, 5)
        print(f"strip metadata, {label} ({len(data) / 1e6:.1f} MB): median {med:.0f} ms, max {worst:.0f} ms")


if __name__ == "__main__":
    corpus_figures()
    stripping_figures()
