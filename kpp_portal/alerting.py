"""What an app offers to the alerts: its `alerts.py` lists TOPICS, one Topic per kind of news a
resident can subscribe to by e-mail (kpp_portal.discovery.alert_topics finds them), so the alerts
app names no app and a new app takes part by declaring a topic. No topic ever concerns the
complaint channel.

    class CategoryDocuments(Topic):
        key = "disclosures.category"           # stable: stored with each subscription
        title = _("เอกสารใหม่ในหมวด")
        def label(self, value): ...              # the thing subscribed to, or None if it is not one
        def new_items(self, values, since, until): ...   # {value: [Item]} published in (since, until]

`values` are all the subscribed values at once, so a run asks each topic one query, whatever the
number of subscribers. A topic whose items carry only a date (no time) returns those dated in
[since's day, until's day): a day's items go out the next morning, each exactly once.
"""
import dataclasses
import datetime

from django.utils import timezone


@dataclasses.dataclass(frozen=True)
class Item:
    title: str
    url: str  # a path on the portal
    date: datetime.date | datetime.datetime | None = None


class Topic:
    key = ""
    title = ""
    # A short hint for the value field when the topic takes free text (a search query).
    free_text = False

    def choices(self):
        """[(value, label)] to pick from, or [] when the value is free text or comes from a link."""
        return []

    def label(self, value):
        raise NotImplementedError

    def new_items(self, values, since, until):
        raise NotImplementedError


def day_window(since, until):
    """The whole days [since's day, until's day) in Bangkok, for topics whose items have a date only."""
    return timezone.localdate(since), timezone.localdate(until)
