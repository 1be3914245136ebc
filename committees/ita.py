"""ITA/OIT evidence: the pages that open participation (committees, forums, consultations)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.thai import fiscal_year_bounds, fiscal_year_range

from .models import Committee, Consultation, Meeting


def _url_of_pk(name):
    """The URL named `name` with "{}" where its one argument, a primary key, goes."""
    marker = 2**31 - 1  # no other part of a URL is this number
    return reverse(name, args=[marker]).replace(str(marker), "{}")


def evidence(fiscal_year):
    start, end = fiscal_year_range(fiscal_year)
    start_at, end_at = fiscal_year_bounds(fiscal_year)
    participation = []
    if Committee.objects.exists():
        participation.append((_("คณะกรรมการที่มีผู้แทนประชาคมร่วม"), reverse("committees:index")))
    # One reverse() per kind, not per row: a year can hold hundreds of meetings.
    meeting_url = _url_of_pk("committees:meeting")
    consultation_url = _url_of_pk("committees:consultation")
    participation += [
        (title, meeting_url.format(pk))
        for pk, title in Meeting.objects.published()
        .filter(starts_at__gte=start_at, starts_at__lt=end_at)
        .order_by("starts_at")
        .values_list("pk", "title")
    ]
    participation += [
        (title, consultation_url.format(pk))
        for pk, title in Consultation.objects.published()
        .filter(opens_on__lte=end, closes_on__gte=start)
        .order_by("opens_on")
        .values_list("pk", "title")
    ]
    return {"participation": participation} if participation else {}
