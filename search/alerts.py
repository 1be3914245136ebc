"""A saved search, by e-mail (kpp_portal/alerting.py): what the portal-wide search newly finds."""
from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kpp_portal.alerting import Item, Topic, day_window

from .models import SearchEntry

MAX_CHARS = 100


class SavedSearch(Topic):
    key = "search.query"
    title = _("ผลการค้นหาใหม่ของคำค้น")
    free_text = True

    def label(self, value):
        value = " ".join(value.split())
        return value if 0 < len(value) <= MAX_CHARS else None

    def new_items(self, values, since, until):
        first, last = day_window(since, until)
        # Dated entries the morning after their day; entries shown from a time when that comes.
        new = SearchEntry.objects.visible(until).filter(
            Q(visible_from__gt=since, visible_from__lte=until)
            | Q(visible_from__isnull=True, date__gte=first, date__lt=last))
        found = defaultdict(list)
        for value in values:
            for entry in new.matching(value).order_by("date", "pk")[:20]:
                found[value].append(Item(entry.title, entry.url, entry.date))
        return found


TOPICS = [SavedSearch()]
