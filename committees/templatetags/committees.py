from django import template

from committees.models import Consultation, Meeting

register = template.Library()

HOME_SLOT_ITEMS = 3


@register.simple_tag
def participation_slot():
    """Open consultations and upcoming forums for the home page (two queries)."""
    return {
        "open_consultations": list(Consultation.objects.open_now().order_by("closes_on")[:HOME_SLOT_ITEMS]),
        "upcoming": list(Meeting.objects.upcoming()[:HOME_SLOT_ITEMS]),
    }
