"""The one way any e-mail leaves the portal: django-post-office's queue.

A message is a row first (post_office's Email), written in the caller's transaction, so a step
that rolls back sends nothing; `manage.py send_outbox` (cron, every few minutes) sends what is
queued, retries a failure with a delay up to POST_OFFICE's MAX_RETRIES, and keeps the row and its
log as the record of what was sent (`cleanup_mail`, daily, drops them after 90 days).
post_office keeps every body in plain text, so a message whose body holds a secret (a follow-up
code) is sent with `forget=True`: send_outbox blanks its body once it is sent or given up; and the
complaint channel sends only `channel_notice` texts, which say nothing of any report.
With OUTBOX_SEND_AT_ONCE (the tests) each message is sent as soon as its transaction commits.
"""
from email.utils import make_msgid

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from post_office import mail
from post_office.models import PRIORITY, STATUS, Email
from post_office.settings import get_message_id_fqdn, get_retry_timedelta

# Marks a row whose body send_outbox blanks after the send (context is unused without a template).
FORGET = {"forget": True}


def send(recipients, subject, body, *, headers=None, forget=False, sender=None):
    """Queue one message to `recipients` (an address or a list); returns the Email row, or None
    when there is nobody to send it to."""
    recipients = [recipients] if isinstance(recipients, str) else [r for r in recipients if r]
    if not recipients:
        return None
    # The row is made here rather than by post_office's mail.send, which renders subject and body
    # as Django templates: a "{%" typed by a resident would run as template code.
    email = Email.objects.create(
        from_email=sender or settings.DEFAULT_FROM_EMAIL, to=recipients, subject=" ".join(subject.split()),
        message=body, headers=headers or None, priority=PRIORITY.medium, status=STATUS.queued,
        context=FORGET if forget else None, message_id=make_msgid(domain=get_message_id_fqdn()),
    )
    if settings.OUTBOX_SEND_AT_ONCE:
        transaction.on_commit(lambda: _send_now(email.pk))
    return email


def send_many(messages):
    """Queue many messages in one bulk insert: each a dict of `to` (one address), `subject`,
    `body` and optional `headers`. Returns how many were queued."""
    sender, fqdn = settings.DEFAULT_FROM_EMAIL, get_message_id_fqdn()
    rows = [Email(from_email=sender, to=[m["to"]], subject=" ".join(m["subject"].split()), message=m["body"],
                  headers=m.get("headers") or None, priority=PRIORITY.medium, status=STATUS.queued,
                  message_id=make_msgid(domain=fqdn)) for m in messages]
    created = Email.objects.bulk_create(rows, batch_size=1000)
    if settings.OUTBOX_SEND_AT_ONCE:
        transaction.on_commit(send_queued)
    return len(created)


def send_each(recipients, subject, body, **options):
    """The same message queued once per address, so no recipient sees the others."""
    return [send(address, subject, body, **options) for address in sorted(set(recipients)) if address]


def _send_now(email_id):
    email = Email.objects.filter(pk=email_id, status=STATUS.queued).first()
    if email is not None and email.dispatch() == STATUS.failed:
        # Left to send_outbox's retries, as a failure in its own run would be.
        retry_at = timezone.now() + get_retry_timedelta()
        Email.objects.filter(pk=email_id).update(status=STATUS.requeued, number_of_retries=1,
                                                 scheduled_time=retry_at)
    forget_sent_bodies()


def send_queued():
    """(sent, failed, requeued): post_office's sending run, then the forgotten bodies."""
    result = mail.send_queued()
    forget_sent_bodies()
    return result


def forget_sent_bodies():
    """Blank the bodies marked `forget` that need no further attempt (sent, or failed for good)."""
    done = Email.objects.filter(context=FORGET).exclude(message="", html_message="").exclude(
        status=STATUS.queued).exclude(status=STATUS.requeued)
    return done.update(message="", html_message="")
