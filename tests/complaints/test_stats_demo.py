"""Public statistics (with explicit zero years), demo content, ITA evidence, sitemap."""
import datetime
import io
import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from complaints import services, statistics
from complaints.models import CorruptionReport, HistoricalFigures, Status

pytestmark = pytest.mark.django_db


def _filed(day, **extra):
    return services.file_report(category=extra.pop("category", "bribery"), description="ข้อความลับในเรื่อง" * 3,
                                received_on=day, **extra)[0]


@pytest.fixture
def frozen_2026():
    import time_machine

    with time_machine.travel("2026-11-20 10:00:00+07:00", tick=False):
        yield


def _stated(fiscal_year, round_months, received=0, concluded=0, in_progress=0, **extra):
    figures = HistoricalFigures(fiscal_year=fiscal_year, round=round_months, received=received,
                                concluded=concluded, in_progress=in_progress,
                                source=extra.pop("source", "รายงานฝ่ายนิติการ"),
                                stated_on=extra.pop("stated_on", datetime.date(2020, 4, 30)), **extra)
    figures.full_clean()
    figures.save()
    return figures


def test_no_complaints_only_where_the_municipality_states_it(client, frozen_2026):
    page = client.get(reverse("complaints:stats")).content.decode()
    assert "ไม่มีเรื่องร้องเรียน</strong>" not in page  # nothing stated: no year claims zero
    assert page.count("ยังไม่มีการรายงานตัวเลขของรอบนี้") == 2 * (2569 - 2562 + 1)
    assert "ยังไม่มีเรื่องในระบบ (รอบยังไม่สิ้นสุด)" in page  # FY 2570, still running
    _stated(2562, "12", source="เอกสารมาตรการ ข้อ 3")
    _stated(2563, "6", source="เอกสารมาตรการ ข้อ 3")
    rows = {(r.fiscal_year, r.round): r for r in statistics.yearly_table()}
    assert rows[(2562, "12")].stated_zero and rows[(2563, "6")].stated_zero
    assert rows[(2562, "6")].stated_zero  # an empty year had an empty first half
    assert not rows[(2563, "12")].stated_zero and not rows[(2564, "12")].stated_zero
    page = client.get(reverse("complaints:stats")).content.decode()
    assert page.count("ไม่มีเรื่องร้องเรียน</strong>") == 3 and "ตามรายงานของเทศบาล: เอกสารมาตรการ ข้อ 3" in page
    assert "<caption>" in page and 'scope="col"' in page


def test_received_concluded_and_in_progress_as_at_the_rounds_end(client, frozen_2026, legal_officer):
    early = _filed(datetime.date(2025, 11, 1))          # FY 2569, first half
    early.transition(Status.REJECTED, by=legal_officer, outcome="duplicate")
    CorruptionReport.objects.filter(pk=early.pk).update(
        closed_at=timezone.make_aware(datetime.datetime(2025, 12, 1, 10)))
    late_close = _filed(datetime.date(2026, 2, 1))      # first half; closed after that round ended
    late_close.transition(Status.REJECTED, by=legal_officer, outcome="duplicate")
    CorruptionReport.objects.filter(pk=late_close.pk).update(
        closed_at=timezone.make_aware(datetime.datetime(2026, 5, 1, 10)))
    _filed(datetime.date(2026, 6, 1))                   # second half, still open
    _stated(2569, "12", received=2, concluded=1, in_progress=1, stated_on=datetime.date(2026, 10, 5),
            source="เรื่องรับทางหนังสือก่อนลงทะเบียนในระบบ")
    rows = {(r.fiscal_year, r.round): r for r in statistics.yearly_table()}
    half, full = rows[(2569, "6")], rows[(2569, "12")]
    assert (half.received, half.concluded_total, half.in_progress) == (2, 1, 1)
    assert (full.received, full.concluded_total, full.in_progress) == (5, 3, 2)
    assert (full.total, full.stated.received) == (3, 2)
    page = client.get(reverse("complaints:stats")).content.decode()
    assert "นอกระบบ 2" in page and "ดำเนินการแล้วเสร็จ" in page and "อยู่ระหว่างดำเนินการ" in page
    data = client.get(reverse("complaints:stats_json")).json()["rows"]
    row = next(r for r in data if r["fiscal_year_be"] == 2569 and r["round_months"] == 12)
    counts = (row["received"], row["concluded"], row["in_progress"], row["received_through_portal"])
    assert counts == (5, 3, 2, 3)
    assert row["stated_by_municipality"]["source"] == "เรื่องรับทางหนังสือก่อนลงทะเบียนในระบบ"
    csv_text = client.get(reverse("complaints:stats_csv")).content.decode("utf-8-sig")
    assert "2569,12,1,5,3,2,1,3," in csv_text


