"""What suppliers watch e-GP for, by e-mail (kpp_portal/alerting.py): new announcements, and
draft TORs open for comment. Announcements carry a date only: they go out the morning after."""
from django.utils.translation import gettext_lazy as _

from kpp_portal.alerting import Item, Topic, day_window

from .models import Announcement, AnnouncementKind

ALL = "all"


class Announcements(Topic):
    key = "procurement.announcements"
    title = _("ประกาศจัดซื้อจัดจ้าง")

    def choices(self):
        return [(ALL, _("ประกาศทุกประเภท")), (AnnouncementKind.DRAFT_TOR, _("ร่าง TOR ที่เปิดรับฟังความคิดเห็น"))]

    def label(self, value):
        return dict(self.choices()).get(value)

    def new_items(self, values, since, until):
        first, last = day_window(since, until)
        announced = (Announcement.objects.published().filter(announced_on__gte=first, announced_on__lt=last)
                     .order_by("announced_on", "pk"))
        items = [(a.kind, Item(f"{a.get_kind_display()}: {a.title}", a.get_absolute_url(), a.announced_on))
                 for a in announced]
        return {value: [item for kind, item in items if value == ALL or kind == value] for value in values}


TOPICS = [Announcements()]
