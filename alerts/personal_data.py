"""What the alerts hold about a person (see kpp_portal.personal_data): their address and what
it follows. No phone is ever asked for."""
from .models import Subscription

SECTION = "การรับแจ้งเตือนทางอีเมล"


def records(email, phone):
    if not email:
        return {SECTION: []}
    rows = (Subscription.objects.filter(subscriber__email__iexact=email.strip())
            .select_related("subscriber").order_by("created_at"))
    return {SECTION: [
        {"email": row.subscriber.email, "topic": row.topic, "following": row.label,
         "frequency": row.get_frequency_display(), "subscribed_at": row.created_at,
         "confirmed_at": row.confirmed_at}
        for row in rows]}
