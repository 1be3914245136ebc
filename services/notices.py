"""E-mail notices to a person about their request: the only mail they ever get from here.

A notice is a row first (EmailNotice) and is sent after the transaction commits, so a step that
rolls back sends nothing; a send that fails stays pending and `send_service_notices` (cron)
retries it with growing delays. The mail says what changed and where to read it, never the
reply itself: that stays behind the follow-up code, in case the address was mistyped.
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


def _message(request):
    latest = request.events.filter(is_public=True).order_by("-created_at", "-pk").first()
    context = {
        "request": request, "latest": latest, "municipality": MunicipalityProfile.current(),
        "follow_up_url": settings.SITE_URL + reverse("services:track"),
    }
    subject = " ".join(render_to_string("services/email/notice_subject.txt", context).split())
    body = render_to_string("services/email/notice_body.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [request.email])


def send(notice_id):
    """Send one pending notice; True when sent. Failures are recorded for the retry."""
    with transaction.atomic():
        notice = (EmailNotice.objects.select_for_update(skip_locked=True)
                  .select_related("request__request_type").filter(pk=notice_id, sent_at__isnull=True).first())
        if notice is None:
            return False
        request = notice.request
        notice.attempts += 1
        if not (request.notify_by_email and request.email):
            notice.sent_at, notice.last_error = timezone.now(), "no address any more: not sent"
            notice.save(update_fields=["attempts", "sent_at", "last_error"])
            return False
        try:
            _message(request).send()
        except Exception as error:  # the mail server is down or refuses: keep it for the retry
            notice.last_error = f"{type(error).__name__}: {error}"[:300]
            notice.next_attempt_at = timezone.now() + notice.retry_delay()
            notice.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning("notice %s for %s not sent (attempt %s)", notice.pk, request.reference,
                           notice.attempts)
            return False
        notice.sent_at, notice.last_error = timezone.now(), ""
        notice.save(update_fields=["attempts", "sent_at", "last_error"])
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
