"""RSS and Atom: new council meetings (from their notice) and minutes once adopted."""
import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Meeting


class NewMeetingsRss(Feed):
    title = _("การประชุมสภาเทศบาล")
    link = reverse_lazy("council:index")
    description = _("การประชุมสภาเทศบาลที่ประกาศใหม่")

    def items(self):
        return Meeting.objects.published().select_related("session").order_by("-created_at")[:20]

    def item_title(self, meeting):
        return str(meeting)

    def item_description(self, meeting):
        return meeting.notice or meeting.place

    def item_pubdate(self, meeting):
        return meeting.created_at

    def item_updateddate(self, meeting):
        return meeting.updated_at


class NewMeetingsAtom(NewMeetingsRss):
    feed_type = Atom1Feed
    subtitle = NewMeetingsRss.description


class AdoptedMinutesRss(Feed):
    title = _("รายงานการประชุมสภาเทศบาลที่รับรองแล้ว")
    link = reverse_lazy("council:index")
    description = _("รายงานการประชุมสภาเทศบาลที่สภารับรองแล้ว")

    def items(self):
        return (Meeting.objects.minutes_adopted().select_related("session")
                .order_by("-minutes_adopted_on")[:20])

    def item_title(self, meeting):
        return _("รายงานการประชุม: %(meeting)s") % {"meeting": meeting}

    def item_description(self, meeting):
        return _("สภารับรองรายงานการประชุมแล้ว")

    def item_link(self, meeting):
        return meeting.get_absolute_url() + "#documents"

    def item_guid(self, meeting):
        return f"{meeting.get_absolute_url()}#minutes-{meeting.minutes_adopted_on.isoformat()}"

    def item_pubdate(self, meeting):
        return timezone.make_aware(datetime.datetime.combine(meeting.minutes_adopted_on, datetime.time(12)))


class AdoptedMinutesAtom(AdoptedMinutesRss):
    feed_type = Atom1Feed
    subtitle = AdoptedMinutesRss.description
