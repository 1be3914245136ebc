"""ITA/OIT evidence: the pages that open participation (committees, forums, consultations)."""

from django.urls import reverse

from kpp_portal.thai import fiscal_year_bounds, fiscal_year_range

from .models import Consultation, Meeting


def _url_of_pk(name):
    """The URL named `name` with "{}" where its one argument, a primary key, goes."""
    marker = 2**31 - 1  # no other part of a URL is this number
    return reverse(name, args=[marker]).replace(str(marker), "{}")


FIX_URLS = {"participation": "admin:committees_meeting_add",
            "participation-results": "admin:committees_meeting_changelist"}


def evidence(fiscal_year):
    """Participation is what happened in the year, not the committees' index: forums and
    meetings held and consultations open in it; its results are those with resolutions or an
    outcome published. Two queries."""
    start, end = fiscal_year_range(fiscal_year)
    start_at, end_at = fiscal_year_bounds(fiscal_year)
    meetings = (Meeting.objects.published().filter(starts_at__gte=start_at, starts_at__lt=end_at)
                .order_by("starts_at").values_list("pk", "title", "resolutions"))
    consultations = (Consultation.objects.published().filter(opens_on__lte=end, closes_on__gte=start)
                     .order_by("opens_on").values_list("pk", "title", "outcome_summary"))
    participation, results = [], []
    # One reverse() per kind, not per row: a year can hold hundreds of meetings.
    for rows, url in ((meetings, _url_of_pk("committees:meeting")),
                      (consultations, _url_of_pk("committees:consultation"))):
        for pk, title, result in rows:
            participation.append((title, url.format(pk)))
            if result.strip():
                results.append((title, url.format(pk)))
    found = {}
    if participation:
        found["participation"] = participation
    if results:
        found["participation-results"] = results
    return found
