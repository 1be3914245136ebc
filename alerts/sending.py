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


def leave_url(subscriber_token):
    return settings.SITE_URL + reverse("alerts:leave", args=[subscriber_token])


def leave_headers(subscriber_token):
    return {"List-Unsubscribe": f"<{leave_url(subscriber_token)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated"}


def _render(name, context):
    context = {"municipality": MunicipalityProfile.current(), "site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"alerts/email/{name}_subject.txt", context)
    return subject, render_to_string(f"alerts/email/{name}_body.txt", context)


# Placeholders filled per subscriber: characters no template output contains.
LABEL, SECTIONS, LEAVE = "\x00label\x00", "\x00sections\x00", "\x00leave\x00"


def _render_section(topic_title, items):
    return render_to_string("alerts/email/news_section.txt", {
        "topic_title": topic_title, "label": LABEL, "items": items, "site_url": settings.SITE_URL})


def send_confirmation(subscription):
    subscriber = subscription.subscriber
    subject, body = _render("confirm", {
        "subscription": subscription,
        "confirm_url": settings.SITE_URL + reverse("alerts:confirm", args=[subscription.confirm_token]),
        "leave_url": leave_url(subscriber.token),
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
    # Each thing's news is rendered once, and each mail put together from those texts: the
    # template engine runs per thing, not per subscriber (bench/alerts.py).
    sections = {key: _render_section(topics[key[0]].title, items) for key, items in news.items()}
    by_subscriber = defaultdict(list)
    for topic, value, label, email, token in subscriptions:
        if (topic, value) in sections:
            by_subscriber[email, token].append(sections[topic, value].replace(LABEL, label))
    subject, body = _render("news", {"daily": frequency == Frequency.DAILY, "sections": SECTIONS,
                                     "leave_url": LEAVE})
    messages = [{"to": email, "subject": subject, "headers": leave_headers(token),
                 "body": body.replace(SECTIONS, "".join(texts)).replace(LEAVE, leave_url(token))}
                for (email, token), texts in by_subscriber.items()]
    queued = outbox.send_many(messages)
    Run.objects.update_or_create(frequency=frequency, defaults={"until": now})
    return queued


def purge_unconfirmed(now=None):
    """Delete subscriptions left unconfirmed, then subscribers with nothing left."""
    limit = (now or timezone.now()) - timezone.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
    gone, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=limit).delete()
    Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=limit).delete()
    return gone
