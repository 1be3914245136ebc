"""Public statistics (with explicit zero years), demo content, ITA evidence, sitemap."""
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services, statistics
from complaints.models import CorruptionReport, Status

pytestmark = pytest.mark.django_db


def _filed(day, **extra):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return services.file_report(category=extra.pop("category", "bribery"), description="ข้อความลับในเรื่อง" * 3,
                                received_at=moment, **extra)[0]


@pytest.fixture
def frozen_2026():
    import time_machine

    with time_machine.travel("2026-11-20 10:00:00+07:00", tick=False):
        yield


def test_zero_years_are_explicit_and_seed_statement_reproduced(client, frozen_2026):
    page = client.get(reverse("complaints:stats")).content.decode()
    rows = {(r.fiscal_year, r.round): r for r in statistics.yearly_table()}
    assert rows[(2562, "12")].total == 0 and rows[(2563, "6")].total == 0
    assert (2570, "12") in rows and not rows[(2570, "12")].complete
    assert page.count("ไม่มีเรื่องร้องเรียน") == len(rows)
    assert "<caption>" in page and 'scope="col"' in page


def test_counts_by_round_channel_category_outcome_and_medians(client, frozen_2026, legal_officer, supervisor):
    first = _filed(datetime.date(2025, 11, 1), channel="post")  # FY 2569, first half
    first.acknowledged_at = first.received_at + datetime.timedelta(days=4)
    first.save(update_fields=["acknowledged_at"])
    second = _filed(datetime.date(2025, 12, 1), category="procurement")
    second.transition(Status.REJECTED, by=legal_officer, outcome="duplicate")
    _filed(datetime.date(2026, 6, 1))  # FY 2569, second half: only in the 12-month round
    rows = {(r.fiscal_year, r.round): r for r in statistics.yearly_table()}
    half, full = rows[(2569, "6")], rows[(2569, "12")]
    assert (half.total, full.total) == (2, 3)
    assert half.by_channel["post"] == 1 and half.by_channel["web"] == 1
    assert full.by_category == {**{k: 0 for k in full.by_category}, "bribery": 2, "procurement": 1}
    assert full.by_outcome["duplicate"] == 1
    assert half.median_days_to_acknowledge == 4
    data = client.get(reverse("complaints:stats_json")).json()["rows"]
    row = next(r for r in data if r["fiscal_year_be"] == 2569 and r["round_months"] == 12)
    assert row["total"] == 3 and row["by_outcome"]["duplicate"] == 1
    csv_text = client.get(reverse("complaints:stats_csv")).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("fiscal_year_be,round_months,complete,total")
    assert "2569,12,1,3," in csv_text
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
        with django_assert_max_num_queries(6):  # the identity record, then one query per table of figures
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
    rows = {(r.fiscal_year, r.round): r.total for r in statistics.yearly_table()}
    assert rows[(2562, "12")] == 0 and rows[(2563, "6")] == 0


def test_ita_evidence_and_sitemap(client, frozen_2026, django_assert_num_queries):
    from complaints import ita

    with django_assert_num_queries(0):
        found = ita.evidence(2570)
    assert set(found) == {"complaint-manual", "corruption-channel", "complaint-stats"}
    assert "complaint-stats" not in ita.evidence(2571)
    for links in found.values():
        for _title, url in links:
            assert client.get(url.split("#")[0]).status_code == 200
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/complaints/manual/" in sitemap and "/complaints/stats/" in sitemap
    assert "/admin/" not in sitemap and "/complaints/track/report/" not in sitemap
