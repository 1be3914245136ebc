"""What the general opinion channel holds about a person (see kpp_portal.personal_data)."""
from kpp_portal.personal_data import is_theirs, matching

from .models import FeedbackMessage

SECTION = "ความคิดเห็นและข้อเสนอแนะทั่วไป"


def records(email, phone):
    rows = FeedbackMessage.objects.filter(matching(email, phone, "email", "phone")).order_by("created_at")
    return {SECTION: [
        {"reference": row.reference, "sent_at": row.created_at, "kind": row.get_kind_display(),
         "subject": row.subject, "message": row.message, "name": row.name, "email": row.email,
         "phone": row.phone, "status": row.get_status_display(), "reply": row.reply}
        for row in rows if is_theirs(email, phone, row.email, row.phone)]}
