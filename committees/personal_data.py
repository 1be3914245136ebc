"""What the consultations hold about a person (see kpp_portal.personal_data): opinions whose
contact is their e-mail or phone."""
from django.db.models import Q

from kpp_portal.personal_data import normalised_phone

from .models import Opinion

SECTION = "ความคิดเห็นต่อการรับฟังความคิดเห็น"


def records(email, phone):
    match = Q(pk__in=[])
    if email:
        match |= Q(contact__iexact=email)
    if len(phone) >= 9:
        match |= Q(contact__contains=phone[-4:])
    rows = Opinion.objects.filter(match).select_related("consultation").order_by("created_at")
    return {SECTION: [
        {"consultation": row.consultation.title, "sent_at": row.created_at, "opinion": row.body,
         "name": row.name, "contact": row.contact, "status": row.get_status_display(),
         "response": row.response}
        for row in rows
        if (email and row.contact.strip().lower() == email)
        or (phone and normalised_phone(row.contact) == phone)]}
