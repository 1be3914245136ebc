"""Pages of this app that prove OIT items (see kpp_portal.ita): five queries, whatever the data."""
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal import thai

from .models import Category, Document, IntegrityMeasure, MeasureUpdate, RiskEntry


def evidence(fiscal_year):
    links = {}
    declarations = (
        Document.objects.published()
        .filter(category__slug=Category.DECLARATION, fiscal_year=fiscal_year)
        .order_by("-publication_date")
    )
    if declarations := list(declarations):
        links["executive-declaration"] = [(d.title, d.get_absolute_url()) for d in declarations]

    risks = RiskEntry.objects.filter(fiscal_year=fiscal_year)
    if risks.exists():
        register = reverse("disclosures:risks", kwargs={"year": fiscal_year})
        links["risk-assessment"] = [(_("ทะเบียนความเสี่ยงการทุจริต ปีงบประมาณ %(year)s") % {"year": fiscal_year},
                                     register)]
        if risks.exclude(controls="").exists():
            links["risk-actions"] = [
                (
                    _("มาตรการจัดการความเสี่ยงการทุจริต ปีงบประมาณ %(year)s") % {"year": fiscal_year},
                    register + "#register",
                )
            ]

    if IntegrityMeasure.objects.exists():
        page = reverse("disclosures:integrity")
        links["integrity-measures"] = [(_("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"), page)]
        if MeasureUpdate.objects.filter(date__range=thai.fiscal_year_range(fiscal_year)).exists():
            links["integrity-actions"] = [
                (_("การดำเนินการตามมาตรการ ปีงบประมาณ %(year)s") % {"year": fiscal_year}, page + "#progress")
            ]
    return links
