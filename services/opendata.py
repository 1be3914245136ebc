"""The service statistics in the portal's DCAT catalogue (kpp_portal/opendata.py)."""
from django.urls import reverse
from django.utils import timezone

from kpp_portal.opendata import CSV, JSON, Dataset, Distribution
from kpp_portal.thai import fiscal_year_range

from . import statistics


def datasets():
    years = statistics.available_years()  # one query
    today = timezone.localdate()
    distributions = []
    for year in years:
        modified = min(fiscal_year_range(year)[1], today)
        distributions += [
            Distribution(f"สถิติการให้บริการ ปีงบประมาณ {year} (CSV)", f"Service statistics FY {year} BE (CSV)",
                         reverse("services:stats_csv", args=[year]), CSV, modified=modified),
            Distribution(f"สถิติการให้บริการ ปีงบประมาณ {year} (JSON)", f"Service statistics FY {year} BE (JSON)",
                         reverse("services:stats_json", args=[year]), JSON, modified=modified),
        ]
    return [Dataset(
        key="service-statistics",
        title="สถิติการให้บริการ E-Service และคำขอข้อมูลข่าวสาร",
        title_en="E-Service and information request statistics",
        description=("จำนวนคำขอที่รับและที่ดำเนินการเสร็จ ระยะเวลาดำเนินการ และความพึงพอใจ "
                     "แยกตามประเภทบริการและเดือน ของแต่ละปีงบประมาณ"),
        description_en=("Requests received and completed, processing times and satisfaction, by service and "
                        "month, for each fiscal year"),
        landing_page=reverse("services:stats"),
        issued=fiscal_year_range(years[-1])[0], modified=today,
        keywords=("บริการ", "สถิติ", "E-Service"), keywords_en=("services", "statistics", "e-service"),
        frequency="monthly", distributions=distributions)]
