"""Likely repeats in the legal queue (the same text, close in time), compared through a keyed
fingerprint sealed like the text; an officer links a repeat to its original, and the statistics
count both as received and the repeat as a duplicate."""
import datetime

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from complaints import crypto, keys, services, statistics
from complaints.models import AuditEntry, CorruptionReport, SealedDataKey, Status

from .conftest import hold_keys, verify_second_factor

pytestmark = pytest.mark.django_db
TEXT = "นาย ก เรียกรับเงินค่าอนุญาตก่อสร้าง 5,000 บาท ที่ห้องกองช่าง"


def _admin(name, *args):
    return reverse(f"admin:complaints_corruptionreport_{name}", args=args)


@pytest.fixture
def reports(legal_officer):
    hold_keys(legal_officer)
    # A closed month: the public figures count only what had happened by the end of the last one.
    start = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)

    def filed(description, days):
        return services.file_report(category="bribery", description=description,
                                    received_on=start + datetime.timedelta(days=days))[0]

    return {
        "first": filed(TEXT, 0),
        "again": filed("  " + TEXT.replace(" ", "  ") + "\n", 0),  # back, then send again
        "other": filed("เรื่องอื่นที่ไม่เกี่ยวกัน รายละเอียดยาวพอ", 1),
        "much_later": filed(TEXT, 5),  # outside COMPLAINT_REPEAT_WINDOW_DAYS
    }


def test_the_queue_marks_a_likely_repeat(client, legal_officer, reports):
    verify_second_factor(client, legal_officer)
    response = client.get(_admin("changelist"))
    marks = {report.reference: report.likely_repeat for report in response.context["cl"].result_list}
    first = reports["first"]
    assert marks == {first.reference: None, reports["again"].reference: first,
                     reports["other"].reference: None, reports["much_later"].reference: None}
    assert f"อาจซ้ำกับ {first.reference}" in response.content.decode()


def test_no_match_is_shown_to_an_officer_who_cannot_open_the_earlier_report(client, legal_officer, reports):
    # The earlier report sealed to someone else only: its fingerprint stays locked for this
    # officer, so the queue may not say that a report they can open repeats it.
    SealedDataKey.objects.filter(recipient=legal_officer, report=reports["first"]).delete()
    verify_second_factor(client, legal_officer)
    response = client.get(_admin("changelist"))
    marks = {report.reference: report.likely_repeat for report in response.context["cl"].result_list}
    assert marks[reports["again"].reference] is None
    assert "อาจซ้ำกับ" not in response.content.decode()


def test_the_fingerprint_is_sealed_like_the_text(reports):
    with connection.cursor() as cursor:
        cursor.execute("SELECT text_fingerprint FROM complaints_corruptionreport WHERE id = %s",
                       [reports["first"].pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith(crypto.TOKEN_PREFIX) and reports["first"].data_key_id in stored
    with keys.fresh_keyring():  # nobody's key open: nothing to compare
        sealed = CorruptionReport.objects.get(pk=reports["first"].pk).text_fingerprint
        assert isinstance(sealed, crypto.Locked)


def test_an_officer_links_the_repeat_and_both_stay_in_the_statistics(client, legal_officer, reports):
    verify_second_factor(client, legal_officer)
    first, again = reports["first"], reports["again"]
    case = client.get(_admin("change", again.pk)).content.decode()
    assert "อาจซ้ำกับเรื่อง" in case and f'value="{first.reference}"' in case  # offered, to confirm
    # Only an earlier report can be the original.
    refused = client.post(_admin("repeat", first.pk), {"original": again.reference}, follow=True)
    assert "ได้รับก่อนเรื่องนี้" in refused.content.decode()
    response = client.post(_admin("repeat", again.pk), {"original": first.reference})
    assert response.status_code == 302
    again.refresh_from_db()
    assert again.repeats == first and again.status == Status.REJECTED and again.outcome == "duplicate"
    assert AuditEntry.objects.filter(action="repeat_link", report_reference=again.reference).exists()
    assert again.reference in client.get(_admin("change", first.pk)).content.decode()
    assert f"ซ้ำกับ {first.reference}" in client.get(_admin("changelist")).content.decode()
    # Public figures count what had happened by the end of the last closed month.
    next_month = (timezone.localdate().replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    with time_machine.travel(datetime.datetime.combine(next_month, datetime.time(9))):
        figures = next(row for row in statistics.yearly_table() if row.fiscal_year == first.fiscal_year)
    assert figures.received == 4 and figures.by_outcome["duplicate"] == 1


def test_staff_who_may_not_handle_cannot_link(client, refused_staff, supervisor, reports):
    client.force_login(refused_staff)
    url = _admin("repeat", reports["again"].pk)
    assert client.post(url, {"original": reports["first"].reference}).status_code in (302, 403, 404)
    verify_second_factor(client, supervisor)  # sees only what is escalated to them
    assert client.post(url, {"original": reports["first"].reference}).status_code in (403, 404)
    assert CorruptionReport.objects.get(pk=reports["again"].pk).repeats is None
