"""E-mail notices to a person about their request: the only mail they ever get from here.

A notice is a row first (EmailNotice) and is sent after the transaction commits, so a step that
rolls back sends nothing; a send that fails stays pending and `send_service_notices` (cron)
retries it with growing delays. The mail says what changed and where to read it, never the
reply itself: that stays behind the follow-up code, in case the address was mistyped. The one
exception is the receipt right after filing (reference and code, so a lost page loses nothing),
sent to any address the person gave; its code is kept only until the mail is sent or given up.
"""
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kpp_portal.models import MunicipalityProfile

from .models import EmailNotice

logger = logging.getLogger(__name__)


@receiver(post_save, sender=EmailNotice, dispatch_uid="services-notice-queued")
def _send_after_commit(sender, instance, created, raw=False, **kwargs):
    """A new notice row is sent once its transaction commits; one that rolls back sends nothing."""
    if created and not raw:
        transaction.on_commit(lambda: send(instance.pk))


def queue_receipt(request, code):
    """The reference and follow-up code, to the address the person gave when filing."""
    # Sent after the commit, like every notice (_send_after_commit).
    return EmailNotice.objects.create(request=request, kind=EmailNotice.Kind.RECEIPT, follow_up_code=code)


def _message(notice):
    request = notice.request
    latest = request.events.filter(is_public=True).order_by("-created_at", "-pk").first()
    context = {
        "request": request, "latest": latest, "municipality": MunicipalityProfile.current(),
        "follow_up_url": settings.SITE_URL + reverse("services:track"), "code": notice.follow_up_code,
    }
    name = "receipt" if notice.kind == EmailNotice.Kind.RECEIPT else "notice"
    subject = " ".join(render_to_string(f"services/email/{name}_subject.txt", context).split())
    body = render_to_string(f"services/email/{name}_body.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [request.email])


def _wanted(notice):
    """A receipt goes to any address given; news of a change only to a person who asked for it."""
    request = notice.request
    if notice.kind == EmailNotice.Kind.RECEIPT:
        return bool(request.email)
    return request.notify_by_email and request.email


def send(notice_id):
    """Send one pending notice; True when sent. Failures are recorded for the retry."""
    with transaction.atomic():
        notice = (EmailNotice.objects.select_for_update(skip_locked=True)
                  .select_related("request__request_type").filter(pk=notice_id, sent_at__isnull=True).first())
        if notice is None:
            return False
        request = notice.request
        notice.attempts += 1
        if not _wanted(notice):
            notice.sent_at, notice.last_error, notice.follow_up_code = (
                timezone.now(), "no address any more: not sent", "")
            notice.save(update_fields=["attempts", "sent_at", "last_error", "follow_up_code"])
            return False
        try:
            _message(notice).send()
        except Exception as error:  # the mail server is down or refuses: keep it for the retry
            notice.last_error = f"{type(error).__name__}: {error}"[:300]
            notice.next_attempt_at = timezone.now() + notice.retry_delay()
            if notice.attempts >= settings.SERVICE_NOTICE_MAX_ATTEMPTS:
                notice.follow_up_code = ""  # given up: the code is not kept for nothing
            notice.save(update_fields=["attempts", "last_error", "next_attempt_at", "follow_up_code"])
            logger.warning("notice %s for %s not sent (attempt %s)", notice.pk, request.reference,
                           notice.attempts)
            return False
        notice.sent_at, notice.last_error, notice.follow_up_code = timezone.now(), "", ""
        notice.save(update_fields=["attempts", "sent_at", "last_error", "follow_up_code"])
        return True


def send_pending(now=None):
    """(sent, still failing) for every notice due for another attempt."""
    now = now or timezone.now()
    pending = EmailNotice.objects.filter(
        sent_at__isnull=True, next_attempt_at__lte=now, attempts__lt=settings.SERVICE_NOTICE_MAX_ATTEMPTS,
    ).order_by("next_attempt_at").values_list("pk", flat=True)
    sent = failed = 0
    for notice_id in list(pending):
        if send(notice_id):
            sent += 1
        else:
            failed += 1
    return sent, failed
