"""The one code path that files a report, used by the public form, staff intake and the demo."""
from contextlib import contextmanager

from django.db import transaction

from . import evidence
from .models import AuditEntry, CorruptionReport, ReportMessage


@contextmanager
def saved_files():
    """Collect files written to storage; delete them if the surrounding block fails, so a
    failed submission leaves neither rows nor orphaned files behind."""
    written = []
    try:
        yield written
    except BaseException:
        for stored in written:
            stored.stored.storage.delete(stored.stored.name)
        raise


def file_report(*, category, description, accused="", when_where="", reporter_identity="",
                reporter_contact="", files=(), channel="web", received_at=None, with_receipt=True,
                registered_by=None, is_sample=False, receipt=None):
    """Create a report and its files in one transaction; return (report, receipt or None)."""
    with saved_files() as written, transaction.atomic():
        report = CorruptionReport(
            category=category, channel=channel, description=description, accused=accused,
            when_where=when_where, reporter_identity=reporter_identity,
            reporter_contact=reporter_contact, is_sample=is_sample,
        )
        if received_at is not None:
            report.received_at = received_at
        report.save()
        for prepared in files:
            written.append(evidence.store(report, prepared, from_staff=registered_by is not None))
        receipt = report.issue_receipt(receipt) if with_receipt else None
        if registered_by is not None:
            AuditEntry.record(registered_by, AuditEntry.Action.INTAKE, report, report.get_channel_display())
    return report, receipt


def add_message(report, kind, body, files=(), author=None):
    """A message (from or to the reporter) or an internal note, with its files, atomically."""
    with saved_files() as written, transaction.atomic():
        message = ReportMessage.objects.create(report=report, kind=kind, body=body, author=author)
        for prepared in files:
            written.append(evidence.store(report, prepared, message=message, from_staff=author is not None))
        if author is not None:
            action = AuditEntry.Action.NOTE if kind == ReportMessage.Kind.INTERNAL_NOTE else AuditEntry.Action.MESSAGE
            AuditEntry.record(author, action, report)
    return message
