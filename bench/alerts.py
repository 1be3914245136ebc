"""Time and queries of the daily alert digests for 10,000 subscribers over a day's new content.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpp_alerts_bench   # a scratch database, migrated
    .venv/bin/python manage.py migrate && .venv/bin/python -m bench.alerts [--subscribers 10000]

Inside one transaction that is rolled back: N confirmed daily subscribers, each following two
document categories (of 20) and one committee (of 50), and one in ten a saved search (of 100
distinct queries); a day's content of 200 documents and 30 meetings. Measures alerts.sending.run
(the subscriptions read, each topic asked once, one mail rendered per subscriber, the outbox
rows inserted in bulk) and then the outbox's sending run to a local backend that drops them.
Prints figures; asserts nothing.
"""
import argparse
import datetime
import random
import time

from bench.common import setup_django

setup_django(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from post_office.models import Email  # noqa: E402

from alerts.models import Frequency, Run, Subscriber, Subscription  # noqa: E402
from alerts.sending import run  # noqa: E402
from committees.models import Committee, Meeting  # noqa: E402
from disclosures.models import Category, Document  # noqa: E402
from kpp_portal import outbox  # noqa: E402

QUERIES = ["ถนน", "น้ำประปา", "งบประมาณ", "ไฟฟ้า", "ขยะ"]


class Rollback(Exception):
    pass


def build(subscribers, now):
    rng = random.Random(7)
    categories = Category.objects.bulk_create(
        Category(name=f"หมวดทดสอบ {i}", slug=f"bench-alerts-{i}") for i in range(20))
    committees = Committee.objects.bulk_create(Committee(name=f"คณะกรรมการทดสอบ {i}") for i in range(50))
    yesterday = timezone.localdate(now) - datetime.timedelta(days=1)
    Document.objects.bulk_create(
        Document(category=rng.choice(categories), title=f"เอกสารทดสอบการแจ้งเตือน {i}", fiscal_year=2570,
                 publication_date=yesterday, is_published=True) for i in range(200))
    meetings = Meeting.objects.bulk_create(
        Meeting(committee=rng.choice(committees), kind="committee", title=f"ประชุมทดสอบ {i}",
                starts_at=now + datetime.timedelta(days=7), place="ห้องประชุม") for i in range(30))
    earlier = now - datetime.timedelta(hours=3)
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(created_at=earlier)
    people = Subscriber.objects.bulk_create(
        Subscriber(email=f"bench{i}@example.org") for i in range(subscribers))
    rows = []
    for i, person in enumerate(people):
        for category in rng.sample(categories, 2):
            rows.append(Subscription(subscriber=person, topic="disclosures.category", value=category.slug,
                                     label=category.name, frequency=Frequency.DAILY, confirmed_at=now))
        committee = rng.choice(committees)
        rows.append(Subscription(subscriber=person, topic="committees.meetings", value=str(committee.pk),
                                 label=committee.name, frequency=Frequency.DAILY, confirmed_at=now))
        if i % 10 == 0:
            query = f"{rng.choice(QUERIES)} {i % 100}" if i % 100 >= 5 else QUERIES[i % 5]
            rows.append(Subscription(subscriber=person, topic="search.query", value=query, label=query,
                                     frequency=Frequency.DAILY, confirmed_at=now))
    Subscription.objects.bulk_create(rows, batch_size=2000)
    last_run = now - datetime.timedelta(days=1)
    Run.objects.update_or_create(frequency=Frequency.DAILY, defaults={"until": last_run})
    return len(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    args = parser.parse_args()
    now = timezone.now()
    try:
        with transaction.atomic():
            started = time.perf_counter()
            subscriptions = build(args.subscribers, now)
            print(f"setup: {args.subscribers} subscribers, {subscriptions} subscriptions, "
                  f"{time.perf_counter() - started:.1f} s")
            before = Email.objects.count()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                queued = run(Frequency.DAILY, now=now)
                elapsed = time.perf_counter() - started
            each = elapsed / max(queued, 1) * 1000
            print(f"digests queued: {queued} in {elapsed:.2f} s ({each:.2f} ms each), {len(queries)} queries")
            assert Email.objects.count() - before == queued
            with CaptureQueriesContext(connection) as queries:
                started, sent = time.perf_counter(), 0
                while True:  # post_office sends BATCH_SIZE (100) a run: cron's runs back to back
                    done, failed, requeued = outbox.send_queued()
                    sent += done
                    if not (done or failed or requeued):
                        break
                elapsed = time.perf_counter() - started
            print(f"outbox sending runs (dummy backend): {sent} sent in {elapsed:.2f} s, "
                  f"{len(queries)} queries")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
