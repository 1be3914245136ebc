"""Procurement in the portal's DCAT catalogue (kpp_portal/opendata.py): the plans, the monthly
results (สขร.1) and, once an ocid prefix is registered, the OCDS packages."""
from django.conf import settings
from django.db.models import Max
from django.db.models.functions import TruncMonth
from django.urls import reverse

from kpp_portal import thai
from kpp_portal.opendata import CSV, JSON, XLSX, Dataset, Distribution

from .models import Award, ProcurementPlan

KEYWORDS = ("จัดซื้อจัดจ้าง",)
KEYWORDS_EN = ("procurement",)


def _plans(plans):
    distributions = []
    for year, published_on in plans:
        for fmt, media in (("csv", CSV), ("xlsx", XLSX)):
            distributions.append(Distribution(
                f"แผนการจัดซื้อจัดจ้าง ปีงบประมาณ {year} ({fmt.upper()})",
                f"Procurement plan FY {year} BE ({fmt.upper()})",
                reverse(f"procurement:plan_{fmt}", args=[year]), media, issued=published_on))
    return Dataset(
        key="procurement-plans", title="แผนการจัดซื้อจัดจ้างประจำปี", title_en="Annual procurement plans",
        description="รายการในแผนการจัดซื้อจัดจ้างของแต่ละปีงบประมาณ: งาน/โครงการ วงเงิน แหล่งเงิน วิธีจัดหา "
                    "เดือนที่คาดว่าจะประกาศ และหน่วยงานที่รับผิดชอบ",
        description_en="The items of each fiscal year's procurement plan: project, budget, source of funds, "
                       "method, expected month of announcement and responsible division",
        landing_page=reverse("procurement:index"), issued=plans[0][1] if plans else None,
        modified=max((day for _year, day in plans), default=None), frequency="annual",
        keywords=(*KEYWORDS, "แผน"), keywords_en=(*KEYWORDS_EN, "plan"), distributions=distributions)


def _monthly(months):
    distributions = []
    for month, last in months:
        year_be = thai.be_year(month.year)
        label = thai.format_thai_month(month.year, month.month)
        for fmt, media in (("csv", CSV), ("xlsx", XLSX)):
            distributions.append(Distribution(
                f"สขร.1 {label} ({fmt.upper()})", f"Procurement results {month:%Y-%m} ({fmt.upper()})",
                reverse(f"procurement:monthly_{fmt}", args=[year_be, month.month]), media, issued=last))
    return Dataset(
        key="procurement-monthly-results",
        title="สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1)",
        title_en="Monthly procurement results (Sor Kor Ror 1 form)",
        description="ผลการจัดซื้อจัดจ้างของแต่ละเดือน: งาน วงเงิน วิธีซื้อหรือจ้าง ผู้เสนอราคาและราคาที่เสนอ "
                    "ผู้ได้รับคัดเลือก เหตุผลที่คัดเลือก และเลขที่และวันที่ของสัญญา",
        description_en="Each month's procurement results: item, budget, method, bidders and their prices, "
                       "the winner, the reason for the choice, and the contract's number and date",
        landing_page=reverse("procurement:monthly_index"), frequency="monthly",
        issued=months[0][1] if months else None, modified=max((last for _m, last in months), default=None),
        keywords=(*KEYWORDS, "สขร.1"), keywords_en=(*KEYWORDS_EN, "contracts"), distributions=distributions)


def _ocds(years):
    distributions = []
    for year in years:
        distributions += [
            Distribution(f"OCDS release package ปีงบประมาณ {year}", f"OCDS release package FY {year} BE",
                         reverse("procurement:ocds", args=[year]), JSON),
            Distribution(f"OCDS record package ปีงบประมาณ {year}", f"OCDS record package FY {year} BE",
                         reverse("procurement:ocds_records", args=[year]), JSON),
        ]
    return Dataset(
        key="procurement-ocds", title="ข้อมูลการจัดซื้อจัดจ้างตามมาตรฐาน OCDS",
        title_en="Procurement in the Open Contracting Data Standard (OCDS)",
        description="กระบวนการจัดซื้อจัดจ้างทั้งหมดของแต่ละปีงบประมาณ ตั้งแต่แผน ประกาศ ผู้เสนอราคา จนถึงสัญญา "
                    "ในรูปแบบ OCDS 1.1",
        description_en="Every contracting process of each fiscal year, from plan and tender to bids and "
                       "contract, in OCDS 1.1",
        landing_page=reverse("procurement:open_data"), frequency="monthly",
        license_url="https://opendefinition.org/licenses/odc-by/",  # as the packages themselves say
        keywords=(*KEYWORDS, "OCDS"), keywords_en=(*KEYWORDS_EN, "OCDS", "open contracting"),
        distributions=distributions)


def datasets():
    """Three queries whatever the number of plans and awards."""
    plans = list(ProcurementPlan.objects.published().order_by("fiscal_year").values_list("fiscal_year",
                                                                                        "published_on"))
    months = list(Award.objects.published().annotate(month=TruncMonth("contract_date")).values("month")
                  .annotate(last=Max("contract_date")).order_by("month").values_list("month", "last"))
    found = [_plans(plans), _monthly(months)]
    if settings.OCDS_OCID_PREFIX:
        years = list(ProcurementPlan.objects.published().filter(items__isnull=False).distinct()
                     .order_by("fiscal_year").values_list("fiscal_year", flat=True))
        if years:
            ocds = _ocds(years)
            ocds.issued = plans[0][1]
            ocds.modified = max([day for _year, day in plans] + [last for _month, last in months])
            found.append(ocds)
    return found
