"""No Gift declarations and the gift register, ethics records, the EIT survey: pages, admin, bad
input, and the checklist evidence they give."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from disclosures import gifts
from disclosures.ita import evidence
from disclosures.models import (
    EITSurvey,
    EthicsActivity,
    EthicsAssessment,
    GiftRecord,
    GiftYearStatement,
    NoGiftDeclaration,
)
from municipality.models import Page
from tests.conftest import PASSWORD

from .conftest import make_document

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)  # fiscal 2570


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 29, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def editor_client(client, editor):
    client.login(username="editor", password=PASSWORD)
    return client


def gift(day=datetime.date(2025, 1, 3), value="1500", action=GiftRecord.Action.RETURNED, **extra):
    record = GiftRecord(
        received_on=day,
        recipient_position="ผู้อำนวยการกองคลัง",
        giver="บริษัท ก จำกัด",
        description="กระเช้า",
        estimated_value=Decimal(value),
        action=action,
        **extra,
    )
    record.full_clean()
    record.save()
    return record


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"action": GiftRecord.Action.KEPT, "estimated_value": Decimal("3000.01")}, "action"),
        ({"estimated_value": Decimal("-1")}, "estimated_value"),
        ({"received_on": TODAY + datetime.timedelta(days=1)}, "received_on"),
        ({"recipient_position": ""}, "recipient_position"),
    ],
)
def test_a_gift_outside_the_rules_is_refused_in_thai(changes, field):
    record = GiftRecord(
        received_on=datetime.date(2025, 1, 3),
        recipient_position="ปลัดเทศบาล",
        giver="บริษัท ก",
        description="ของขวัญ",
        estimated_value=Decimal("500"),
        action=GiftRecord.Action.KEPT,
    )
    for name, value in changes.items():
        setattr(record, name, value)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert field in error.value.message_dict
    if field == "action":
        assert "3,000.00 บาท" in error.value.message_dict["action"][0]


def test_a_gift_within_the_notice_may_be_kept():
    record = gift(value="3000", action=GiftRecord.Action.KEPT)
    assert record.fiscal_year == 2568


def test_the_yearly_report_states_zero_only_where_the_unit_said_so(client):
    gift(datetime.date(2025, 1, 3), "1500")  # FY 2568
    gift(datetime.date(2025, 2, 1), "800", GiftRecord.Action.HANDED_OVER)  # FY 2568
    GiftYearStatement.objects.create(
        fiscal_year=2567, stated_on=datetime.date(2024, 10, 15), stated_by="หัวหน้าสำนักปลัด"
    )
    report = {year.fiscal_year: year for year in gifts.yearly_report()}
    assert list(report) == [2570, 2569, 2568, 2567]
    assert (report[2568].count, report[2568].total_value) == (2, Decimal("2300"))
    assert [(label, n) for label, n, _v in report[2568].by_action] == [
        ("ส่งคืนผู้ให้", 1),
        ("รับไว้ได้ตามหลักเกณฑ์ของประกาศ ป.ป.ช. พ.ศ. 2543", 0),
        ("ส่งมอบให้เทศบาล", 1),
    ]
    assert report[2567].none_stated and not report[2569].none_stated
    body = client.get("/disclosures/no-gift/").content.decode()
    assert body.count("ไม่มีการรับของขวัญ") == 1  # 2567 only: 2569 has no statement
    assert "ยังไม่มีรายงานจากหน่วยงานที่รับผิดชอบ" in body  # 2569 ended without one
    assert "ปีงบประมาณยังไม่สิ้นสุด" in body  # 2570
    year_page = client.get("/disclosures/no-gift/2568/").content.decode()
    assert "บริษัท ก จำกัด" in year_page and "2,300.00" in year_page and "ผู้อำนวยการกองคลัง" in year_page
    assert client.get("/disclosures/no-gift/2566/").status_code == 404  # before any data
    assert client.get("/disclosures/no-gift/2571/").status_code == 404


def test_a_years_gift_register_downloads_as_csv_and_xlsx(client):
    import csv
    import io

    from openpyxl import load_workbook

    gift(datetime.date(2025, 1, 3), "1500")  # FY 2568
    GiftYearStatement.objects.create(
        fiscal_year=2567, stated_on=datetime.date(2024, 10, 15), stated_by="หัวหน้าสำนักปลัด")
    assert 'href="/disclosures/no-gift/2568.csv"' in client.get("/disclosures/no-gift/2568/").content.decode()
    response = client.get("/disclosures/no-gift/2568.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["วันที่ได้รับ", "ตำแหน่งผู้รับ", "ผู้ให้"] and len(rows) == 2
    assert rows[1][1] == "ผู้อำนวยการกองคลัง" and rows[1][5] == "1500.00"
    # A stated zero year is a line that says so, not an empty file.
    zero = client.get("/disclosures/no-gift/2567.csv").content.decode("utf-8-sig")
    zero = list(csv.reader(io.StringIO(zero)))
    assert zero[1][4] == "ไม่มีการรับของขวัญ"
    sheet = load_workbook(io.BytesIO(client.get("/disclosures/no-gift/2568.xlsx").content)).active
    assert "2568" in sheet["A1"].value
    assert client.get("/disclosures/no-gift/2571.csv").status_code == 404


def test_a_declaration_shows_its_document_once_published(client):
    document = make_document("ประกาศเจตนารมณ์ No Gift 2569", category="integrity", year=2569, published=False)
    declaration = NoGiftDeclaration(
        fiscal_year=2569,
        declared_on=datetime.date(2025, 9, 25),
        signatory_name="นาย ก",
        signatory_position="นายกเทศมนตรี",
        document=document,
    )
    declaration.full_clean()  # signed in September for the year ahead: allowed
    declaration.save()
    body = client.get("/disclosures/no-gift/").content.decode()
    assert "นายกเทศมนตรี" in body and document.get_absolute_url() not in body
    document.is_published = True
    document.save()
    assert document.get_absolute_url() in client.get("/disclosures/no-gift/").content.decode()


@pytest.mark.parametrize("declared_on", [datetime.date(2024, 9, 30), datetime.date(2026, 12, 1)])
def test_a_declaration_dated_outside_its_year_is_refused(declared_on):
    document = make_document("ประกาศ", category="integrity", year=2569)
    declaration = NoGiftDeclaration(
        fiscal_year=2569,
        declared_on=declared_on,
        signatory_name="นาย ก",
        signatory_position="นายกเทศมนตรี",
        document=document,
    )
    with pytest.raises(ValidationError) as error:
        declaration.full_clean()
    assert "declared_on" in error.value.message_dict


def test_a_statement_before_its_year_is_refused():
    with pytest.raises(ValidationError) as error:
        GiftYearStatement(fiscal_year=2569, stated_on=datetime.date(2025, 9, 1), stated_by="ปลัด").full_clean()
    assert "ตั้งแต่ต้นปีงบประมาณ 2569" in error.value.message_dict["stated_on"][0]


def test_the_ethics_page_shows_versioned_pages_activities_and_assessments(client, editor):
    page = Page.objects.create(
        kind=Page.Kind.ETHICS_CODE, title="ประมวลจริยธรรม", body="ฉบับแรก", is_published=True
    )
    page.record_version(editor)
    page.body = "ฉบับปรับปรุง"
    page.save()
    page.record_version(editor)
    EthicsActivity.objects.create(
        kind=EthicsActivity.Kind.TRAINING,
        title="อบรมจริยธรรม",
        held_on=datetime.date(2025, 2, 14),
        participants=42,
    )
    EthicsActivity.objects.create(
        kind=EthicsActivity.Kind.PROMOTION, title="ยกย่องคนดี", held_on=datetime.date(2024, 3, 1)
    )
    EthicsAssessment.objects.create(
        fiscal_year=2568,
        assessed_on=datetime.date(2025, 8, 1),
        method="แบบสอบถาม",
        result="ผ่านเกณฑ์",
        score=Decimal("91.5"),
    )
    body = client.get("/disclosures/ethics/").content.decode()
    assert "ประมวลจริยธรรม" in body and 'href="/about/ethics-code/"' in body
    assert "ผู้เข้าร่วม 42 คน" in body and "ไม่ได้บันทึกจำนวนผู้เข้าร่วม" in body
    assert body.index("ปีงบประมาณ 2568") < body.index("ปีงบประมาณ 2567")
    assert "ร้อยละ 91.5" in body and "ผ่านเกณฑ์" in body
    code = client.get("/about/ethics-code/").content.decode()
    assert "ฉบับปรับปรุง" in code and "/about/ethics-code/versions/" in code  # the earlier version stays


def test_ethics_records_refuse_future_dates_and_bad_scores():
    with pytest.raises(ValidationError):
        EthicsActivity(kind="training", title="อบรม", held_on=TODAY + datetime.timedelta(days=1)).full_clean()
    with pytest.raises(ValidationError):
        EthicsAssessment(fiscal_year=2569, assessed_on=TODAY, method="ก", result="ข", score=150).full_clean()


def test_records_prove_their_items_for_their_year_only():
    document = make_document("ประกาศ No Gift 2568", category="integrity", year=2568)
    NoGiftDeclaration.objects.create(
        fiscal_year=2568,
        declared_on=datetime.date(2024, 10, 1),
        signatory_name="ก",
        signatory_position="นายก",
        document=document,
    )
    EthicsActivity.objects.create(
        kind=EthicsActivity.Kind.NO_GIFT, title="งดให้ของขวัญ", held_on=datetime.date(2024, 12, 20)
    )
    EthicsActivity.objects.create(
        kind=EthicsActivity.Kind.TRAINING, title="อบรม", held_on=datetime.date(2025, 2, 1)
    )
    EthicsAssessment.objects.create(
        fiscal_year=2568, assessed_on=datetime.date(2025, 8, 1), method="ก", result="ข"
    )
    GiftYearStatement.objects.create(fiscal_year=2567, stated_on=datetime.date(2024, 10, 15), stated_by="ปลัด")
    make_document("รายงานผลการบริหารทรัพยากรบุคคล 2567", category="hr-report", year=2567)
    make_document("หลักเกณฑ์การบริหารบุคคล 2560", category="hr-rules", year=2560)
    make_document("หลักเกณฑ์การบริหารบุคคล 2566", category="hr-rules", year=2566)
    links = evidence(2568)
    assert {
        "no-gift-declaration",
        "no-gift-culture",
        "ethics-promotion",
        "ethics-assessment",
        "hr-rules",
    } <= set(links)
    assert [title for title, _url in links["hr-rules"]] == ["หลักเกณฑ์การบริหารบุคคล 2566"]  # the rules in force
    # Reports belong to the year they cover; an item asking for last year's says so by its window.
    assert "hr-report" not in links and "no-gift-report" not in links
    assert evidence(2567)["no-gift-report"][0][1] == "/disclosures/no-gift/2567/"
    assert "hr-report" in evidence(2567)
    later = evidence(2570)
    assert not {"no-gift-declaration", "no-gift-culture", "ethics-promotion", "hr-report"} & set(later)
    assert "hr-rules" in later  # rules stay in force until replaced


def test_the_eit_page_draws_its_own_qr_code_and_the_home_page_invites_while_open(client):
    survey = EITSurvey(
        assessment_year=2570,
        url="https://itas.nacc.go.th/go/eit/abc123",
        opens_on=datetime.date(2026, 11, 1),
        closes_on=datetime.date(2026, 12, 31),
    )
    survey.full_clean()
    survey.save()
    body = client.get("/disclosures/ita/2570/eit/").content.decode()
    assert (
        "https://itas.nacc.go.th/go/eit/abc123" in body and 'src="/disclosures/ita/2570/eit/qr.svg"' in body
    )
    qr = client.get("/disclosures/ita/2570/eit/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content and b"<path" in qr.content
    assert "แบบสำรวจ EIT ปี 2570" in client.get("/").content.decode()
    assert client.get("/disclosures/eit/").url == "/disclosures/ita/2570/eit/"
    survey.closes_on = datetime.date(2026, 11, 28)
    survey.save()
    assert "แบบสำรวจ EIT" not in client.get("/").content.decode()
    assert client.get("/disclosures/ita/2569/eit/").status_code == 404


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"url": "http://itas.nacc.go.th/x"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"closes_on": datetime.date(2026, 10, 1)}, "closes_on"),
    ],
)
def test_an_eit_survey_with_bad_input_is_refused(changes, field):
    survey = EITSurvey(
        assessment_year=2570,
        url="https://itas.nacc.go.th/x",
        opens_on=datetime.date(2026, 11, 1),
        closes_on=datetime.date(2026, 12, 31),
    )
    for name, value in changes.items():
        setattr(survey, name, value)
    with pytest.raises(ValidationError) as error:
        survey.full_clean()
    assert field in error.value.message_dict


def test_the_editor_records_a_gift_in_the_admin(editor_client, editor):
    form = {
        "received_on": "03/01/2568",
        "recipient_position": "ปลัดเทศบาล",
        "giver": "บริษัท ข จำกัด",
        "occasion": "",
        "description": "ตะกร้าของขวัญ",
        "estimated_value": "4500",
        "action": "kept",
        "action_note": "",
    }
    response = editor_client.post("/admin/disclosures/giftrecord/add/", form)
    assert response.status_code == 200 and "รับไว้เองไม่ได้" in response.content.decode()
    assert not GiftRecord.objects.exists()
    form.update(action="handed-over", action_note="ส่งมอบให้กองคลัง")
    response = editor_client.post("/admin/disclosures/giftrecord/add/", form)
    assert response.status_code == 302
    assert GiftRecord.objects.get().recorded_by == editor


@pytest.mark.parametrize(
    "model",
    [
        "giftrecord",
        "giftyearstatement",
        "nogiftdeclaration",
        "ethicsactivity",
        "ethicsassessment",
        "eitsurvey",
        "itaanalysis",
    ],
)
def test_staff_without_the_editor_role_are_refused(client, refused_staff, procurement_officer, model):
    for user in (refused_staff, procurement_officer):
        client.force_login(user)
        assert client.get(f"/admin/disclosures/{model}/").status_code == 403
        assert client.get(f"/admin/disclosures/{model}/add/").status_code == 403
