"""ITA/OIT evidence from the anti-corruption channel: three queries (the identity record comes from
the cache)."""
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.models import MunicipalityProfile
from kpp_portal.thai import current_fiscal_year, fiscal_year_range, format_thai_date

from .models import CorruptionReport, HistoricalFigures, PurgedReportFigures

FIX_URLS = {"complaint-manual": "admin:kpp_portal_municipalityprofile_changelist",
            "complaint-stats": "admin:complaints_historicalfigures_changelist"}


def gaps(fiscal_year):
    adopted = MunicipalityProfile.current().complaint_manual_adopted_on
    if not adopted:
        return {"complaint-manual": _("คู่มือการจัดการเรื่องร้องเรียนการทุจริตยังไม่มีวันที่ประกาศใช้")}
    if adopted > fiscal_year_range(fiscal_year)[1]:
        return {"complaint-manual": _("คู่มือประกาศใช้เมื่อ %(date)s หลังสิ้นปีงบประมาณ %(year)s") % {
            "date": format_thai_date(adopted), "year": fiscal_year}}
    return {}


def evidence(fiscal_year):
    found = {
        "corruption-channel": [(_("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"), reverse("complaints:index"))],
    }
    # The portal's manual is a sample until the municipality adopts it: only then is it evidence,
    # in force from its promulgation date.
    adopted = MunicipalityProfile.current().complaint_manual_adopted_on
    if adopted and adopted <= fiscal_year_range(fiscal_year)[1]:
        found["complaint-manual"] = [
            (_("คู่มือการปฏิบัติงานการจัดการเรื่องร้องเรียนการทุจริต"), reverse("complaints:manual"))]
    # The statistics of the year, where there is a figure to show: reports in the portal, or
    # figures the legal-affairs unit stated (a stated zero included).
    years = [fiscal_year] if fiscal_year <= current_fiscal_year() else []
    with_figures = sorted({
        year for model in (CorruptionReport, PurgedReportFigures, HistoricalFigures)
        for year in model.objects.filter(fiscal_year__in=years).values_list("fiscal_year", flat=True)
        .distinct()
    }, reverse=True) if years else []
    if with_figures:
        found["complaint-stats"] = [(_("สถิติเรื่องร้องเรียนการทุจริต ปีงบประมาณ พ.ศ. %(year)s") % {"year": year},
                                     reverse("complaints:stats") + f"#fy-{year}") for year in with_figures]
    return found
