"""Council meetings and motions in the portal-wide search (see search/sources.py), under the
section of committees and meetings."""
from search.models import Section
from search.sources import Entry, Source

from .models import AgendaItem, Meeting, Motion, Session


class MeetingSource(Source):
    model = Meeting
    section = Section.COMMITTEES
    follows = {Session: "session", AgendaItem: "agenda_items"}

    def objects(self):
        return Meeting.objects.published().select_related("session").prefetch_related("agenda_items")

    def entry(self, meeting):
        agenda = " ".join(f"{item.title} {item.resolution}" for item in meeting.agenda_items.all())
        return Entry(title=str(meeting), url=meeting.get_absolute_url(), date=meeting.starts_at,
                     text=f"สภาเทศบาล {meeting.place} {meeting.notice} {agenda}")


class MotionSource(Source):
    model = Motion
    section = Section.COMMITTEES

    def objects(self):
        return Motion.objects.all()

    def entry(self, motion):
        return Entry(title=f"{motion.reference} {motion.title}", url=motion.get_absolute_url(),
                     date=motion.submitted_on,
                     text=f"สภาเทศบาล {motion.get_kind_display()} {motion.proposer} {motion.summary}")


SOURCES = [MeetingSource(), MotionSource()]
