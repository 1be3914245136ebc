"""The budgets for expensive work: machine-wide slots, the child process, the pixel budget."""
import multiprocessing
import os
import signal
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kpp_portal import budget

from .test_uploads import png

FORK = multiprocessing.get_context("fork")


@pytest.fixture(autouse=True)
def slots(settings, tmp_path):
    settings.WORK_SLOTS_DIR = tmp_path / "slots"
    settings.WORK_SLOTS = {"files": 1, "argon2id": 1}
    settings.WORK_SLOT_WAIT_SECONDS = 0.2


def _hold(kind, ready, release):
    with budget.slot(kind):
        ready.set()
        release.wait(30)


@pytest.fixture
def held_elsewhere():
    """Another process (another gunicorn worker) holding a slot until the test ends."""
    started = []

    def hold(kind):
        ready, release = FORK.Event(), FORK.Event()
        process = FORK.Process(target=_hold, args=(kind, ready, release))
        process.start()
        assert ready.wait(10)
        started.append((process, release))
        return process

    yield hold
    for process, release in started:
        if process.is_alive():  # a killed one never answers the event
            release.set()
        process.join(10)


def test_a_slot_taken_by_another_process_is_refused_after_the_short_wait(held_elsewhere):
    held_elsewhere("argon2id")
    start = time.monotonic()
    with pytest.raises(budget.Busy):
        with budget.slot("argon2id"):
            pass
    assert 0.15 < time.monotonic() - start < 1.5
    with budget.slot("files"):  # the other kinds are not affected
        pass


def test_a_worker_that_dies_releases_its_slot(held_elsewhere):
    process = held_elsewhere("argon2id")
    os.kill(process.pid, signal.SIGKILL)
    process.join(5)
    with budget.slot("argon2id"):
        pass


def test_slots_are_counted_per_machine_not_per_process(held_elsewhere, settings):
    settings.WORK_SLOTS = {"files": 1, "argon2id": 2}
    held_elsewhere("argon2id")
    with budget.slot("argon2id"):  # the second slot
        with pytest.raises(budget.Busy):
            budget._acquire("argon2id")  # a third caller


@pytest.mark.django_db
def test_receipt_lookups_get_a_thai_503_while_argon2id_is_saturated(client, held_elsewhere):
    held_elsewhere("argon2id")
    response = client.post(reverse("complaints:track"), {"receipt": "12345-67890-12345-67890-12345"})
    assert response.status_code == 503 and response["Retry-After"]
    assert "พร้อมกันจำนวนมาก" in response.content.decode()


@pytest.mark.django_db
def test_a_report_with_files_is_refused_in_thai_while_file_checks_are_saturated(client, held_elsewhere):
    from tests.complaints.conftest import jpeg_with_gps, report_data

    held_elsewhere("files")
    response = client.post(reverse("complaints:report"), {
        **report_data(), "files": [SimpleUploadedFile("a.jpg", jpeg_with_gps())]})
    assert response.status_code == 400
    assert "พร้อมกันจำนวนมาก" in str(response.context["form"].errors["files"])
    assert response.context["form"]["description"].value()  # the text typed is kept


def _spin():
    while True:
        pass


def _hog():
    return bytearray(4 << 30)


def _crash():
    os.kill(os.getpid(), signal.SIGSEGV)


def _refuse():
    raise ValidationError("ไม่รับ", code="no")


@pytest.mark.parametrize("work", [_spin, _hog, _crash])
def test_work_over_its_budget_is_refused_in_thai_and_the_worker_goes_on(work, settings):
    settings.UPLOAD_WORK_SECONDS = 1.0
    settings.UPLOAD_WORK_MEMORY_MB = 64
    start = time.monotonic()
    with pytest.raises(ValidationError) as error:
        budget.sandboxed(work)
    assert error.value.error_list[0].code == "over_budget" and "เกินกว่าที่ระบบรับได้" in error.value.messages[0]
    assert time.monotonic() - start < 2.5
    assert budget.sandboxed(sum, [1, 2]) == 3  # this process, the worker, still serves


def test_a_refusal_in_the_child_keeps_its_message_and_code():
    with pytest.raises(ValidationError) as error:
        budget.sandboxed(_refuse)
    assert error.value.messages == ["ไม่รับ"] and error.value.error_list[0].code == "no"


def test_pictures_count_against_one_budget_per_request(settings):
    from services import files

    settings.UPLOAD_MAX_PIXELS = 1_000_000
    settings.UPLOAD_MAX_PIXELS_PER_REQUEST = 1_500_000
    picture = png(1000, 1000)
    budget._new_request()  # what request_started does
    try:
        files.prepare(SimpleUploadedFile("a.png", picture), files.PHOTO_KINDS, "ภาพ")
        with pytest.raises(ValidationError) as error:
            files.prepare(SimpleUploadedFile("b.png", picture), files.PHOTO_KINDS, "ภาพ")
        assert "ในครั้งเดียว" in error.value.messages[0]
    finally:
        budget._end_request()
    budget._new_request()  # what request_started does  # the next request has its own budget
    try:
        files.prepare(SimpleUploadedFile("c.png", picture), files.PHOTO_KINDS, "ภาพ")
    finally:
        budget._end_request()


@pytest.mark.django_db
def test_a_report_whose_pictures_together_exceed_the_request_budget_is_refused(client, settings):
    from complaints.models import CorruptionReport
    from tests.complaints.conftest import report_data

    settings.UPLOAD_MAX_PIXELS = 1_000_000
    settings.UPLOAD_MAX_PIXELS_PER_REQUEST = 1_500_000
    pictures = [SimpleUploadedFile(f"{n}.png", png(1000, 1000)) for n in range(2)]
    response = client.post(reverse("complaints:report"), {**report_data(), "files": pictures})
    assert response.status_code == 400
    assert "ในครั้งเดียว" in str(response.context["form"].errors["files"])
    assert not CorruptionReport.objects.exists()


def test_the_time_budget_is_for_the_whole_request(settings):
    settings.UPLOAD_WORK_SECONDS = 1.0
    budget._new_request()  # what request_started does
    try:
        budget.sandboxed(time.sleep, 0.7)
        start = time.monotonic()
        with pytest.raises(ValidationError):
            budget.sandboxed(time.sleep, 0.7)  # only what is left of the second
        assert time.monotonic() - start < 0.6
    finally:
        budget._end_request()
