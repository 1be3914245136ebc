"""The legal-affairs unit's own pages run as many queries at 12 reports as at 2: the desk, the
queue with each filter and a search, and a case page (bench/legal.py measures them at 20,000)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints import services
from complaints.models import Category, Channel, CorruptionReport, Status

from .conftest import verify_second_factor

pytestmark = pytest.mark.django_db

# What each page needs today; a page over its ceiling has grown a query.
CEILINGS = {"desk": 16, "queue": 18, "case page": 27}


def _pages(officer, report):
    queue = reverse("admin:complaints_corruptionreport_changelist")
    return [
        ("desk", reverse("admin:complaints_corruptionreport_desk")),
        ("queue", queue),
        ("queue", f"{queue}?status__exact={Status.RECEIVED}"),
        ("queue", f"{queue}?channel__exact={Channel.WEB}"),
        ("queue", f"{queue}?category__exact={Category.OTHER}"),
        ("queue", f"{queue}?fiscal_year__exact={report.fiscal_year}"),
        ("queue", f"{queue}?assigned_to__id__exact={officer.pk}"),
        ("queue", f"{queue}?deadline=due_soon"),
        ("queue", f"{queue}?deadline=overdue"),
        ("queue", f"{queue}?q={report.reference}"),
        ("case page", reverse("admin:complaints_corruptionreport_change", args=[report.pk])),
    ]


def _grow_to(count, officer):
    while CorruptionReport.objects.count() < count:
        report, _receipt = services.file_report(category=Category.OTHER, description="x" * 30)
    # A third of them the officer's, so the "assigned to me" filter and tile count rows.
    for report in CorruptionReport.objects.order_by("pk")[::3]:
        CorruptionReport.objects.filter(pk=report.pk).update(assigned_to=officer)
    return CorruptionReport.objects.order_by("-pk").first()


def test_legal_pages_run_as_many_queries_at_12_reports_as_at_2(client, legal_officer,
                                                                django_assert_max_num_queries):
    verify_second_factor(client, legal_officer)  # the officer holds a key: reports are sealed to them
    counts = {}
    for size in (2, 12):
        newest = _grow_to(size, legal_officer)
        for number, (name, path) in enumerate(_pages(legal_officer, newest)):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200, path
            counts.setdefault((number, name), []).append(len(queries))
            with django_assert_max_num_queries(CEILINGS[name]):
                assert client.get(path).status_code == 200, path
    grew = {path: pair for path, pair in counts.items() if pair[1] > pair[0]}
    assert not grew, f"pages run more queries at 12 reports than at 2: {grew}"
