"""Figures of the general channel per fiscal year: messages received and answered, and those
received from or forwarded to the Damrongtham Centre. Counts only, no text."""
from django.db.models import Count, Q

from kpp_portal.damrongtham import CentreDirection
from kpp_portal.thai import fiscal_year_bounds, fiscal_year_of

from .models import FeedbackMessage


def year_figures(fiscal_year):
    start, end = fiscal_year_bounds(fiscal_year)
    counts = FeedbackMessage.objects.filter(created_at__gte=start, created_at__lt=end).aggregate(
        received=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)),
        from_centre=Count("pk", filter=Q(centre_case__direction=CentreDirection.RECEIVED)),
        to_centre=Count("pk", filter=Q(centre_case__direction=CentreDirection.FORWARDED)))
    return {"fiscal_year": fiscal_year, **counts}


def current_year_figures(today):
    return year_figures(fiscal_year_of(today))
