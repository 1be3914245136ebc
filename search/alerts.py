"""A saved search, by e-mail (kpp_portal/alerting.py): what the portal-wide search newly finds."""
from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kpp_portal.alerting import Item, Topic, day_window
from kpp_portal.words import SEPARATOR, Query

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
        # A dated entry the morning after its day (visible_from is a schedule, not when it was
        # entered); an undated one once the time it is shown from has come.
        new = SearchEntry.objects.visible(until).filter(
            Q(date__gte=first, date__lt=last)
            | Q(date__isnull=True, visible_from__gt=since, visible_from__lte=until))
        found = defaultdict(list)
        for value in values:
            for entry in new.matching(Query(value)).order_by("date", "pk")[:20]:
                found[value].append(Item(entry.title.replace(SEPARATOR, ""), entry.url, entry.date))
        return found


TOPICS = [SavedSearch()]