@pytest.mark.parametrize("changes, field", [
    ({"received": 3, "concluded": 1, "in_progress": 1}, "in_progress"),
    ({"stated_on": datetime.date(2019, 9, 1)}, "stated_on"),       # before FY 2563 began
    ({"stated_on": datetime.date(2026, 12, 1)}, "stated_on"),      # in the future
    ({"fiscal_year": 2400}, "fiscal_year"),
])
def test_stated_figures_that_do_not_add_up_are_refused(frozen_2026, changes, field):
    values = {"fiscal_year": 2563, "round": "6", "received": 0, "concluded": 0, "in_progress": 0,
              "source": "รายงาน", "stated_on": datetime.date(2020, 4, 30), **changes}
    with pytest.raises(ValidationError) as error:
        HistoricalFigures(**values).full_clean()
    assert field in error.value.message_dict


def test_counts_by_round_channel_category_outcome_and_medians(client, frozen_2026, legal_officer, supervisor):
    first = _filed(datetime.date(2025, 11, 1), channel="post")  # FY 2569, first half
    first.acknowledged_at = timezone.make_aware(datetime.datetime(2025, 11, 5, 10))
    first.save(update_fields=["acknowledged_at"])
    second = _filed(datetime.date(2025, 12, 1), category="procurement")
    second.transition(Status.REJECTED, by=legal_officer, outcome="duplicate")
    _filed(datetime.date(2026, 6, 1))  # FY 2569, second half: only in the 12-month round
    rows = {(r.fiscal_year, r.round): r for r in statistics.yearly_table()}
    half, full = rows[(2569, "6")], rows[(2569, "12")]
    assert (half.total, full.total) == (2, 3)
    # Rejected today, after FY 2569 ended: at that round's end it was still in progress.
    assert (full.received, full.concluded_total, full.in_progress) == (3, 0, 3)
    assert half.by_channel["post"] == 1 and half.by_channel["web"] == 1
    assert full.by_category == {**{k: 0 for k in full.by_category}, "bribery": 2, "procurement": 1}
    # Rejected today: its outcome is published once this month has closed.
    assert full.by_outcome["duplicate"] == 0
    assert half.median_days_to_acknowledge == 4
    data = client.get(reverse("complaints:stats_json")).json()["rows"]
    row = next(r for r in data if r["fiscal_year_be"] == 2569 and r["round_months"] == 12)
    assert row["received"] == 3 and row["by_outcome"]["duplicate"] == 0
    with time_machine.travel("2026-12-01 08:00:00+07:00", tick=False):
        full = {(r.fiscal_year, r.round): r for r in statistics.yearly_table()}[(2569, "12")]
        assert full.by_outcome["duplicate"] == 1 and full.concluded_total == 0
    csv_text = client.get(reverse("complaints:stats_csv")).content.decode("utf-8-sig")
    header = csv_text.splitlines()[0]
    assert header.startswith("fiscal_year_be,round_months,complete,received,concluded,in_progress")
    assert "2569,12,1,3,0,3,0,3," in csv_text and csv_text.splitlines()[1].endswith(",2026-10-31")
    for body in (
        json.dumps(data, ensure_ascii=False),
        csv_text,
        client.get(reverse("complaints:stats")).content.decode(),
    ):
        assert "ข้อความลับ" not in body and "ทจ-" not in body


def test_stats_query_count_is_constant(client, frozen_2026, django_assert_max_num_queries):
    for count in (1, 15):
        while CorruptionReport.objects.count() < count:
            _filed(datetime.date(2026, 1, 5))
        # The identity record, four grouped queries (the Centre's referrals one) and the stated figures.
        with django_assert_max_num_queries(9):
            client.get(reverse("complaints:stats"))


