"""Procurement at scale: 5,000 plan items and 2,000 awarded projects, then the public pages.

Run against the developer's own database (not the test database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpp_procurement \
        .venv/bin/python -m bench.procurement_bench

Prints the number of queries and the time of the plan page, a month of สขร.1 (page and XLSX),
the annual report and the OCDS export of the year, which must stream in under 2 s. The data
lives in fiscal year 2560 (marked ตัวอย่างทดสอบความเร็ว) and is replaced at every run.
"""
import datetime
import time
from decimal import Decimal

from bench.common import setup_django

setup_django(DATABASE_URL="postgres://postgres@127.0.0.1:5432/kpp_procurement")

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from procurement.models import (  # noqa: E402
    Announcement,
    AnnouncementKind,
    Award,
    Bid,
    PlanItem,
    ProcurementMethod,
    ProcurementPlan,
    ProcurementProject,
)

FISCAL_YEAR = 2560  # 1 Oct 2016 – 30 Sep 2017
ITEMS, PROJECTS, BIDS_PER_PROJECT = 5000, 2000, 3
METHODS = ProcurementMethod.values
DIVISIONS = ("กองช่าง", "กองสาธารณสุขและสิ่งแวดล้อม", "กองการศึกษา", "สำนักปลัดเทศบาล", "กองคลัง")


def month_of_year(index):
    month = (9 + index % 12) % 12 + 1  # October first
    return datetime.date(2016 if month >= 10 else 2017, month, 1)


@transaction.atomic
def build():
    old = ProcurementPlan.objects.filter(fiscal_year=FISCAL_YEAR)
    Award.objects.filter(project__plan_item__plan__in=old).delete()
    ProcurementProject.objects.filter(plan_item__plan__in=old).delete()
    old.delete()
    plan = ProcurementPlan.objects.create(
        fiscal_year=FISCAL_YEAR,
        budget_approved_on=datetime.date(2016, 9, 1),
        published_on=datetime.date(2016, 9, 20),
        note="ตัวอย่างทดสอบความเร็ว",
    )
    items = PlanItem.objects.bulk_create(
        PlanItem(
            plan=plan,
            title=f"รายการทดสอบความเร็ว {n} (ตัวอย่าง)",
            budget=Decimal(100000 + n * 37) + Decimal("0.25"),
            method=METHODS[n % len(METHODS)],
            planned_month=month_of_year(n),
            division=DIVISIONS[n % 5],
        )
        for n in range(ITEMS)
    )
    projects = ProcurementProject.objects.bulk_create(
        ProcurementProject(plan_item=items[n], egp_number=f"60{n:09d}", title=items[n].title,
                           method=items[n].method, reference_price=items[n].budget,
                           reference_price_basis="สืบราคาจากท้องตลาด (ตัวอย่าง)")
        for n in range(PROJECTS))
    announcements, bids = [], []
    for n, project in enumerate(projects):
        month = month_of_year(n)
        for kind, day in ((AnnouncementKind.INVITATION, 2), (AnnouncementKind.WINNER, 20),
                          (AnnouncementKind.CONTRACT, 25)):
            announcements.append(Announcement(project=project, kind=kind, title=f"{kind} {project.title}",
                                              announced_on=month.replace(day=day)))
        for rank in range(BIDS_PER_PROJECT):
            bids.append(Bid(project=project, bidder_name=f"บริษัท ทดสอบ {rank} จำกัด (ตัวอย่าง)",
                            amount=project.reference_price * Decimal(95 + rank) / 100))
    Announcement.objects.bulk_create(announcements)
    bids = Bid.objects.bulk_create(bids)
    Award.objects.bulk_create(
        Award(project=project, winning_bid=bids[n * BIDS_PER_PROJECT], contract_number=f"{n}/2560",
              contract_amount=bids[n * BIDS_PER_PROJECT].amount.quantize(Decimal("0.01")),
              contract_date=month_of_year(n).replace(day=25))
        for n, project in enumerate(projects))


def measure(client, label, url):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        size = (
            sum(len(chunk) for chunk in response.streaming_content)
            if response.streaming
            else len(response.content)
        )
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    print(f"{label:<38} {len(queries):>7} {elapsed * 1000:>10.0f} {size / 1024:>10.0f}")
    return elapsed


def main():
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build()
    print(f"built {ITEMS} plan items, {PROJECTS} projects, {PROJECTS * BIDS_PER_PROJECT} bids, "
          f"{PROJECTS} awards in {time.perf_counter() - started:.1f} s")
    client = Client(HTTP_HOST="localhost")
    client.get("/procurement/")  # warm the template and profile caches
    print(f"{'page':<38} {'queries':>7} {'ms':>10} {'KiB':>10}")
    measure(client, "plan page (100 items of 5,000)", f"/procurement/plan/{FISCAL_YEAR}/")
    measure(client, "plan page, last page", f"/procurement/plan/{FISCAL_YEAR}/?page=50")
    measure(client, "สขร.1 month page (Dec 2559)", "/procurement/monthly/2559/12/")
    measure(client, "สขร.1 month XLSX (Dec 2559)", "/procurement/monthly/2559/12/xlsx/")
    measure(client, "annual report with charts", f"/procurement/report/{FISCAL_YEAR}/")
    ocds = measure(
        client, "OCDS release package (whole year)", f"/procurement/open-data/ocds-{FISCAL_YEAR}.json"
    )
    print(f"OCDS export streamed in {ocds:.2f} s: {'OK' if ocds < 2 else 'TOO SLOW'} (limit 2 s)")


if __name__ == "__main__":
    main()
