import re

import pytest
from django.core.exceptions import ValidationError

from disclosures.models import (
    Document,
    Indicator,
    IndicatorValue,
    IntegrityMeasure,
    ITAAnalysis,
    ITAAnalysisRow,
    MeasureUpdate,
    RiskEntry,
    RiskLevel,
    risk_level,
)
from kpp_portal.thai import current_fiscal_year
from tests.conftest import page_html

pytestmark = pytest.mark.django_db


def test_integrity_page_shows_the_six_measures_updates_analysis_and_indicator(client, demo):
    response = client.get("/disclosures/integrity/")
    body = re.sub(r' data-label="[^"]*"', "", page_html(response))  # cells' headings on a phone
    assert response.status_code == 200
    assert [m.number for m in response.context["measures"]] == [1, 2, 3, 4, 5, 6]
    assert "มาตรการป้องกันความขัดแย้งทางผลประโยชน์หรือผลประโยชน์ทับซ้อน" in body
    assert "ไม่มีเรื่องร้องเรียนร้องทุกข์" in body  # a dated progress update
    assert 'href="/disclosures/ita-analysis/2564/"' in body  # the ITA 2564 analysis, on its own page
    # The indicator: the same numbers at the end of the bars and in the chart's table.
    assert "<svg" in body and body.count('class="chart-value">32<') == 1 and body.count(">86<") == 2
    assert body.count('<td class="text-end">32</td>') == 1
    assert "ปานกลาง" in body and "มากที่สุด" in body


def test_the_chart_bars_are_drawn_to_scale(client, demo):
    indicator = Indicator.objects.get()
    chart = next(
        ind.chart
        for m in client.get("/disclosures/integrity/").context["measures"]
        for ind in m.indicators.all()
    )
    # On the 0–100 scale of a percentage, whatever the largest value: 32 % and 86 % of a full bar.
    assert [row["rects"][0]["width"] for row in chart.rows] == [140.8, 378.4]
    assert indicator.values.count() == 2


def test_each_years_analysis_is_a_record_with_its_own_page(client, demo):
    body = client.get("/disclosures/ita-analysis/2564/").content.decode()
    assert "ผู้ดูแลระบบ" in body and "ทุกกอง/สำนัก" in body  # the seed's ITA 2564 table
    analysis = ITAAnalysis.objects.create(assessment_year=2590, score="88.50", level="A", summary="สรุปปี 2590")
    ITAAnalysisRow.objects.create(analysis=analysis, guideline="แนวทางปี 2590", recommendation="ข้อเสนอ",
                                  timeframe="ตลอดปี", actions="ดำเนินการ", responsible="กองคลัง")
    assert client.get("/disclosures/ita-analysis/").url == "/disclosures/ita-analysis/2590/"  # the latest
    body = client.get("/disclosures/ita-analysis/2590/").content.decode()
    assert "แนวทางปี 2590" in body and "88.50 (A)" in body and "ผู้ดูแลระบบ" not in body
    assert 'href="/disclosures/ita-analysis/2564/"' in body
    assert client.get("/disclosures/ita-analysis/2599/").status_code == 404
    with pytest.raises(ValidationError):
        ITAAnalysis(assessment_year=2568, score=101).full_clean()


def test_indicator_values_are_percentages(db):
    measure = IntegrityMeasure.objects.create(number=9, title="ทดสอบ", description="-")
    indicator = Indicator.objects.create(measure=measure, fiscal_year=2567, title="ผลทดสอบ")
    with pytest.raises(ValidationError):
        IndicatorValue(indicator=indicator, label="หลัง", value=120).full_clean()


@pytest.mark.parametrize("likelihood, impact, level", [
    (1, 1, RiskLevel.LOW), (1, 3, RiskLevel.LOW), (2, 2, RiskLevel.MEDIUM), (2, 4, RiskLevel.MEDIUM),
    (3, 3, RiskLevel.HIGH), (4, 3, RiskLevel.HIGH), (3, 5, RiskLevel.VERY_HIGH), (5, 5, RiskLevel.VERY_HIGH),
])
def test_risk_level_bands(likelihood, impact, level):
    assert risk_level(likelihood, impact) == level


def test_likelihood_and_impact_must_be_1_to_5(db):
    entry = RiskEntry(fiscal_year=2567, process="ก", risk="ข", likelihood=6, impact=0, owner="ค")
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert set(error.value.message_dict) == {"likelihood", "impact"}


def test_risk_page_draws_the_matrix_with_the_same_numbers_as_the_register(client, demo):
    response = client.get("/disclosures/risks/2564/")
    assert response.status_code == 200
    entries = response.context["entries"]
    matrix = response.context["matrix"]
    placed = sorted(n for row in matrix["rows"] for cell in row["cells"] for n in cell["numbers"])
    assert placed == list(range(1, len(entries) + 1))
    first = entries[0]
    cell = next(c for row in matrix["rows"] for c in row["cells"]
                if (c["likelihood"], c["impact"]) == (first.likelihood, first.impact))
    assert 1 in cell["numbers"] and cell["level"] == first.level
    body = response.content.decode()
    assert "<caption>" in body and 'scope="row"' in body and "สูงมาก" in body
    # The demo's register runs to the current fiscal year.
    assert client.get("/disclosures/risks/").url == f"/disclosures/risks/{current_fiscal_year()}/"
    assert client.get("/disclosures/risks/2500/").status_code == 404


def test_risk_page_without_any_register(client, db):
    response = client.get("/disclosures/risks/")
    assert response.status_code == 200
    assert "ยังไม่มีผลการประเมินความเสี่ยง" in response.content.decode()


def test_demo_shows_real_coverage(client, demo):
    assert IntegrityMeasure.objects.count() == 6
    assert all("ตัวอย่าง" in title for title in Document.objects.values_list("title", flat=True))
    assert (
        Document.objects.filter(fiscal_year__in=[2563, 2564, 2566, 2568, 2569])
        .values("fiscal_year")
        .distinct()
        .count()
        == 5
    )
    # A lazy value (the checklist's table may be a kept fragment): read it as the page would.
    met = int(str(client.get("/disclosures/ita/2564/").context["checklist"]["met"]))
    assert met >= 24  # this app's own evidence alone; other apps add O1–O9, O21–O33
    assert client.get(Document.objects.first().get_download_url()).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/disclosures/",
        "/disclosures/?q=แผน",
        "/disclosures/ita/2564/",
        "/disclosures/integrity/",
        "/disclosures/risks/2564/",
        "/disclosures/open-data/",
    ],
)
def test_pages_answer_in_english_too(client, demo, settings, path):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_the_demo_dates_the_conflict_of_interest_training_in_fiscal_2564_everywhere(demo):
    """The seed's 32 % → 86 % training: one fiscal year on the measure, the ethics record and the news."""
    from disclosures.models import EthicsActivity
    from kpp_portal.thai import fiscal_year_of
    from municipality.models import NewsItem

    update = MeasureUpdate.objects.get(measure__number=6)
    training = EthicsActivity.objects.get(title="อบรมพนักงานเรื่องผลประโยชน์ทับซ้อน")
    news = NewsItem.objects.get(slug="conflict-of-interest-training")
    days = (update.date, training.held_on, news.publish_at)
    assert {fiscal_year_of(day) for day in days} == {2564}
    assert "2564" in news.title
