"""Hostile files (tests/hostile.py) against every way a file comes in: each is refused or
cleaned within the budget (answered well inside 5 s) and the worker goes on serving."""
import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from complaints import evidence
from kpp_portal import budget
from kpp_portal.importing import read_rows
from services import files
from tests import hostile

ANSWER_WITHIN = 5.0


@pytest.fixture(autouse=True)
def one_request(settings, tmp_path):
    """Each case as one request of its own, with this checkout's slots."""
    settings.WORK_SLOTS_DIR = tmp_path / "slots"
    budget._new_request()
    yield
    budget._end_request()


def _timed(function, *args):
    start = time.monotonic()
    try:
        outcome = function(*args)
    except ValidationError as error:
        outcome = error
    elapsed = time.monotonic() - start
    assert elapsed < ANSWER_WITHIN, f"{elapsed:.1f} s"
    budget._new_request()  # the worker still serves the next request
    assert budget.sandboxed(sum, [1, 1]) == 2
    return outcome


def _evidence(name, data, keep=False):
    return _timed(evidence.prepare, SimpleUploadedFile(name, data), keep)


def _refused(outcome, *words):
    assert isinstance(outcome, ValidationError), outcome
    for word in words:
        assert word in " ".join(outcome.messages), outcome.messages


EVIDENCE_REFUSED = {
    "rsids.docx": (hostile.rsids_docx, "เสียหาย"),
    "laughs.docx": (hostile.billion_laughs_docx, "เสียหาย"),
    "entity.docx": (hostile.external_entity_docx, "เสียหาย"),
    "zipbomb.docx": (hostile.zip_bomb_docx, "แตกออก"),
    "bomb.png": (hostile.png_bomb, "พิกเซล"),
    "frames.gif": (hostile.gif_frames, "ชนิดไฟล์"),
    "bomb.tiff": (hostile.tiff_bomb, "ชนิดไฟล์"),
    "picture.avif": (hostile.avif, "ชนิดไฟล์"),
    "picture.heic": (hostile.fake_heic, "HEIC"),
    "script.svg": (lambda: hostile.SVG_WITH_SCRIPT, "ชนิดไฟล์"),
    "script.jpg": (lambda: hostile.SVG_WITH_SCRIPT, "ชนิดไฟล์"),
    "page.jpg": (lambda: hostile.HTML_AS_JPEG, "ชนิดไฟล์"),
}


@pytest.mark.parametrize("name", EVIDENCE_REFUSED)
def test_hostile_evidence_is_refused_within_the_budget(name):
    make, word = EVIDENCE_REFUSED[name]
    _refused(_evidence(name, make()), word)


@pytest.mark.parametrize("make", [hostile.billion_laughs_docx, hostile.external_entity_docx])
def test_entity_tricks_are_refused_even_when_the_metadata_is_kept(make):
    _refused(_evidence("a.docx", make(), keep=True), "เสียหาย")


def test_an_animated_webp_is_kept_as_one_still_picture():
    prepared = _evidence("a.webp", hostile.animated_webp())
    still = Image.open(io.BytesIO(prepared.data))
    assert still.format == "WEBP" and getattr(still, "n_frames", 1) == 1


def test_a_pdf_zip_polyglot_loses_its_archive():
    prepared = _evidence("a.pdf", hostile.pdf_zip_polyglot())
    assert prepared.data.startswith(b"%PDF") and b"payload.html" not in prepared.data
    assert not zipfile.is_zipfile(io.BytesIO(prepared.data))


def test_thousands_of_gif_frames_inside_a_docx_become_one():
    prepared = _evidence("a.docx", hostile.docx(extra=[("word/media/image1.gif", hostile.gif_frames())]))
    with zipfile.ZipFile(io.BytesIO(prepared.data)) as archive:
        assert getattr(Image.open(io.BytesIO(archive.read("word/media/image1.gif"))), "n_frames", 1) == 1


def test_a_tiff_bomb_inside_a_docx_is_refused_before_decoding():
    _refused(_evidence("a.docx", hostile.docx(extra=[("word/media/image1.tiff", hostile.tiff_bomb())])),
             "พิกเซล")


@pytest.mark.django_db
def test_the_rsids_docx_through_the_report_form(client):
    from complaints.models import CorruptionReport
    from tests.complaints.conftest import report_data

    start = time.monotonic()
    response = client.post(reverse("complaints:report"), {
        **report_data(), "files": [SimpleUploadedFile("memo.docx", hostile.rsids_docx())]})
    assert response.status_code == 400 and time.monotonic() - start < ANSWER_WITHIN
    assert len(hostile.rsids_docx()) < 2_000
    assert not CorruptionReport.objects.exists()


SERVICE_REFUSED = {
    "bomb.png": (hostile.png_bomb, "พิกเซล"),
    "page.jpg": (lambda: hostile.HTML_AS_JPEG, "ชนิดไฟล์"),
    "script.svg": (lambda: hostile.SVG_WITH_SCRIPT, "ชนิดไฟล์"),
    "frames.gif": (hostile.gif_frames, "ชนิดไฟล์"),
    "zipbomb.docx": (hostile.zip_bomb_docx, "แตกออก"),
}


@pytest.mark.parametrize("name", SERVICE_REFUSED)
def test_hostile_e_service_files_are_refused_within_the_budget(name):
    make, word = SERVICE_REFUSED[name]
    kinds = files.PHOTO_KINDS | files.DOCUMENT_KINDS
    _refused(_timed(files.prepare, SimpleUploadedFile(name, make()), kinds, "ไฟล์แนบ"), word)


def test_an_animated_webp_photo_becomes_one_still_jpeg():
    prepared = _timed(files.prepare, SimpleUploadedFile("a.webp", hostile.animated_webp()), files.PHOTO_KINDS,
                      "ภาพถ่าย")
    assert Image.open(io.BytesIO(prepared.data)).format == "JPEG"


IMPORTS_REFUSED = {
    "50,000 rows × 1,000 columns": (hostile.huge_xlsx, "แตกออก"),
    "2,000 rows × 1,000 columns": (lambda: hostile.huge_xlsx(2_000, 1_000), ""),
    "billion laughs": (hostile.billion_laughs_xlsx, "Excel"),
    "external entity": (hostile.external_entity_xlsx, "Excel"),
}


@pytest.mark.parametrize("case", IMPORTS_REFUSED)
def test_hostile_spreadsheets_are_refused_by_the_importer_within_the_budget(case):
    make, word = IMPORTS_REFUSED[case]
    _refused(_timed(read_rows, SimpleUploadedFile("a.xlsx", make()), {"name": "ชื่อ"}), word)


def test_the_importer_stops_reading_one_row_past_its_limit():
    from kpp_portal import importing

    sheet = hostile.xlsx([["ชื่อ"]] + [[str(n)] for n in range(500)])
    assert len(importing._cells(sheet, "xlsx", 50)) == 52  # the heading, 50 rows, one too many
    _refused(_timed(read_rows, SimpleUploadedFile("a.xlsx", sheet), {"name": "ชื่อ"}, (), 50), "แถว")


def test_the_importer_still_reads_an_honest_sheet():
    rows = _timed(read_rows, SimpleUploadedFile("a.xlsx", hostile.xlsx([["ชื่อ"], ["สมศรี"]])), {"name": "ชื่อ"})
    assert rows == [{"name": "สมศรี"}]
