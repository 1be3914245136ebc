"""Server time and query counts of the E-Service pages at the size bench.dataset builds
(50,000 requests over five fiscal years): each unit's queue in the admin with its filters, a
case page, the public statistics (uncached) and the register.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpp_eservice_bench
    .venv/bin/python -m bench.dataset && .venv/bin/python -m bench.services_bench [--runs 20]

Server time is the time Django takes to answer in-process (middleware, view, queries,
template) with the test client, the page cache off: no network, no web server. The staff user
is created inside a transaction that is rolled back. Prints medians against the targets
(queue ≤ 300 ms, statistics ≤ 250 ms); asserts nothing.
"""
import argparse

from bench.common import measure_page, setup_django

setup_django()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from kpp_portal.thai import current_fiscal_year  # noqa: E402
from services.models import RequestType, ServiceRequest, ServiceUnit  # noqa: E402

QUEUE_TARGET_MS, STATISTICS_TARGET_MS = 300, 250


def pages(unit, fiscal_year):
    fault = RequestType.objects.filter(unit=unit).order_by("pk").first()
    newest = ServiceRequest.objects.filter(unit=unit).order_by("-received_at").first()
    in_register = ServiceRequest.objects.in_register().order_by("-register_published_at").first()
    queue = "/admin/services/servicerequest/"
    return [
        ("queue", queue, QUEUE_TARGET_MS),
        ("queue: overdue", f"{queue}?deadline=overdue", QUEUE_TARGET_MS),
        ("queue: due soon", f"{queue}?deadline=due_soon", QUEUE_TARGET_MS),
        ("queue: status received", f"{queue}?status__exact=received", QUEUE_TARGET_MS),
        ("queue: type + fiscal year", f"{queue}?type={fault.pk}&fiscal_year={fiscal_year - 1}",
         QUEUE_TARGET_MS),
        ("queue: closed, page 100", f"{queue}?status__exact=closed&p=100", QUEUE_TARGET_MS),
        ("queue: search reference", f"{queue}?q={newest.reference}", QUEUE_TARGET_MS),
        ("queue: search subject", f"{queue}?q=ไฟฟ้า", QUEUE_TARGET_MS),
        ("case page", f"{queue}{newest.pk}/change/", QUEUE_TARGET_MS),
        ("statistics, this year", "/services/stats/", STATISTICS_TARGET_MS),
        ("statistics, last year", f"/services/stats/{fiscal_year - 1}/", STATISTICS_TARGET_MS),
        ("statistics CSV, last year", f"/services/stats/{fiscal_year - 1}.csv", STATISTICS_TARGET_MS),
        ("statistics JSON, last year", f"/services/stats/{fiscal_year - 1}.json", STATISTICS_TARGET_MS),
        ("register", "/services/register/", STATISTICS_TARGET_MS),
        ("register search", "/services/register/?q=สัญญาจ้าง", STATISTICS_TARGET_MS),
        ("register entry", f"/services/register/{in_register.reference}/", STATISTICS_TARGET_MS),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    total = ServiceRequest.objects.count()
    if total < 1000:
        raise SystemExit(f"{total} requests: run `python -m bench.dataset` on this database first")
    unit = ServiceUnit.objects.get(name="กองช่าง")
    in_queue = ServiceRequest.objects.filter(unit=unit).count()
    print(f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}; {total:,} requests, "
          f"{in_queue:,} in {unit.name}'s queue; {args.runs} runs per page\n")
    with transaction.atomic():
        officer = get_user_model().objects.create_user("bench-works-officer", is_staff=True)
        officer.groups.add(unit.group)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(officer)
        print(f"{'page':30} {'median ms':>10} {'max ms':>8} {'queries':>8} {'target ms':>10}")
        for label, path, target in pages(unit, current_fiscal_year()):
            median, worst, count = measure_page(client, path, args.runs)
            verdict = "met" if median <= target else "MISSED"
            print(f"{label:30} {median:10.1f} {worst:8.1f} {count:8d} {target:>10}  {verdict}")
        transaction.set_rollback(True)  # leave the database as it was


if __name__ == "__main__":
    main()
