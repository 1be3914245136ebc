"""The duplicate check across browsers: the same request (type, subject, details and contact,
compared after normalising spaces, case and Unicode form) filed again within
SERVICE_SENT_KEEP_SECONDS files nothing new, whichever browser sends it. The database keeps a
keyed digest for that long and then drops it."""
import datetime
import json
import unicodedata

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from kpp_portal.personal_data import normalised_phone

from .models import RecentFiling

# Zero-width characters a Thai keyboard or a copy-paste leaves between words.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _text(value):
    value = unicodedata.normalize("NFC", str(value or "")).translate(INVISIBLE)
    return " ".join(value.casefold().split())


def fingerprint(request_type, submission):
    contact = [_text(submission.get("email")), normalised_phone(submission.get("phone")),
               _text(submission.get("requester_name"))]
    said = [request_type.pk, _text(submission.get("subject")), _text(submission.get("details")), contact]
    return salted_hmac("services.duplicate.fingerprint", json.dumps(said, ensure_ascii=False),
                       algorithm="sha256").hexdigest()


def _since():
    return timezone.now() - datetime.timedelta(seconds=settings.SERVICE_SENT_KEEP_SECONDS)


def earlier(digest):
    """The request filed with this fingerprint within the window, or None."""
    found = RecentFiling.objects.filter(fingerprint=digest, filed_at__gte=_since()).select_related(
        "request").first()
    return found.request if found else None


def remember(digest, filed):
    """Inside the filing's transaction: a twin committed meanwhile makes this one fail (the
    unique fingerprint), and the whole filing rolls back. Older digests go."""
    RecentFiling.objects.filter(filed_at__lt=_since()).delete()
    RecentFiling.objects.create(fingerprint=digest, request=filed)
