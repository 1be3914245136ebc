"""A report received from or forwarded to the Damrongtham Centre (1567): its case number sealed
with the report's data, its status plain; only the legal unit records or reads it, audited; the
public figures count it by closed month only."""
import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from complaints import services
from complaints.models import AuditEntry, Category, CentreReferral
from complaints.statistics import yearly_table

from .conftest import hold_keys, verify_second_factor

pytestmark = pytest.mark.django_db
CASE_NUMBER = "ศดธ.พจ 0123/2569"


def _admin(name, *args):
    return reverse(f"admin:complaints_corruptionreport_{name}", args=args)


def centre_data(**extra):
    return {"direction": "forwarded", "case_number": CASE_NUMBER, "status": "open",
            "referred_on": "20/11/2569", **extra}


def test_the_legal_unit_records_the_centre_case_sealed_and_audited(client, filed_report, legal_officer):
    report, _receipt = filed_report
    verify_second_factor(client, legal_officer)
    assert client.post(_admin("centre", report.pk), centre_data()).status_code == 302
    referral = CentreReferral.objects.get(report=report)
    assert referral.case_number == CASE_NUMBER and referral.status == "open"
    with connection.cursor() as cursor:
        cursor.execute("SELECT case_number, direction, status FROM complaints_centrereferral")
        sealed, direction, status = cursor.fetchone()
    assert CASE_NUMBER not in sealed and "0123" not in sealed
    assert (direction, status) == ("forwarded", "open")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CENTRE)
    assert entry.report_reference == report.reference and "0123" not in entry.detail
    page = client.get(_admin("change", report.pk)).content.decode()
    assert 'id="case-centre"' in page and CASE_NUMBER in page
    client.post(_admin("centre", report.pk), centre_data(status="closed"))
    assert CentreReferral.objects.get(report=report).status == "closed"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CENTRE).count() == 2


@pytest.mark.parametrize("who", ["supervisor", "general_affairs", "refused_staff"])
def test_nobody_outside_the_legal_unit_records_it(client, filed_report, who, request):
    report, _receipt = filed_report
    user = request.getfixturevalue(who)
    verify_second_factor(client, user)
    response = client.post(_admin("centre", report.pk), centre_data())
    assert response.status_code in (302, 403, 404)
    assert not CentreReferral.objects.exists()


def test_public_figures_count_a_referral_only_once_its_month_has_closed(legal_officer):
    import datetime

    hold_keys(legal_officer)
    with time_machine.travel("2026-10-05 10:00:00+07:00", tick=False):
        report, _receipt = services.file_report(category=Category.BRIBERY, description="เรียกรับเงิน")
    CentreReferral.objects.create(report=report, direction="forwarded", case_number=CASE_NUMBER,
                                  referred_on=datetime.date(2026, 11, 20))

    def forwarded(until):
        row = next(r for r in yearly_table(until) if r.fiscal_year == 2570 and r.round == "6")
        return row.by_centre["forwarded"], row.total

    assert forwarded(datetime.date(2026, 10, 31)) == (0, 1)  # the report counts, its referral not yet
    assert forwarded(datetime.date(2026, 11, 30)) == (1, 1)
