"""Budgets for expensive work on untrusted input, held across every gunicorn worker.

- `slot(kind)`: at most WORK_SLOTS[kind] at once on this machine (file locks under
  WORK_SLOTS_DIR, so the cap holds across sync workers and needs neither Redis nor the
  database); a caller that finds no slot within WORK_SLOT_WAIT_SECONDS gets `Busy`, which the
  error middleware answers with a Thai 503. A worker that dies releases its slot with its files.
- `sandboxed(function, *args)`: the function runs in a forked child with limits on CPU time
  and memory and a wall-clock deadline, inside a "files" slot. A file that would take longer
  or more memory is refused in Thai and the worker goes on serving.
- A pixel and time budget per request: pictures decoded while serving one request count
  against UPLOAD_MAX_PIXELS_PER_REQUEST, file work against UPLOAD_WORK_SECONDS, however many
  files the request carries.
"""
import contextlib
import errno
import fcntl
import os
import pickle
import random
import resource
import select
import signal
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _


class Busy(Exception):
    """Every slot of a kind stayed taken for the whole wait."""


def busy_response():
    response = HttpResponse(loader.render_to_string("503_busy.html"), status=503)
    response["Retry-After"] = "10"
    return response


# -- slots --------------------------------------------------------------------------------------
_held = threading.local()


