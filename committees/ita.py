"""ITA/OIT evidence: the pages that open participation (committees, forums, consultations)."""

from django.urls import reverse

from kpp_portal.thai import fiscal_year_bounds, fiscal_year_range

from .models import Committee, Consultation, Meeting


def evidence(fiscal_year):
    start, end = fiscal_year_range(fiscal_year)
    start_at, end_at = fiscal_year_bounds(fiscal_year)
    participation = []
    if Committee.objects.exists():
        participation.append(("คณะกรรมการที่มีผู้แทนประชาคมร่วม", reverse("committees:index")))
    participation += [
        (meeting.title, meeting.get_absolute_url())
        for meeting in Meeting.objects.published()
        .filter(starts_at__gte=start_at, starts_at__lt=end_at)
        .order_by("starts_at")
        .only("pk", "title")
    ]
    participation += [
        (consultation.title, consultation.get_absolute_url())
        for consultation in Consultation.objects.published()
        .filter(opens_on__lte=end, closes_on__gte=start)
        .order_by("opens_on")
        .only("pk", "title")
    ]
    return {"participation": participation} if participation else {}
