"""One service removes reports (admin delete and retention purge alike); a reference number is
given out once, ever."""
import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from complaints import services, statistics
from complaints.models import AuditEntry, ComplaintCounter, CorruptionReport, PurgedReportFigures
from kpp_portal.thai import fiscal_year_of

from .conftest import verify_second_factor


def _file():
    return services.file_report(category="bribery", description="x" * 30)[0]


@pytest.mark.django_db
def test_admin_delete_keeps_the_statistics_and_never_reissues_the_reference(
        client, legal_officer, django_capture_on_commit_callbacks):
    first, second = _file(), _file()
    year = first.fiscal_year
    assert (first.reference, second.reference) == (f"ทจ-{year}-0001", f"ทจ-{year}-0002")
    before = statistics.json_rows(statistics.yearly_table())
    verify_second_factor(client, legal_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:complaints_corruptionreport_delete", args=[second.pk]),
                               {"post": "yes"})
    assert response.status_code == 302 and not CorruptionReport.objects.filter(pk=second.pk).exists()
    assert statistics.json_rows(statistics.yearly_table()) == before
    assert PurgedReportFigures.objects.get().sequence == 2
    assert AuditEntry.objects.get(action="delete").report_reference == second.reference
    assert _file().reference == f"ทจ-{year}-0003"


@pytest.mark.django_db
def test_purge_in_delete_mode_keeps_figures_through_the_same_service(settings, legal_officer):
    settings.COMPLAINT_RETENTION_DAYS, settings.COMPLAINT_PURGE_MODE = 1, "delete"
    old = _file()
    old.transition("rejected", by=legal_officer, outcome="duplicate")
    CorruptionReport.objects.filter(pk=old.pk).update(closed_at=timezone.now() - datetime.timedelta(days=3))
    services.purge_report(CorruptionReport.objects.get(pk=old.pk))
    assert not CorruptionReport.objects.exists()
    assert PurgedReportFigures.objects.get().sequence == old.sequence
    assert AuditEntry.objects.get(action="purge").actor == "system"
    assert _file().sequence == old.sequence + 1


@pytest.mark.django_db
def test_the_complaint_counter_is_its_own_table():
    from kpp_portal.models import ReferenceCounter

    _file()
    assert ComplaintCounter._meta.db_table != ReferenceCounter._meta.db_table
    assert ComplaintCounter.objects.count() == 1 and not ReferenceCounter.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_migration_continues_numbering_after_existing_reports_and_figures():
    executor = MigrationExecutor(connection)
    executor.migrate([("complaints", "0001_initial")])
    old_apps = executor.loader.project_state([("complaints", "0001_initial")]).apps
    year = fiscal_year_of(timezone.now())
    day = timezone.localdate()
    old_apps.get_model("complaints", "CorruptionReport").objects.create(
        reference=f"ทจ-{year}-0007", fiscal_year=year, sequence=7, category="other", acknowledge_due=day,
        conclude_due=day)
    figures = old_apps.get_model("complaints", "PurgedReportFigures").objects
    for fiscal_year, sequence in ((year, 9), (year - 1, 3)):
        figures.create(fiscal_year=fiscal_year, sequence=sequence, category="other", channel="web",
                       received_at=timezone.now())
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("complaints"))
    assert dict(ComplaintCounter.objects.values_list("year_be", "last_number")) == {year: 9, year - 1: 3}
    assert _file().reference == f"ทจ-{year}-0010"
