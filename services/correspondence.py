"""What of an information request's correspondence its public register page shows: only what
the person agreed to publish, with names, e-mail addresses and phone numbers removed."""
import re

from kpp_portal.models import StaffProfile

from .models import RequestEvent

REMOVED = "[ตัดออก]"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d \-]{7,}\d")
TITLES = {"นาย", "นาง", "นางสาว", "น.ส.", "ด.ช.", "ด.ญ.", "คุณ", "Mr", "Mrs", "Ms", "Mr.", "Mrs.", "Ms."}
# Thai writes a title against the name ("นางสาวสมใจ"): longest first, so "นางสาว" goes before "นาง".
PREFIXES = sorted(TITLES, key=len, reverse=True)


def names_of(item, events):
    """The words of the requester's name and of the staff who acted (titles left in place)."""
    names = [item.requester_name]
    names += [StaffProfile.name_of(event.actor) for event in events if event.actor_id]
    words = {_untitled(word) for name in names for word in re.split(r"[\s()]+", name or "")}
    return sorted((word for word in words if len(word) > 1 and word not in TITLES), key=len, reverse=True)


def _untitled(word):
    for title in PREFIXES:
        if word.startswith(title) and len(word) > len(title):
            return word[len(title):]
    return word


def redact(text, names):
    text = EMAIL.sub(REMOVED, text)
    text = PHONE.sub(REMOVED, text)
    for name in names:
        text = text.replace(name, REMOVED)
    return text


def published(item):
    """{"request": text or None, "replies": [(date, text)]} as the person agreed."""
    answers = (RequestEvent.Kind.REPLY, RequestEvent.Kind.CLOSED)
    events = list(item.events.filter(kind__in=answers, is_public=True).exclude(body="")
                  .select_related("actor"))
    names = names_of(item, events)
    return {
        "request": redact(item.details, names) if item.publish_request_text else None,
        "replies": [(event.created_at, redact(event.body, names)) for event in events] if item.publish_replies
        else [],
    }
