"""The queue of published files to read (search.files.FileText), worked by
`manage.py read_documents` one file at a time: text layers first (seconds), then scans (OCR,
minutes). A file that fails is marked failed with its reason and the worker goes on."""
import logging
import time
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kpp_portal import pagecache

from . import index, reading
from .files import FileText

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3  # a file that failed this often waits for staff to ask again (admin: retry)


def _source_of(row):
    for source in index.sources():
        if ContentType.objects.get_for_model(source.model).pk == row.content_type_id:
            return source
    return None


def pending(ocr=True):
    """The rows to work, oldest first: files to read, then scans to OCR."""
    states = [FileText.State.PENDING, FileText.State.SCAN] if ocr else [FileText.State.PENDING]
    rows = FileText.objects.filter(state__in=states, attempts__lt=MAX_ATTEMPTS)
    return rows.order_by("state", "queued_at", "pk")


def _claim(row):
    # Two workers never read the same file: the one whose update finds the row as it was wins.
    return FileText.objects.filter(pk=row.pk, state=row.state, attempts=row.attempts).update(
        attempts=F("attempts") + 1) == 1


def work(row, ocr=True):
    """Read one row's file; True when the row was this worker's to read."""
    if not _claim(row):
        return False
    row.attempts += 1
    source = _source_of(row)
    obj = source and source.objects().filter(pk=row.object_id).first()
    file = obj and source.entry(obj).file
    if not file or file.name != row.name:
        row.delete()  # unpublished or replaced since: the index queues the file it shows now
        return True
    started = time.monotonic()
    try:
        with file.open("rb") as handle:
            data = handle.read()
        if row.state == FileText.State.PENDING:
            pages = reading.read_pages(row.kind, data)
            if row.kind == "pdf" and reading.looks_scanned(pages):
                row.is_scan, row.state = True, FileText.State.SCAN
                row.attempts = 0  # the OCR gets tries of its own
                row.save()
                return True
        elif not ocr:
            return True
        else:
            searchable, pages = reading.ocr(data)
            row.searchable.save(_beside(row.name), ContentFile(searchable), save=False)
    except ValidationError as error:
        return _failed(row, " ".join(error.messages))
    except Exception:  # a reader's bug must not stop the queue: the row says so, the log has the rest
        logger.exception("Reading %s failed", row.name)
        return _failed(row, _("เกิดข้อผิดพลาดในระบบระหว่างอ่านไฟล์"))
    row.text = reading.stored(pages)[:settings.DOCUMENT_TEXT_MAX_CHARACTERS]
    row.pages, row.state, row.error = len(pages), FileText.State.DONE, ""
    row.read_at, row.seconds = timezone.now(), time.monotonic() - started
    row.save()
    index.refresh(source, [row.object_id])
    pagecache.invalidate()  # after the index holds the text: a page cached in between is not kept
    return True


def _beside(name):
    path = PurePath(name)
    return str(path.with_name(f"{path.stem}.searchable.pdf"))


def _failed(row, reason):
    row.state, row.error = FileText.State.FAILED, reason[:300]
    row.save()
    return True


def retry(rows):
    """Staff asking for another try (admin): back in the queue with fresh attempts."""
    for row in rows:
        row.queue_again()
        row.attempts = 0
        row.save()