def test_demo_is_idempotent_and_prints_a_working_receipt(client, frozen_2026):
    from complaints import demo

    out = io.StringIO()
    demo.load(out)
    assert CorruptionReport.objects.filter(is_sample=True).count() == len(demo.SAMPLES)
    assert set(CorruptionReport.objects.values_list("status", flat=True)) >= {
        "received",
        "acknowledged",
        "rejected",
    }
    receipt = out.getvalue().split("/complaints/track/): ")[1].strip()
    demo.load(io.StringIO())
    assert CorruptionReport.objects.count() == len(demo.SAMPLES)
    assert client.post(reverse("complaints:track"), {"receipt": receipt}).status_code == 302
    assert "ตัวอย่าง" in client.get(reverse("complaints:track_report")).content.decode()
    rows = {(r.fiscal_year, r.round): r for r in statistics.yearly_table()}
    assert rows[(2562, "12")].stated_zero and rows[(2563, "6")].stated_zero
    assert [key for key, row in rows.items() if row.stated_zero] == [(2563, "6"), (2562, "6"), (2562, "12")]
    assert HistoricalFigures.objects.count() == 3  # the seed's two rounds and last year's paper figures


def test_ita_evidence_and_sitemap(client, frozen_2026, django_assert_num_queries):
    from complaints import ita
    from kpp_portal.models import MunicipalityProfile

    MunicipalityProfile.current()
    with django_assert_num_queries(3):
        found = ita.evidence(2570)
    # A sample manual is no evidence; a year without figures has no statistics to show.
    assert set(found) == {"corruption-channel"}
    _filed(datetime.date(2026, 10, 20))
    _stated(2563, "6")
    profile = MunicipalityProfile.current()
    profile.complaint_manual_adopted_on = datetime.date(2026, 10, 1)
    profile.save()
    found = ita.evidence(2570)
    assert set(found) == {"complaint-manual", "corruption-channel", "complaint-stats"}
    assert [url for _title, url in found["complaint-stats"]] == ["/complaints/stats/#fy-2570"]
    # Only the year asked (an item wanting last year's figures says so by its window).
    assert [url for _title, url in ita.evidence(2563)["complaint-stats"]] == ["/complaints/stats/#fy-2563"]
    assert "complaint-stats" not in ita.evidence(2564) and "complaint-stats" not in ita.evidence(2571)
    for links in found.values():
        for _title, url in links:
            assert client.get(url.split("#")[0]).status_code == 200
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/complaints/manual/" in sitemap and "/complaints/stats/" in sitemap
    assert "/admin/" not in sitemap and "/complaints/track/report/" not in sitemap


def _public_figures(client):
    """Everything the portal publishes about complaint numbers, as a visitor fetches it."""
    import re

    page = client.get(reverse("complaints:stats")).content.decode()
    table = re.search(r"<table.*?</table>", page, re.S).group()
    return (table, client.get(reverse("complaints:stats_json")).content,
            client.get(reverse("complaints:stats_csv")).content)


def test_a_filing_changes_no_public_figure_until_its_month_has_closed(client, settings):
    """Figures that moved at once would give the time, channel and category of each web report."""
    from .conftest import report_data

    settings.FRAGMENT_CACHE_SECONDS = 0  # each answer computed afresh: nothing hides a change
    with time_machine.travel("2026-11-20 10:00:00+07:00", tick=False):
        before = _public_figures(client)
        filed = client.post(reverse("complaints:report"), {**report_data(), "category": "abuse"})
        assert filed.status_code == 200
        assert _public_figures(client) == before
        page = client.get(reverse("complaints:stats")).content.decode()
        assert "31 ตุลาคม 2569" in page and "ไม่แสดงแบบทันที" in page
    with time_machine.travel("2026-11-30 23:59:00+07:00", tick=False):
        assert _public_figures(client) == before
    with time_machine.travel("2026-12-01 00:01:00+07:00", tick=False):
        after = _public_figures(client)
        data = client.get(reverse("complaints:stats_json")).json()
    assert after != before and data["counted_until"] == "2026-11-30"
    row = next(r for r in data["rows"] if r["fiscal_year_be"] == 2570 and r["round_months"] == 6)
    assert row["received"] == 1 and row["by_channel"]["web"] == 1 and row["by_category"]["abuse"] == 1
