"""ITA/OIT evidence: the E-Service itself and its statistics, for the years it served people."""
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.thai import current_fiscal_year

from .models import RequestType, ServiceRequest

FIX_URLS = {"e-service": "admin:services_requesttype_changelist"}


def evidence(fiscal_year):
    """E-Service is a page that exists and works: a service open to requests (it need not have
    been used); the statistics for a year that has requests. Two queries."""
    found = {}
    used = ServiceRequest.objects.filter(fiscal_year=fiscal_year).exists()
    if RequestType.objects.active().exists():
        found["e-service"] = [(_("บริการออนไลน์ (E-Service): ยื่นคำร้องและติดตามผล"), reverse("services:index")),
                              (_("ทะเบียนคำขอข้อมูลข่าวสารของราชการ"), reverse("services:register"))]
    if used and fiscal_year <= current_fiscal_year():
        found["service-statistics"] = [(_("สถิติการให้บริการ ปีงบประมาณ พ.ศ. %(year)s") % {"year": fiscal_year},
                                        reverse("services:stats_year", args=[fiscal_year]))]
    return found
