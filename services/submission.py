"""Filing a service request and finding it again by its reference and follow-up code."""
from django.db import transaction
from django.utils import timezone

from kpp_portal import references
from kpp_portal.models import ReferenceCounter
from kpp_portal.references import new_follow_up_code
from kpp_portal.thai import fiscal_year_of

from .models import (
    FOLLOW_UP_LENGTH,
    FOLLOW_UP_SALT,
    REFERENCE_PREFIX,
    RequestEvent,
    ServiceRequest,
    Status,
    _follow_up_digest,
)


def submit(request_type, files=(), **fields):
    """Store a new request with its reference, deadline and first timeline entry; returns
    (request, follow-up code). `files`: PreparedFile objects, already checked and stripped.
    All or nothing: a failure keeps no row and no file."""
    code = new_follow_up_code(FOLLOW_UP_LENGTH)
    received_at = fields.pop("received_at", None) or timezone.now()
    received_on = timezone.localtime(received_at).date()
    with transaction.atomic():
        request = ServiceRequest(
            request_type=request_type, unit=request_type.unit, received_at=received_at,
            fiscal_year=fiscal_year_of(received_at), follow_up_digest=_follow_up_digest(code),
            due_date=request_type.due_date_from(received_on), **fields,
        )
        if request_type.personal_data_right:
            request.status = Status.IDENTITY
        request.reference = ReferenceCounter.next_reference_at(REFERENCE_PREFIX, received_at)
        request.save()
        request.record(RequestEvent.Kind.SUBMITTED, public=True, at=received_at)
        request.attach_all(files)
    return request, code


def find_for_follow_up(reference, code):
    """The request only when both the reference and its code match; else None."""
    return references.find_for_follow_up(ServiceRequest.objects, FOLLOW_UP_SALT, reference, code)
