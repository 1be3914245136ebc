"""What the general opinion channel holds about a person (see kpp_portal.personal_data)."""
from django.db.models import Q

from kpp_portal.personal_data import normalised_phone

from .models import FeedbackMessage

SECTION = "ความคิดเห็นและข้อเสนอแนะทั่วไป"


def records(email, phone):
    match = Q(pk__in=[])
    if email:
        match |= Q(email__iexact=email)
    if len(phone) >= 9:
        match |= Q(phone__endswith=phone[-4:])
    rows = FeedbackMessage.objects.filter(match).order_by("created_at")
    return {SECTION: [
        {"reference": row.reference, "sent_at": row.created_at, "kind": row.get_kind_display(),
         "subject": row.subject, "message": row.message, "name": row.name, "email": row.email,
         "phone": row.phone, "status": row.get_status_display(), "reply": row.reply}
        for row in rows
        if (email and row.email.lower() == email) or (phone and normalised_phone(row.phone) == phone)]}
