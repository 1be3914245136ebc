"""The service statistics in the portal's DCAT catalogue (kpp_portal/opendata.py)."""
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone

from kpp_portal.opendata import CSV, JSON, Dataset, Distribution
from kpp_portal.thai import fiscal_year_range

from . import statistics
from .models import ServiceRequest


def _register(today):
    published = ServiceRequest.objects.in_register().aggregate(first=Min("register_published_at"),
                                                               last=Max("register_published_at"))
    return Dataset(
        key="information-request-register",
        title="ทะเบียนคำขอข้อมูลข่าวสารของราชการ",
        title_en="Register of official information requests",
        description=("คำขอข้อมูลข่าวสารตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 ที่เจ้าหน้าที่ตรวจแล้ว: "
                     "เลขที่ เรื่องที่ขอ (เขียนใหม่โดยไม่มีข้อมูลส่วนบุคคล) ประเภท วันที่ยื่น และผลการพิจารณา"),
        description_en=("Requests under the Official Information Act 1997 as reviewed by staff: reference, "
                        "subject (rewritten without personal data), type, date filed and outcome"),
        landing_page=reverse("services:register"),
        issued=timezone.localdate(published["first"]) if published["first"] else today,
        modified=timezone.localdate(published["last"]) if published["last"] else today,
        keywords=("ข้อมูลข่าวสาร", "คำขอ"), keywords_en=("freedom of information", "requests"),
        frequency="daily",
        distributions=[Distribution("ทะเบียนคำขอข้อมูลข่าวสาร (CSV)", "Information request register (CSV)",
                                    reverse("services:register_csv"), CSV)])


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
    return [_register(today), Dataset(
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
