"""The council's record as OParl 1.1 objects (https://oparl.org/spezifikation/): the shapes that
council-information clients read. One municipality is one Body; each council term is an
Organization (and a LegislativeTerm); a seat is a Person with its Membership; a motion is a
Paper, an agenda item that takes it up is its Consultation; a meeting's documents are Files.
Every id is the object's own URL under SITE_URL."""
import mimetypes

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kpp_portal.models import MunicipalityProfile

from .models import AttendanceStatus, CouncilRole, DocumentKind, Outcome

SCHEMA = "https://schema.oparl.org/1.1/"
COUNCIL_ORGANIZATION_TYPE = "Gremium"  # the spec's word for a body that meets and votes


def url(name, *args):
    return settings.SITE_URL + reverse(f"council:oparl:{name}", args=args)


def web(path):
    return settings.SITE_URL + path


def absolute(link):
    return link if "://" in link else settings.SITE_URL + link


def _stamp(value):
    return timezone.localtime(value).isoformat() if value else None


def _stamps(obj):
    """created and modified, where the object keeps them (the list filters read the same fields)."""
    return {"created": _stamp(getattr(obj, "created_at", None)),
            "modified": _stamp(getattr(obj, "updated_at", None))}


def _clean(data):
    """Leave out what we do not know: OParl forbids null and empty strings for absent values."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def system():
    profile = MunicipalityProfile.current()
    return _clean({
        "id": url("system"), "type": SCHEMA + "System", "oparlVersion": SCHEMA, "body": url("bodies"),
        "name": f"{profile.name_th} — สภาเทศบาล", "contactEmail": profile.email, "website": web("/council/"),
    })


def body(terms):
    profile = MunicipalityProfile.current()
    return _clean({
        "id": url("body"), "type": SCHEMA + "Body", "system": url("system"), "name": profile.name_th,
        "shortName": profile.name_en, "website": profile.website, "contactEmail": profile.email,
        "organization": url("organizations"), "person": url("people"), "meeting": url("meetings"),
        "paper": url("papers"), "agendaItem": url("agenda_items"), "consultation": url("consultations"),
        "file": url("files"), "legislativeTermList": url("legislative_terms"),
        "legislativeTerm": [legislative_term(term) for term in terms],
        "classification": "เทศบาลเมือง", "location": body_location(profile, embedded=True),
        "web": web("/council/"),
    })


def body_location(profile, embedded=False):
    """The town hall. Its address is kept as one text, so it is the description: street and
    locality are not known apart, and no coordinates are kept."""
    data = {"id": url("body_location"), "type": SCHEMA + "Location", "description": profile.address}
    if not embedded:
        data["bodies"] = [url("body")]
    return _clean(data)


def meeting_location(meeting, embedded=False):
    """Where a meeting sits, as the clerk wrote it (a room, a hall): each meeting's place is its
    own Location, since places are text and not kept as records of their own."""
    data = {"id": url("meeting_location", meeting.pk), "type": SCHEMA + "Location",
            "description": meeting.place}
    if not embedded:
        data["meetings"] = [url("meeting", meeting.pk)]
    return _clean(data)


def legislative_term(term):
    return _clean({
        "id": url("legislative_term", term.pk), "type": SCHEMA + "LegislativeTerm", "body": url("body"),
        "name": str(term), "startDate": term.starts_on.isoformat(),
        "endDate": term.ends_on.isoformat() if term.ends_on else None, **_stamps(term),
    })


def organization(term):
    return _clean({
        "id": url("organization", term.pk), "type": SCHEMA + "Organization", "body": url("body"),
        "name": str(term), "shortName": "สภาเทศบาล", "organizationType": COUNCIL_ORGANIZATION_TYPE,
        "classification": "สภาเทศบาล", "startDate": term.starts_on.isoformat(),
        "endDate": term.ends_on.isoformat() if term.ends_on else None,
        "membership": [url("membership", member.pk) for member in term.members.all()],
        "meeting": url("meetings") + f"?organization={term.pk}", "web": web("/council/"), **_stamps(term),
    })


def membership(member, embedded=False):
    data = {
        "id": url("membership", member.pk), "type": SCHEMA + "Membership",
        "organization": url("organization", member.term_id), "role": member.get_role_display(),
        "votingRight": member.has_vote, "startDate": member.term.starts_on.isoformat(),
        "endDate": member.term.ends_on.isoformat() if member.term.ends_on else None, **_stamps(member),
    }
    if not embedded:  # inside its Person the back reference is left out, as the spec allows
        data["person"] = url("person", member.pk)
    return _clean(data)


def person(member):
    status = [member.get_role_display()]
    if member.role == CouncilRole.MEMBER and member.constituency:
        status.append(f"เขตเลือกตั้งที่ {member.constituency}")
    return _clean({
        "id": url("person", member.pk), "type": SCHEMA + "Person", "body": url("body"),
        "name": member.display_name, "status": status,
        "membership": [membership(member, embedded=True)], "web": web(member.get_absolute_url()),
        **_stamps(member),
    })


def file(document, embedded_in=None):
    """A meeting's document; embedded_in names the property of the object that embeds it, whose
    back reference is then left out."""
    if document.file:
        name = document.file.name.rsplit("/", 1)[-1]
        access = absolute(document.file.url)
    else:
        name = document.catalogue_document.original_filename
        access = web(document.catalogue_document.get_absolute_url())
    data = {
        "id": url("file", document.pk), "type": SCHEMA + "File", "name": document.title, "fileName": name,
        "mimeType": mimetypes.guess_type(name)[0] if name else None,
        "date": timezone.localdate(document.created_at).isoformat(), "accessUrl": access,
        "downloadUrl": access if document.file else None, **_stamps(document),
    }
    if embedded_in != "meeting":
        data["meeting"] = [url("meeting", document.meeting_id)]
    if document.agenda_item_id and embedded_in != "agendaItem":
        data["agendaItem"] = [url("agenda_item", document.agenda_item_id)]
    return _clean(data)


RESULTS = {Outcome.ADOPTED: "เห็นชอบ", Outcome.REJECTED: "ไม่เห็นชอบ", Outcome.NOTED: "รับทราบ",
           Outcome.DEFERRED: "เลื่อนการพิจารณา"}


def agenda_item(item, embedded=False):
    data = {
        "id": url("agenda_item", item.pk), "type": SCHEMA + "AgendaItem", "number": item.number,
        "order": item.order, "name": item.title, "public": True,
        "consultation": url("consultation", item.pk) if item.motion_id else None,
        "result": RESULTS.get(item.outcome), "resolutionText": _resolution(item),
        "auxiliaryFile": [file(doc, "agendaItem") for doc in item.documents.all()],
        "web": web(item.get_absolute_url()), **_stamps(item),
    }
    if not embedded:
        data["meeting"] = url("meeting", item.meeting_id)
    return _clean(data)


def _resolution(item):
    text = item.resolution
    if item.votes_for is not None:
        text += (f" (เห็นชอบ {item.votes_for} ไม่เห็นชอบ {item.votes_against or 0}"
                 f" งดออกเสียง {item.abstentions or 0})")
    return text.strip()


def meeting(meeting):
    """A meeting with its agenda and files embedded; needs agenda_items, documents (public) and
    attendance prefetched."""
    documents = list(meeting.documents.all())
    by_kind = {}
    for document in documents:
        by_kind.setdefault(document.kind, document)
    notice, minutes = by_kind.get(DocumentKind.NOTICE), by_kind.get(DocumentKind.MINUTES)
    now = timezone.now()
    state = "cancelled" if meeting.cancelled else ("held" if meeting.starts_at < now else "scheduled")
    return _clean({
        "id": url("meeting", meeting.pk), "type": SCHEMA + "Meeting", "name": str(meeting),
        "meetingState": state, "cancelled": meeting.cancelled, "start": _stamp(meeting.starts_at),
        "end": _stamp(meeting.ends_at),
        "location": meeting_location(meeting, embedded=True),
        "organization": [url("organization", meeting.session.term_id)],
        "participant": [url("person", row.member_id) for row in meeting.attendance.all()
                        if row.status == AttendanceStatus.PRESENT],
        "invitation": file(notice, "meeting") if notice else None,
        "resultsProtocol": file(minutes, "meeting") if minutes else None,
        "auxiliaryFile": [file(doc, "meeting") for doc in documents
                          if doc not in (notice, minutes) and not doc.agenda_item_id],
        "agendaItem": [agenda_item(item, embedded=True) for item in meeting.agenda_items.all()],
        "keyword": [meeting.session.get_kind_display()], **_stamps(meeting),
        "web": web(meeting.get_absolute_url()),
    })


def consultation(item, embedded=False):
    data = {
        "id": url("consultation", item.pk), "type": SCHEMA + "Consultation",
        "agendaItem": url("agenda_item", item.pk), "meeting": url("meeting", item.meeting_id),
        "organization": [url("organization", item.meeting.session.term_id)],
        "authoritative": item.outcome in (Outcome.ADOPTED, Outcome.REJECTED),
        "role": item.get_reading_display() if item.reading else "พิจารณา", **_stamps(item),
    }
    if not embedded:
        data["paper"] = url("paper", item.motion_id)
    return _clean(data)


def paper(motion):
    document = motion.catalogue_document
    main = None
    if document is not None and document.is_published:
        main = _clean({
            "id": url("paper", motion.pk) + "#main-file", "type": SCHEMA + "File", "name": document.title,
            "fileName": document.original_filename, "mimeType": document.content_type,
            "accessUrl": web(document.get_absolute_url()), "date": document.publication_date.isoformat()})
    return _clean({
        "id": url("paper", motion.pk), "type": SCHEMA + "Paper", "body": url("body"), "name": motion.title,
        "reference": motion.reference, "date": motion.submitted_on.isoformat(),
        "paperType": motion.get_kind_display(), "mainFile": main,
        "consultation": [consultation(item, embedded=True) for item in motion.agenda_items.all()],
        **_stamps(motion), "web": web(motion.get_absolute_url()),
    })
