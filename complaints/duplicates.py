"""Likely repeats in the legal queue: a report whose description says what an earlier one said,
received shortly before (back, then send again; or the same person trying twice).

Nobody can be recognised in this channel and the text is encrypted per report, so each report
keeps a keyed fingerprint of its description sealed under its own data key, like the text. Only
an officer who can open both reports sees that they match; a copy of the database does not.
An officer then links the repeat to its original (it is closed as "เรื่องซ้ำ"), so the
statistics count both as received and the repeat once, as a duplicate.
"""
import datetime
import functools
import operator

from django.conf import settings
from django.db.models import Q
from django.utils.crypto import salted_hmac

from . import access, crypto, keys


def fingerprint(text):
    """The same for the same words, whatever the spacing; "" for no text."""
    words = " ".join((text or "").split())
    if not words or isinstance(text, crypto.Locked):
        return ""
    return salted_hmac("complaints.duplicates.fingerprint", words, algorithm="sha256").hexdigest()


def mark_likely_repeats(user, reports):
    """Set `likely_repeat` on each of `reports` (a page of the queue): the earliest report `user`
    may open that says the same and was received within COMPLAINT_REPEAT_WINDOW_DAYS before it
    (only the day of receipt is kept in plain text),
    or None. Reports already linked are not marked again."""
    from .models import CorruptionReport

    reports = list(reports)
    for report in reports:
        report.likely_repeat = None
    if not reports:
        return reports
    window = datetime.timedelta(days=settings.COMPLAINT_REPEAT_WINDOW_DAYS)
    # Each report's own window, not the span of the page: a page sorted by urgency spans years,
    # and every report in the span would have its data key opened.
    spans = []
    for day in sorted({report.received_on for report in reports}):
        if spans and day - window <= spans[-1][1]:
            spans[-1][1] = day
        else:
            spans.append([day - window, day])
    nearby = access.visible_reports(user, CorruptionReport.objects.filter(
        functools.reduce(operator.or_, (Q(received_on__range=span) for span in spans)),
        purged_at__isnull=True,
    ).exclude(text_fingerprint=""))
    # One query opens every data key needed (their ids a subquery, not a list sent back), then
    # the fingerprints are read like any text: plain rows, no model built for each.
    keys.keyring().preload(nearby.exclude(data_key_id="").values_list("data_key_id", flat=True))
    rows = nearby.order_by("received_on", "pk").values_list("pk", "reference", "received_on",
                                                            "text_fingerprint")
    earlier = [(at, pk, printed, reference) for pk, reference, at, printed in rows
               if not isinstance(printed, crypto.Locked)]
    mine = {pk: printed for _at, pk, printed, _reference in earlier}
    for report in reports:
        printed = mine.get(report.pk)
        if not printed or report.repeats_id:
            continue
        found = next(
            ((pk, reference) for at, pk, same, reference in earlier
             if same == printed and (at, pk) < (report.received_on, report.pk)
             and report.received_on - at <= window), None)
        if found:
            # As .only("pk", "reference") would load it.
            report.likely_repeat = CorruptionReport.from_db(nearby.db, ["id", "reference"], found)
    return reports
