"""A committee's meetings, by e-mail (kpp_portal/alerting.py): each meeting once it is published."""
from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from kpp_portal.alerting import Item, Topic

from .models import Committee, Meeting


class CommitteeMeetings(Topic):
    key = "committees.meetings"
    title = _("การประชุมของคณะกรรมการ")

    def choices(self):
        return [(str(pk), name) for pk, name in Committee.objects.values_list("pk", "name")]

    def label(self, value):
        if not value.isdigit():
            return None
        return Committee.objects.filter(pk=value).values_list("name", flat=True).first()

    def new_items(self, values, since, until):
        found = defaultdict(list)
        ids = [int(value) for value in values if value.isdigit()]
        for meeting in (Meeting.objects.published().filter(committee__in=ids, created_at__gt=since,
                                                           created_at__lte=until).order_by("starts_at")):
            found[str(meeting.committee_id)].append(
                Item(meeting.title, meeting.get_absolute_url(), meeting.starts_at))
        return found


TOPICS = [CommitteeMeetings()]
