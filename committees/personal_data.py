"""What the consultations hold about a person (see kpp_portal.personal_data): opinions whose
contact is their e-mail or phone."""
from kpp_portal.personal_data import is_theirs, matching

from .models import Opinion

SECTION = "ความคิดเห็นต่อการรับฟังความคิดเห็น"


def records(email, phone):
    rows = (Opinion.objects.filter(matching(email, phone, "contact", "contact"))
            .select_related("consultation").order_by("created_at"))
    return {SECTION: [
        {"consultation": row.consultation.title, "sent_at": row.created_at, "opinion": row.body,
         "name": row.name, "contact": row.contact, "status": row.get_status_display(),
         "response": row.response}
        for row in rows if is_theirs(email, phone, row.contact, row.contact)]}
