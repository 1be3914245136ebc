"""Pages and documents of this app that prove OIT items (see kpp_portal.ita): a fixed number of
queries, whatever the data."""

from django.db.models import Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal import thai

from .models import (
    Category,
    Document,
    EthicsActivity,
    EthicsAssessment,
    GiftRecord,
    GiftYearStatement,
    IntegrityMeasure,
    ITAAnalysis,
    MeasureUpdate,
    NoGiftDeclaration,
    RiskEntry,
    document_url,
)

# Items that only a document proves, by the category it is published in: "same" (a plan,
# declaration or report of exactly that fiscal year; an item asking for last year's report says
# so by its window) or "in force" (rules, valid until replaced).
DOCUMENT_TOPICS = {
    "executive-declaration": (Category.DECLARATION, "same"),
    "hr-plan": ("hr-plan", "same"),
    "hr-rules": ("hr-rules", "in force"),
    "hr-report": ("hr-report", "same"),
    "anti-corruption-plan": ("anti-corruption-plan", "same"),
    "anti-corruption-report": ("anti-corruption-report", "same"),
}

FIX_URLS = {
    **{topic: "admin:disclosures_document_add" for topic in DOCUMENT_TOPICS},
    "risk-assessment": "admin:disclosures_riskentry_changelist",
    "risk-actions": "admin:disclosures_riskentry_changelist",
    "integrity-measures": "admin:disclosures_integritymeasure_changelist",
    "integrity-actions": "admin:disclosures_measureupdate_add",
    "ita-analysis": "admin:disclosures_itaanalysis_changelist",
    "no-gift-declaration": "admin:disclosures_nogiftdeclaration_add",
    "no-gift-report": "admin:disclosures_giftyearstatement_add",
    "ethics-promotion": "admin:disclosures_ethicsactivity_add",
    "no-gift-culture": "admin:disclosures_ethicsactivity_add",
    "ethics-assessment": "admin:disclosures_ethicsassessment_add",
}


def gaps(fiscal_year):
    """Why the risk report is missing when the register has entries but none with an outcome."""
    statuses = set(RiskEntry.objects.filter(fiscal_year=fiscal_year).values_list("status", flat=True))
    if statuses and RiskEntry.Status.DONE not in statuses:
        labels = ", ".join(str(RiskEntry.Status(status).label) for status in sorted(statuses))
        return {"risk-actions": _("ทะเบียนความเสี่ยงปีงบประมาณ %(year)s ยังไม่มีรายการที่ดำเนินการแล้วเสร็จ "
                                  "(มีเพียง: %(statuses)s)") % {"year": fiscal_year, "statuses": labels}}
    return {}


def _documents_by_topic(fiscal_year):
    published = Document.objects.published()

    def years(slug, rule):
        if rule == "same":
            return Q(fiscal_year=fiscal_year)
            # Rules in force: the newest edition up to the year, not every one since.
        newest = published.filter(category__slug=slug, fiscal_year__lte=fiscal_year).order_by("-fiscal_year")
        return Q(fiscal_year=Subquery(newest.values("fiscal_year")[:1]))

    wanted = Q()
    for slug, rule in DOCUMENT_TOPICS.values():
        wanted |= Q(category__slug=slug) & years(slug, rule)
    # Titles and URLs only, without a model instance each: a year can hold a thousand of them.
    documents = (
        published.filter(wanted)
        .order_by("-fiscal_year", "-publication_date")
        .values_list("pk", "title", "category__slug")
    )
    topics = {slug: topic for topic, (slug, _rule) in DOCUMENT_TOPICS.items()}
    found = {}
    for pk, title, kind in documents:
        found.setdefault(topics[kind], []).append((title, document_url(pk, title)))
    return found


def evidence(fiscal_year):
    links = _documents_by_topic(fiscal_year)
    year_range = thai.fiscal_year_range(fiscal_year)

    # A report on risk management is a record with an outcome: an entry done, with its controls.
    risks = set(
        RiskEntry.objects.filter(fiscal_year=fiscal_year).values_list("controls", "status").distinct()
    )
    if risks:
        register = reverse("disclosures:risks", kwargs={"fiscal_year": fiscal_year})
        links["risk-assessment"] = [
            (_("ทะเบียนความเสี่ยงการทุจริต ปีงบประมาณ %(year)s") % {"year": fiscal_year}, register)
        ]
        if any(controls and status == RiskEntry.Status.DONE for controls, status in risks):
            links["risk-actions"] = [
                (
                    _("มาตรการจัดการความเสี่ยงการทุจริต ปีงบประมาณ %(year)s") % {"year": fiscal_year},
                    register + "#register",
                )
            ]

    if IntegrityMeasure.objects.exists():
        page = reverse("disclosures:integrity")
        links["integrity-measures"] = [(_("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"), page)]
        if MeasureUpdate.objects.filter(date__range=year_range).exists():
            links["integrity-actions"] = [
                (_("การดำเนินการตามมาตรการ ปีงบประมาณ %(year)s") % {"year": fiscal_year}, page + "#progress")
            ]

    # Using the ITA result: the analysis of that year's result (an item asks for last year's by its
    # window).
    analysis = ITAAnalysis.objects.filter(assessment_year=fiscal_year).first()
    if analysis:
        links["ita-analysis"] = [(str(analysis), analysis.get_absolute_url())]

    no_gift = reverse("disclosures:no_gift")
    if NoGiftDeclaration.objects.filter(fiscal_year=fiscal_year).exists():
        links["no-gift-declaration"] = [
            (
                _("ประกาศเจตนารมณ์ No Gift Policy ปีงบประมาณ %(year)s") % {"year": fiscal_year},
                no_gift + f"#fy-{fiscal_year}",
            )
        ]
    # The gift report of the year, as far as it has been recorded or stated.
    years = (fiscal_year,)
    reported = set(
        GiftRecord.objects.filter(fiscal_year__in=years).values_list("fiscal_year", flat=True).distinct()
    ) | set(GiftYearStatement.objects.filter(fiscal_year__in=years).values_list("fiscal_year", flat=True))
    if reported:
        links["no-gift-report"] = [
            (
                _("รายงานการรับของขวัญและประโยชน์อื่นใด ปีงบประมาณ %(year)s") % {"year": year},
                reverse("disclosures:no_gift_year", kwargs={"fiscal_year": year}),
            )
            for year in sorted(reported, reverse=True)
        ]

    kinds = set(
        EthicsActivity.objects.filter(held_on__range=year_range).values_list("kind", flat=True).distinct()
    )
    if kinds & {EthicsActivity.Kind.TRAINING, EthicsActivity.Kind.PROMOTION}:
        links["ethics-promotion"] = [
            (
                _("กิจกรรมและการอบรมด้านจริยธรรม ปีงบประมาณ %(year)s") % {"year": fiscal_year},
                reverse("disclosures:ethics") + f"#activities-{fiscal_year}",
            )
        ]
    if EthicsActivity.Kind.NO_GIFT in kinds:
        links["no-gift-culture"] = [
            (
                _("กิจกรรมสร้างวัฒนธรรม No Gift ปีงบประมาณ %(year)s") % {"year": fiscal_year},
                no_gift + f"#culture-{fiscal_year}",
            )
        ]
    assessment = EthicsAssessment.objects.filter(fiscal_year=fiscal_year).first()
    if assessment:
        links["ethics-assessment"] = [
            (str(assessment), reverse("disclosures:ethics") + f"#assessment-{assessment.fiscal_year}")
        ]
    return links
