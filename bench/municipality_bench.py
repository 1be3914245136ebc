#!/usr/bin/env python
"""Figures for the news list, feed and image handling at growing sizes (prints, asserts nothing).

    DATABASE_URL=postgres://… python -m bench.municipality_bench [1000 10000]

Runs in a throw-away test database (test_<name>), never in the configured one.
"""
import io
import statistics
import sys
import time

from bench.common import setup_django, timed

setup_django(ALLOWED_HOSTS="testserver")

import datetime  # noqa: E402
import tempfile  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.files.storage import FileSystemStorage  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402

from kpp_portal import images  # noqa: E402
from municipality.models import NewsCategory, NewsItem  # noqa: E402


def page_figures(client, url, runs=20):
    """(median ms, queries) of a page, after one warm-up request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    count = len(queries)  # now: each request empties the connection's query log
    median, _slowest = timed(lambda: client.get(url), runs)
    return median, count


def main(sizes):
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    print(f"database: {connection.vendor} ({name})")
    try:
        client = Client()
        category = NewsCategory.objects.create(name="ข่าว", slug="news")
        now = timezone.now()
        made = 0
        for size in sizes:
            NewsItem.objects.bulk_create(
                NewsItem(title=f"ข่าวที่ {i}", body="เนื้อข่าว " * 50, category=category,
                         publish_at=now - datetime.timedelta(hours=i)) for i in range(made, size)
            )
            made = size
            last = (size + 9) // 10
            for label, url in (("news list p1", "/news/"), (f"news list p{last}", f"/news/?page={last}"),
                               ("rss feed", "/news/feed/"), ("home", "/")):
                ms, queries = page_figures(client, url)
                print(f"{size:>7} news  {label:<16} median {ms:7.1f} ms  {queries} queries")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)

    picture = io.BytesIO()
    Image.new("RGB", (4000, 3000), "#446688").save(picture, "JPEG", quality=90)
    with tempfile.TemporaryDirectory() as folder:
        storage = FileSystemStorage(location=folder, base_url="/m/")
        samples = []
        for _ in range(5):
            start = time.perf_counter()
            images.make_sizes(io.BytesIO(picture.getvalue()), "bench", (400, 800, 1200), storage)
            samples.append((time.perf_counter() - start) * 1000)
    print(f"4000x3000 JPEG -> 400/800/1200 px: median {statistics.median(samples):.0f} ms")
    print(f"settings: QA_UNANSWERED_DAYS={settings.QA_UNANSWERED_DAYS}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 10000])
