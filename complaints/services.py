"""The one code path that files a report (public form, staff intake, demo) and the one that
removes it (admin delete, retention purge)."""
import datetime
import os

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kpp_portal.filecleanup import removed_on_failure

from . import evidence, recipients
from .duplicates import fingerprint
from .models import AuditEntry, CorruptionReport, PurgedReportFigures, ReportMessage, Status


def _to_the_day(written):
    """A file's modification time is the filing time to the second, and backups and copies
    keep it: set it (and its folder's) to the start of the day, as the rows keep only the day.
    (Object storage has no such time to set; the file system's change time stays.)"""
    day = datetime.datetime.combine(timezone.localdate(), datetime.time())
    midnight = timezone.make_aware(day).timestamp()
    for field_file in written:
        try:
            path = field_file.path
        except NotImplementedError:
            continue
        for touched in (path, os.path.dirname(path)):
            os.utime(touched, (midnight, midnight))


def file_report(*, category, description, accused="", when_where="", reporter_identity="",
                reporter_contact="", files=(), channel="web", received_on=None, with_receipt=True,
                registered_by=None, is_sample=False, receipt=None):
    """Create a report and its files in one transaction; return (report, receipt or None).

    `received_on` is the day a report came by another channel; without it the report is
    received now, and the time of day is kept only under the report's own key."""
    now = timezone.localtime()
    with removed_on_failure() as written, transaction.atomic():
        report = CorruptionReport(
            category=category, channel=channel, description=description, accused=accused,
            when_where=when_where, reporter_identity=reporter_identity,
            reporter_contact=reporter_contact, is_sample=is_sample,
            received_on=received_on or now.date(),
            received_time="" if received_on else now.strftime("%H:%M"),
            text_fingerprint=fingerprint(description),
        )
        recipients.start_data_key(report)  # its own data key, open only in this context
        report.save()
        recipients.seal_new_report(report)  # sealed (public keys only) to everyone who may read it
        for prepared in files:
            written.append(evidence.store(report, prepared, from_staff=registered_by is not None).stored)
        receipt = report.issue_receipt(receipt) if with_receipt else None
        if registered_by is not None:
            AuditEntry.record(registered_by, AuditEntry.Action.INTAKE, report, report.get_channel_display())
    _to_the_day(written)
    return report, receipt


def transition(report, to_status, by, **details):
    """Move a report along the workflow; escalated, its data key (open here) is sealed to the
    supervisor when their key is endorsed (False otherwise: an officer grants it later)."""
    change = report.transition(to_status, by=by, **details)
    if change.to_status == Status.ESCALATED and report.data_key_id:
        recipients.seal_to(report, report.escalated_to)
    return change


def add_message(report, kind, body, files=(), author=None):
    """A message (from or to the reporter) or an internal note, with its files, atomically."""
    with removed_on_failure() as written, transaction.atomic():
        message = ReportMessage.objects.create(report=report, kind=kind, body=body, author=author)
        for prepared in files:
            stored = evidence.store(report, prepared, message=message, from_staff=author is not None)
            written.append(stored.stored)
        if author is not None:
            internal = kind == ReportMessage.Kind.INTERNAL_NOTE
            action = AuditEntry.Action.NOTE if internal else AuditEntry.Action.MESSAGE
            AuditEntry.record(author, action, report)
    _to_the_day(written)
    return message


@transaction.atomic
def delete_report(report, by=None):
    """Remove a report for good: its row, text, messages and files. What the statistics count
    stays (PurgedReportFigures) and its reference number is never given out again. `by` is the
    officer deleting it in the admin; None for the retention purge."""
    files = report.files.count()  # their stored files go with the rows (kpp_portal.filecleanup)
    PurgedReportFigures.keep_for(report)
    if by is None:
        AuditEntry.record(None, AuditEntry.Action.PURGE, report, f"deleted, {files} file(s)")
    else:
        AuditEntry.record(by, AuditEntry.Action.DELETE, report, f"{files} file(s)")
    report.delete()


@transaction.atomic
def anonymise_report(report):
    """Keep the row and what the statistics count (category, channel, dates, outcome); drop the
    text, identity, messages, notes, files and the receipt."""
    files = report.files.count()
    report.files.all().delete()  # the stored files go after the commit (kpp_portal.filecleanup)
    report.messages.all().delete()
    report.sealed_keys.all().delete()
    report.recovery_keys.all().delete()
    report.status_changes.update(note="", public_note="")
    CorruptionReport.objects.filter(pk=report.pk).update(
        accused="", when_where="", description="", reporter_identity="", reporter_contact="",
        text_fingerprint="", has_reporter_identity=False, receipt_hash=None, receipt_key=None,
        purged_at=timezone.now(),
    )
    AuditEntry.record(None, AuditEntry.Action.PURGE, report, f"anonymised, {files} file(s)")


def purge_report(report):
    """The retention purge of one concluded report, as COMPLAINT_PURGE_MODE says."""
    if settings.COMPLAINT_PURGE_MODE == "delete":
        delete_report(report)
    else:
        anonymise_report(report)
