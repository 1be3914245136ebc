"""E-mail notices to a person about their request: the only mail they ever get from here.

A notice row (EmailNotice) is handed to the portal's outbox in the same transaction, so a step
that rolls back sends nothing, and the outbox sends and retries it (kpp_portal/outbox.py). The
mail says what changed and where to read it, never the reply itself: that stays behind the
follow-up code, in case the address was mistyped. The one exception is the receipt right after
filing (reference and code, so a lost page loses nothing), sent to any address the person gave;
its code is never kept on the notice, and the outbox forgets the receipt's body once sent.
"""
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kpp_portal import outbox
from kpp_portal.models import MunicipalityProfile

from .models import EmailNotice


@receiver(post_save, sender=EmailNotice, dispatch_uid="services-notice-queued")
def _queue(sender, instance, created, raw=False, **kwargs):
    """A new notice row goes into the outbox in its own transaction."""
    if created and not raw:
        queue(instance)


def queue_receipt(request, code):
    """The reference and follow-up code, to the address the person gave when filing."""
    return EmailNotice.objects.create(request=request, kind=EmailNotice.Kind.RECEIPT, follow_up_code=code)


def _message(notice):
    request = notice.request
    latest = request.events.filter(is_public=True).order_by("-created_at", "-pk").first()
    context = {
        "request": request, "latest": latest, "municipality": MunicipalityProfile.current(),
        "follow_up_url": settings.SITE_URL + reverse("services:track"), "code": notice.follow_up_code,
    }
    name = "receipt" if notice.kind == EmailNotice.Kind.RECEIPT else "notice"
    subject = render_to_string(f"services/email/{name}_subject.txt", context)
    return subject, render_to_string(f"services/email/{name}_body.txt", context)


def _wanted(notice):
    """A receipt goes to any address given; news of a change only to a person who asked for it."""
    request = notice.request
    if notice.kind == EmailNotice.Kind.RECEIPT:
        return bool(request.email)
    return request.notify_by_email and request.email


def queue(notice):
    """Hand one notice to the outbox; the notice keeps when, never the code."""
    if _wanted(notice):
        subject, body = _message(notice)
        outbox.send(notice.request.email, subject, body, forget=notice.kind == EmailNotice.Kind.RECEIPT)
        notice.last_error = ""
    else:
        notice.last_error = "no address any more: not sent"
    notice.sent_at, notice.follow_up_code, notice.attempts = timezone.now(), "", 1
    notice.save(update_fields=["sent_at", "follow_up_code", "attempts", "last_error"])
