"""Committees, meetings and consultations in the portal-wide search (see search/sources.py)."""
from search.models import Section
from search.sources import Entry, Source

from .models import Committee, Consultation, Meeting


class CommitteeSource(Source):
    model = Committee
    section = Section.COMMITTEES

    def objects(self):
        return Committee.objects.all()

    def entry(self, committee):
        return Entry(title=committee.name, text=f"{committee.mandate} {committee.legal_basis}",
                     url=committee.get_absolute_url())


class MeetingSource(Source):
    model = Meeting
    section = Section.COMMITTEES
    follows = {Committee: "committee"}

    def objects(self):
        return Meeting.objects.published().select_related("committee")

    def entry(self, meeting):
        committee = meeting.committee.name if meeting.committee else ""
        return Entry(
            title=meeting.title, url=meeting.get_absolute_url(), date=meeting.starts_at,
            text=" ".join([meeting.get_kind_display(), committee, meeting.place, meeting.agenda,
                           meeting.resolutions]),
            # The minutes' own words are found too (search/files.py); their URL is not kept in the
            # index (a signed storage URL expires): the result leads to the meeting's page.
            file=meeting.minutes or None,
        )


class ConsultationSource(Source):
    model = Consultation
    section = Section.COMMITTEES

    def objects(self):
        return Consultation.objects.published()

    def entry(self, consultation):
        return Entry(
            title=consultation.title, url=consultation.get_absolute_url(), date=consultation.opens_on,
            text=f"{consultation.description} {consultation.outcome_summary}",
        )


SOURCES = [CommitteeSource(), MeetingSource(), ConsultationSource()]
