"""The complaint statistics in the portal's DCAT catalogue (kpp_portal/opendata.py): counts only,
never a report."""
from django.conf import settings
from django.urls import reverse

from kpp_portal.opendata import CSV, JSON, Dataset, Distribution
from kpp_portal.thai import fiscal_year_range

from . import statistics


def datasets():
    until = statistics.published_until()
    return [Dataset(
        key="complaint-statistics",
        title="สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        title_en="Corruption complaint statistics",
        description=("จำนวนเรื่องร้องเรียนการทุจริตที่รับ ดำเนินการแล้วเสร็จ และอยู่ระหว่างดำเนินการ "
                     "แยกตามปีงบประมาณ รอบ 6 และ 12 เดือน ช่องทาง ประเภท และผล นับถึงสิ้นเดือนก่อน"),
        description_en=("Corruption complaints received, concluded and in progress per fiscal year, for "
                        "the six- and twelve-month rounds, by channel, category and outcome, counted to "
                        "the end of the previous month"),
        landing_page=reverse("complaints:stats"),
        issued=fiscal_year_range(settings.COMPLAINT_STATS_FIRST_YEAR)[0], modified=until,
        keywords=("ร้องเรียน", "การทุจริต", "สถิติ"), keywords_en=("complaints", "corruption", "statistics"),
        frequency="monthly",
        distributions=[
            Distribution("สถิติเรื่องร้องเรียน (CSV)", "Complaint statistics (CSV)",
                         reverse("complaints:stats_csv"), CSV),
            Distribution("สถิติเรื่องร้องเรียน (JSON)", "Complaint statistics (JSON)",
                         reverse("complaints:stats_json"), JSON),
        ])]
