"""The mails of the alerts, all through the portal's outbox: the confirmation of a subscription,
and each run's news (immediate every few minutes, the digest once a day), one mail per
subscriber per run, each with its one-click leave link (RFC 8058)."""
from collections import defaultdict

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kpp_portal import outbox
from kpp_portal.discovery import alert_topics
from kpp_portal.models import MunicipalityProfile

from .models import Frequency, Run, Subscriber, Subscription


def leave_headers(subscriber_token):
    url = settings.SITE_URL + reverse("alerts:leave", args=[subscriber_token])
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated"}


def _render(name, context):
    context = {"municipality": MunicipalityProfile.current(), "site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"alerts/email/{name}_subject.txt", context)
    return subject, render_to_string(f"alerts/email/{name}_body.txt", context)


def send_confirmation(subscription):
    subscriber = subscription.subscriber
    subject, body = _render("confirm", {
        "subscription": subscription,
        "confirm_url": settings.SITE_URL + reverse("alerts:confirm", args=[subscription.confirm_token]),
        "leave_url": settings.SITE_URL + reverse("alerts:leave", args=[subscriber.token]),
        "days": settings.ALERTS_UNCONFIRMED_DAYS,
    })
    outbox.send(subscriber.email, subject, body, headers=leave_headers(subscriber.token))


def run(frequency, now=None):
    """Queue the news since the last run of `frequency`; returns the number of mails queued."""
    now = now or timezone.now()
    last = Run.objects.filter(frequency=frequency).first()
    since = last.until if last else now - timezone.timedelta(days=1)
    subscriptions = list(Subscription.objects.filter(frequency=frequency, confirmed_at__isnull=False)
                         .values_list("topic", "value", "label", "subscriber__email", "subscriber__token"))
    wanted = defaultdict(set)
    for topic, value, *_rest in subscriptions:
        wanted[topic].add(value)
    topics = alert_topics()
    news = {}
    for key, values in wanted.items():
        if key in topics:  # a topic an app no longer declares sends nothing
            for value, items in topics[key].new_items(sorted(values), since, now).items():
                if items:
                    news[key, value] = items
    by_subscriber = defaultdict(list)
    for topic, value, label, email, token in subscriptions:
        if (topic, value) in news:
            by_subscriber[email, token].append((topics[topic].title, label, news[topic, value]))
    messages = []
    for (email, token), sections in by_subscriber.items():
        subject, body = _render("news", {
            "sections": sections, "daily": frequency == Frequency.DAILY,
            "leave_url": settings.SITE_URL + reverse("alerts:leave", args=[token]),
        })
        messages.append({"to": email, "subject": subject, "body": body, "headers": leave_headers(token)})
    queued = outbox.send_many(messages)
    Run.objects.update_or_create(frequency=frequency, defaults={"until": now})
    return queued


def purge_unconfirmed(now=None):
    """Delete subscriptions left unconfirmed, then subscribers with nothing left."""
    limit = (now or timezone.now()) - timezone.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
    gone, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=limit).delete()
    Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=limit).delete()
    return gone
