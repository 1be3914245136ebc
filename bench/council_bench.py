#!/usr/bin/env python
"""Figures for the council's pages, feeds and OParl API as its record grows (prints, asserts
nothing): a term of members, then meetings a month apart back in time with two agenda items
each, named votes, documents and attendance (tests/council/conftest.py's Council), uncached, one
request at a time.

    DATABASE_URL=postgres://… python -m bench.council_bench [50 500]

Runs in a throw-away test database (test_<name>), never in the configured one.
"""
import datetime
import sys
import tempfile
from urllib.parse import quote

from bench.common import measure_page, setup_django

# Uncached, and the meetings' files in a scratch folder.
setup_django(ALLOWED_HOSTS="testserver", FRAGMENT_CACHE_SECONDS="0", MEDIA_ROOT=tempfile.mkdtemp())

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

RUNS = 10


def main(sizes):
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    print(f"database: {connection.vendor} ({name})")
    try:
        from tests.council.conftest import Council

        council = Council()
        client = Client()
        made = 0
        print("| page | " + " | ".join(f"{size} meetings: ms (queries)" for size in sizes) + " |")
        print("|---|" + "---:|" * len(sizes))
        rows = {}
        for size in sizes:
            council.grow(size - made)
            made = size
            last_year = council.meeting.session.fiscal_year - 1
            pages = {
                "calendar (/council/)": "/council/",
                "calendar of the fiscal year before": f"/council/{last_year}/",
                "a meeting": council.meeting.get_absolute_url(),
                "a member who voted on every item": f"/council/members/{council.members[0].pk}/",
                "a member's attendance, page 1": f"/council/members/{council.members[0].pk}/attendance/",
                "a motion": f"/council/motions/{council.budget.pk}/",
                "calendar.ics": "/council/calendar.ics",
                "RSS of new meetings": "/council/feeds/meetings/",
                "OParl meetings, page 1": "/council/oparl/v1/body/meetings/",
                "OParl meetings modified in the last day": "/council/oparl/v1/body/meetings/?modified_since="
                + quote(timezone.localtime(timezone.now() - datetime.timedelta(days=1)).isoformat()),
                "OParl papers, page 1": "/council/oparl/v1/body/papers/",
                "OParl people": "/council/oparl/v1/body/people/",
            }
            for label, path in pages.items():
                median, _slowest, queries = measure_page(client, path, RUNS)
                rows.setdefault(label, []).append(f"{median:.1f} ({queries})")
        for label, cells in rows.items():
            print(f"| {label} | " + " | ".join(cells) + " |")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [50, 500])