def _acquire(kind):
    """An open, flock-ed slot file descriptor, or Busy after the wait."""
    folder = Path(settings.WORK_SLOTS_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    count = max(1, int(settings.WORK_SLOTS[kind]))
    deadline = time.monotonic() + settings.WORK_SLOT_WAIT_SECONDS
    while True:
        first = random.randrange(count)  # spread the workers over the slots
        for number in range(count):
            fd = os.open(folder / f"{kind}-{(first + number) % count}", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC,
                         0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except OSError as error:
                os.close(fd)
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
        if time.monotonic() >= deadline:
            raise Busy(kind)
        time.sleep(0.02)


@contextlib.contextmanager
def slot(kind):
    """Hold one of the machine's WORK_SLOTS[kind] slots (re-entrant within a thread)."""
    held = getattr(_held, "kinds", None)
    if held is None:
        held = _held.kinds = set()
    if kind in held:
        yield
        return
    fd = _acquire(kind)
    held.add(kind)
    try:
        yield
    finally:
        held.discard(kind)
        os.close(fd)  # closing the descriptor releases the lock


# -- the budget of one request ------------------------------------------------------------------
@dataclass
class RequestBudget:
    pixels: int = 0
    started: float | None = None  # the first file work of the request, not its upload

    def seconds_left(self):
        if self.started is None:
            self.started = time.monotonic()
        return settings.UPLOAD_WORK_SECONDS - (time.monotonic() - self.started)


_request = ContextVar("kpp_request_budget", default=None)


def _new_request(**kwargs):
    _request.set(RequestBudget())


def _end_request(**kwargs):
    _request.set(None)


class RequestBudgetMiddleware:
    """Each request its own budget, dropped when the view returns: a budget left behind (a
    streamed response nobody closed, so no request_finished) must not bill later work."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _new_request()
        try:
            return self.get_response(request)
        finally:
            _end_request()


def pixels_error():
    limit = f"{settings.UPLOAD_MAX_PIXELS_PER_REQUEST / 1_000_000:,.1f}".removesuffix(".0")
    return ValidationError(
        _("ภาพทั้งหมดที่ส่งมาในครั้งเดียวมีขนาดรวมเกิน %(limit)s ล้านพิกเซล โปรดย่อภาพหรือส่งแยกเป็นหลายครั้ง")
        % {"limit": limit}, code="bomb")


def spend_pixels(count):
    """Count a picture about to be decoded against the request's pixel budget."""
    budget = _request.get()
    if budget is None:
        return
    if budget.pixels + count > settings.UPLOAD_MAX_PIXELS_PER_REQUEST:
        raise pixels_error()
    budget.pixels += count


def _pixels_spent():
    budget = _request.get()
    return budget.pixels if budget is not None else 0


# -- work in a child process --------------------------------------------------------------------
def over_budget_error():
    return ValidationError(
        _("ไฟล์นี้ใช้เวลาหรือหน่วยความจำในการตรวจเกินกว่าที่ระบบรับได้ ระบบจึงไม่รับไฟล์นี้ "
          "โปรดส่งไฟล์ที่เล็กลง หรือบันทึกเป็น PDF หรือภาพแล้วส่งใหม่"), code="over_budget")


def busy_error():
    return ValidationError(
        _("ขณะนี้มีผู้ส่งไฟล์เข้ามาพร้อมกันจำนวนมาก ระบบยังไม่ได้รับข้อมูลของท่าน โปรดส่งใหม่อีกครั้งในอีกสักครู่"),
        code="busy")


def _virtual_memory_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _limit_child(cpu_seconds):
    cpu = max(1, int(cpu_seconds + 0.999))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    # What the worker already maps plus the budget: a bomb hits MemoryError, not the machine.
    memory = _virtual_memory_bytes() + settings.UPLOAD_WORK_MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)


_inside_child = False
_child_deadline = None


def child_seconds_left():
    """Inside the child: the seconds left before the parent kills it (for a subprocess)."""
    return _child_deadline - time.monotonic() if _child_deadline is not None else settings.UPLOAD_WORK_SECONDS


def _child(function, args, cpu_seconds, write_fd):
    global _inside_child, _child_deadline
    _inside_child = True
    _child_deadline = time.monotonic() + cpu_seconds
    status = 1
    try:
        _limit_child(cpu_seconds)
        before = _pixels_spent()
        try:
            outcome = ("ok", function(*args))
        except ValidationError as error:
            outcome = ("refused", [(message, error.code) for message in error.messages])
        except MemoryError:
            outcome = ("over", None)
        payload = pickle.dumps((*outcome, _pixels_spent() - before))
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
        status = 0
    finally:
        os._exit(status)  # no atexit handlers, no database connection closed under the parent


def _read_until(read_fd, deadline):
    """Everything the child writes before `deadline`, or None when it runs past it."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _w, _x = select.select([read_fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(read_fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _in_child(function, args, seconds):
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child leaves through os._exit
        os.close(read_fd)
        _child(function, args, min(seconds, settings.UPLOAD_WORK_SECONDS), write_fd)
    os.close(write_fd)
    try:
        payload = _read_until(read_fd, time.monotonic() + seconds)
    finally:
        os.close(read_fd)
        if payload is None:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if not payload:
        raise over_budget_error()  # killed (CPU, memory) or past its time
    state, value, pixels = pickle.loads(payload)
    budget = _request.get()
    if budget is not None:
        budget.pixels += pixels
    if state == "ok":
        return value
    if state == "refused":
        raise ValidationError([ValidationError(message, code=code) for message, code in value])
    raise over_budget_error()


def _outside_request_seconds():
    # A command or the demo load, not a visitor: the same CPU budget per file, but a wall clock
    # with room for a busy machine (the child's CPU limit still stops a bomb).
    return settings.UPLOAD_WORK_SECONDS * 3


def sandboxed(function, *args):
    """`function(*args)` run in a child process within the budgets; its result must pickle.

    Raises the child's ValidationError, the Thai over-budget error when the child is killed
    or times out, and the Thai busy error when no slot frees up in time."""
    if _inside_child:
        return function(*args)
    budget = _request.get()
    seconds = _outside_request_seconds() if budget is None else budget.seconds_left()
    if seconds <= 0.05:
        raise over_budget_error()
    try:
        with slot("files"):
            # The wait for a slot comes out of the request's time too.
            seconds = _outside_request_seconds() if budget is None else budget.seconds_left()
            if seconds <= 0.05:
                raise over_budget_error()
            return _in_child(function, args, seconds)
    except Busy:
        raise busy_error() from None
