"""Figures for files coming in (not a test; prints numbers).

    DEBUG=true python -m bench.uploads_bench

- a pixel bomb (a small PNG of 10,000 × 10,000 pixels): how long the evidence check takes to
  refuse it (or accept it) and how much memory the process needed, measured in a child process
  so that earlier work does not hide the peak;
- metadata stripping of typical evidence: a 12-megapixel phone photo, a PDF and a DOCX that
  each carry such a photo, run through the same path as the public report form.

Nothing touches the database.
"""
import io
import multiprocessing
import resource
import time
import zipfile

from bench.common import setup_django, timed

setup_django(DEBUG="true")

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image  # noqa: E402

from complaints import evidence  # noqa: E402


def pixel_bomb(side=10_000):
    out = io.BytesIO()
    # Noise on a few rows keeps the file a few hundred KB, like the one seen in the review.
    image = Image.new("RGB", (side, side))
    image.paste(Image.effect_noise((side, 12), 80).convert("RGB"), (0, 0))
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


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
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as docx:
        docx.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
                      'org/package/2006/content-types"><Default Extension="jpeg" ContentType="image/jpeg"/>'
                      '</Types>')
        docx.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxml'
                      'formats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p>'
                      '</w:body></w:document>')
        docx.writestr("word/media/image1.jpeg", photo)
        docx.writestr("word/media/image2.jpeg", photo)
    return out.getvalue()


def _check_bomb(data, answer):
    start = time.perf_counter()
    try:
        evidence.prepare(SimpleUploadedFile("bomb.png", data), False)
        outcome = "accepted"
    except ValidationError as error:
        outcome = f"refused: {error.messages[0]}"
    answer.put((outcome, (time.perf_counter() - start) * 1000))


def bomb_figures():
    data = pixel_bomb()
    queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_check_bomb, args=(data, queue))
    child.start()
    outcome, elapsed = queue.get()
    child.join()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"pixel bomb (10,000 × 10,000 PNG, {len(data) / 1024:.0f} KB): {outcome}")
    print(f"  evidence check: {elapsed:.0f} ms, peak memory of the checking process {peak_mb:.0f} MB")


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
    bomb_figures()
    stripping_figures()
