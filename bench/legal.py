"""Server time and query counts of the legal-affairs unit's own pages as reports grow: the desk,
the queue with each of its filters and a reference search, and a case page (its report opened
with the officer's own key).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpp_legal_bench
    .venv/bin/python -m bench.legal [--sizes 2000,20000] [--runs 20] [--keep]

The officer holds a key as after a password login and has passed the second factor (the test
helpers of tests/complaints/conftest.py); the reports are written in bulk, each with its own
data key sealed to the officer, until the database holds each size in turn. The pages are
measured in a transaction that is rolled back; with --keep the officer and the reports written
stay (committed first), so a later run at the same sizes writes nothing (writing 20,000 takes
a minute or more on a loaded machine). Server time is in-process (middleware, view, queries,
template) through the test client, as bench.services_bench measures it. Prints per page the
median wall time against the target (150 ms), the median CPU time of this process (steadier
on a shared machine), the median time spent waiting for PostgreSQL, and the query count, which
must not grow with the reports; asserts nothing (tests/complaints/test_legal_queries.py asserts
the counts).
"""
import argparse
import datetime
import statistics
import time

from bench.common import setup_django

setup_django()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from complaints import duplicates, keys, primitives, recipients, roles  # noqa: E402
from complaints.models import Category, Channel, CorruptionReport, PersonKey, SealedDataKey, Status  # noqa: E402
from kpp_portal.thai import fiscal_year_of  # noqa: E402
from tests.complaints.conftest import hold_keys, verify_second_factor  # noqa: E402

TARGET_MS = 150
QUEUE = "/admin/complaints/corruptionreport/"


def _officer(name, group):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.filter(username=name).first()
    if user is not None:  # kept by an earlier run with --keep
        return user
    user = get_user_model().objects.create_user(username=name, is_staff=True)
    # Straight into the table: membership of the unit is otherwise a two-person approval.
    group = Group.objects.get_or_create(name=group)[0]
    type(user).groups.through.objects.create(user_id=user.pk, group_id=group.pk)
    return user


def add_reports(count, officer, start):
    """`count` reports over three years, in every status a queue holds, a third assigned to the
    officer, one in ten a likely repeat, each with its own data key sealed to the officer
    (written in bulk)."""
    person = PersonKey.objects.get(user=officer)
    now = timezone.now()
    sequences = dict(CorruptionReport.objects.values_list("fiscal_year").annotate(last=Max("sequence")))
    statuses = [Status.RECEIVED, Status.ACKNOWLEDGED, Status.INVESTIGATING]
    reports = []
    for number in range(start, start + count):
        received = now - datetime.timedelta(days=number % (3 * 365), minutes=number % 1440)
        # One in ten says again what the report before it said: the queue marks likely repeats.
        text = f"รายละเอียดเรื่องร้องเรียนตัวอย่างที่ {number - (number % 10 == 9)}"
        report = CorruptionReport(
            category=Category.values[number % len(Category.values)],
            channel=Channel.values[number % len(Channel.values)],
            received_on=timezone.localtime(received).date(),
            description=text, text_fingerprint=duplicates.fingerprint(text), accused="ผู้ถูกร้อง (ตัวอย่าง)",
            status=statuses[number % len(statuses)], receipt_hash=f"legal-bench-{number}",
            assigned_to=officer if number % 3 == 0 else None, is_sample=True,
        )
        if report.status != Status.RECEIVED:
            report.acknowledged_at = received + datetime.timedelta(days=2)
        report.set_deadlines()
        recipients.start_data_key(report)
        report.fiscal_year = fiscal_year_of(received)
        report.sequence = sequences[report.fiscal_year] = sequences.get(report.fiscal_year, 0) + 1
        report.reference = f"LB-{report.fiscal_year}-{report.sequence:05d}"
        reports.append(report)
    reports = CorruptionReport.objects.bulk_create(reports, batch_size=1000)
    SealedDataKey.objects.bulk_create([
        SealedDataKey(report=report, recipient=officer, sealed=primitives.seal(
            person.public_key, keys.data_key_for(report), primitives.data_key_context(report.data_key_id)))
        for report in reports], batch_size=1000)
    return reports


def measure(client, path, runs):
    """(median wall ms, median CPU ms of this process, median ms waiting for queries, queries of
    the last run) of GET `path`: on a shared machine the wall time follows the neighbours, the
    CPU time much less."""
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    walls, cpus, waits = [], [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
        waits.append(sum(float(query["time"]) for query in queries) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(walls), statistics.median(cpus), statistics.median(waits), len(queries)


def pages(officer, report, size):
    year, last_page = report.fiscal_year, min(100, size // 50)
    return [
        ("desk", f"{QUEUE}desk/"),
        ("queue", QUEUE),
        ("queue: status received", f"{QUEUE}?status__exact={Status.RECEIVED}"),
        ("queue: channel", f"{QUEUE}?channel__exact={Channel.values[0]}"),
        ("queue: category", f"{QUEUE}?category__exact={Category.values[0]}"),
        ("queue: fiscal year", f"{QUEUE}?fiscal_year__exact={year}"),
        ("queue: assigned to me", f"{QUEUE}?assigned_to__id__exact={officer.pk}"),
        ("queue: due soon", f"{QUEUE}?deadline=due_soon"),
        ("queue: overdue", f"{QUEUE}?deadline=overdue"),
        (f"queue: page {last_page}", f"{QUEUE}?p={last_page}"),
        ("queue: search reference", f"{QUEUE}?q={report.reference}"),
        ("case page", f"{QUEUE}{report.pk}/change/"),
    ]


def grow(size, officer):
    """Write the reports missing for `size` (numbered on from those there)."""
    there = CorruptionReport.objects.count()
    if size > there:
        started = time.perf_counter()
        add_reports(size - there, officer, there)
        print(f"\n{size - there:,} reports written in bulk ({time.perf_counter() - started:.0f} s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2000,20000", help="report counts to measure at, rising")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true",
                        help="commit the officer and the reports written, for the next run to reuse")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}; "
          f"{CorruptionReport.objects.count():,} reports before; {args.runs} runs per page")
    settings.COMPLAINT_KEY_ROOTS = []  # this officer's key becomes the pinned root
    with transaction.atomic():
        officer = _officer("bench-legal-officer", roles.LEGAL_AFFAIRS)
        hold_keys(officer)
        for size in sizes:
            grow(size, officer)
            with transaction.atomic():  # what the pages write (audit entries) is rolled back
                client = Client(HTTP_HOST="127.0.0.1")
                verify_second_factor(client, officer)
                newest = CorruptionReport.objects.order_by("-pk").first()
                print(f"at {CorruptionReport.objects.count():,} reports:")
                print(f"{'page':28} {'wall ms':>8} {'CPU ms':>7} {'SQL ms':>7} {'queries':>8} "
                      f"{'target ms':>10}")
                for label, path in pages(officer, newest, size):
                    wall, cpu, sql, count = measure(client, path, args.runs)
                    verdict = "met" if wall <= TARGET_MS else "MISSED"
                    print(f"{label:28} {wall:8.1f} {cpu:7.1f} {sql:7.1f} {count:8d} "
                          f"{TARGET_MS:>10}  {verdict}")
                transaction.set_rollback(True)
        # Leave the database as it was, or with --keep the officer and reports for the next run.
        transaction.set_rollback(not args.keep)


if __name__ == "__main__":
    main()
