"""ITA/OIT evidence from the anti-corruption channel: three queries (the identity record comes from
the cache)."""
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.models import MunicipalityProfile
from kpp_portal.thai import current_fiscal_year

from .models import CorruptionReport, HistoricalFigures, PurgedReportFigures


def evidence(fiscal_year):
    found = {
        "corruption-channel": [(_("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"), reverse("complaints:index"))],
    }
    # The portal's manual is a sample until the municipality adopts it: only then is it evidence.
    if MunicipalityProfile.current().complaint_manual_adopted_on:
        found["complaint-manual"] = [
            (_("คู่มือการปฏิบัติงานการจัดการเรื่องร้องเรียนการทุจริต"), reverse("complaints:manual"))]
    # The statistics of the assessed year or the one before, where there is a figure to show:
    # reports in the portal, or figures the legal-affairs unit stated (a stated zero included).
    years = [year for year in (fiscal_year, fiscal_year - 1) if year <= current_fiscal_year()]
    with_figures = sorted({
        year for model in (CorruptionReport, PurgedReportFigures, HistoricalFigures)
        for year in model.objects.filter(fiscal_year__in=years).values_list("fiscal_year", flat=True)
        .distinct()
    }, reverse=True) if years else []
    if with_figures:
        found["complaint-stats"] = [(_("สถิติเรื่องร้องเรียนการทุจริต ปีงบประมาณ พ.ศ. %(year)s") % {"year": year},
                                     reverse("complaints:stats") + f"#fy-{year}") for year in with_figures]
    return found
