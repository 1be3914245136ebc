"""The council's meetings, by e-mail (kpp_portal/alerting.py): each meeting once it is published."""
from django.utils.translation import gettext_lazy as _

from kpp_portal.alerting import Item, Topic

from .models import Meeting

ALL = "all"


class CouncilMeetings(Topic):
    key = "council.meetings"
    title = _("การประชุมสภาเทศบาล")

    def choices(self):
        return [(ALL, _("ทุกการประชุมของสภาเทศบาล"))]

    def label(self, value):
        return dict(self.choices()).get(value)

    def new_items(self, values, since, until):
        meetings = (Meeting.objects.published().filter(created_at__gt=since, created_at__lte=until)
                    .select_related("session").order_by("starts_at"))
        items = [Item(str(meeting), meeting.get_absolute_url(), meeting.starts_at) for meeting in meetings]
        return {value: items for value in values if value == ALL}


TOPICS = [CouncilMeetings()]
