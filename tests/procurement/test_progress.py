"""Each contract's stage after signature, the year's progress list, the annual report's review,
and the officers' admin for them (others refused)."""

import datetime

import pytest
from django.urls import reverse

from procurement.models import ContractProgress, ProcurementYearReview
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, procurement_officer):
    client.login(username="procurement", password=PASSWORD)
    return client


def _steps(award):
    ContractProgress.objects.create(
        award=award, date=datetime.date(2026, 1, 15), stage="in_progress", percent=40
    )
    ContractProgress.objects.create(
        award=award, date=datetime.date(2026, 3, 1), stage="paid", amount="400000.00", description="งวดที่ 1"
    )


def test_the_project_page_shows_each_step_and_where_the_contract_stands(client, make):
    award = make.awarded(amounts=("900000.00",))
    assert "ลงนามสัญญาแล้ว" in client.get(award.project.get_absolute_url()).content.decode()
    _steps(award)
    body = client.get(award.project.get_absolute_url()).content.decode()
    assert "ความก้าวหน้าหลังลงนามสัญญา" in body and "ร้อยละ 40" in body and "งวดที่ 1" in body
    assert "เบิกจ่ายแล้ว 400,000.00 จาก 900,000.00 บาท" in body
    ContractProgress.objects.create(
        award=award, date=datetime.date(2026, 4, 1), stage="paid", amount="500000.00"
    )
    assert award.progress_summary()[:3] == ("เบิกจ่ายครบตามสัญญา", 100, 900000)


def test_the_years_progress_list_shows_every_contract(client, make, django_assert_max_num_queries):
    first = make.awarded()
    _steps(first)
    make.awarded(contract_date=datetime.date(2026, 2, 1))
    with django_assert_max_num_queries(8):
        body = client.get(reverse("procurement:progress", args=[2569])).content.decode()
    assert body.count("#progress") == 2
    assert "เบิกจ่ายเงิน" in body and "ลงนามสัญญาแล้ว" in body  # the latest step of each
    for _n in range(10):
        _steps(make.awarded())
    with django_assert_max_num_queries(8):
        client.get(reverse("procurement:progress", args=[2569]))
    assert client.get(reverse("procurement:progress", args=[2570])).status_code == 404  # no published plan


def test_the_annual_report_carries_the_staff_review(client, make):
    make.awarded()
    url = reverse("procurement:annual_report", args=[2569])
    assert "ยังไม่ได้บันทึกปัญหา อุปสรรค" in client.get(url).content.decode()
    ProcurementYearReview.objects.create(
        fiscal_year=2569,
        problems="ผู้เสนอราคาน้อยราย",
        obstacles="ราคาวัสดุผันผวน",
        recommendations="เผยแพร่ร่าง TOR ให้นานขึ้น",
        written_on=datetime.date(2026, 10, 15),
    )
    body = client.get(url).content.decode()
    assert "ผู้เสนอราคาน้อยราย" in body and "ราคาวัสดุผันผวน" in body and "เผยแพร่ร่าง TOR ให้นานขึ้น" in body


def test_officers_record_progress_and_payments_cannot_exceed_the_contract(officer_client, make):
    award = make.awarded(amounts=("900000.00",))
    url = reverse("admin:procurement_award_change", args=[award.pk])
    form = {
        "contract_end": "30/04/2569",
        "progress-TOTAL_FORMS": 2,
        "progress-INITIAL_FORMS": 0,
        "progress-0-date": "01/03/2569",
        "progress-0-stage": "paid",
        "progress-0-amount": "600000.00",
        "progress-1-date": "01/04/2569",
        "progress-1-stage": "paid",
        "progress-1-amount": "400000.00",
    }
    response = officer_client.post(url, form)
    assert response.status_code == 200 and "เกินมูลค่าตามสัญญา" in response.content.decode()
    assert not ContractProgress.objects.exists()
    form["progress-1-amount"] = "300000.00"
    assert officer_client.post(url, form).status_code == 302
    award.refresh_from_db()
    assert award.contract_end == datetime.date(2026, 4, 30) and award.progress.count() == 2
    response = officer_client.post(url, {**form, "contract_end": "01/11/2568", "progress-TOTAL_FORMS": 0})
    assert "กำหนดแล้วเสร็จต้องไม่ก่อนวันที่ทำสัญญา" in response.content.decode()


@pytest.mark.parametrize("user_fixture", ["refused_staff", "editor"])
def test_other_staff_are_refused(client, request, user_fixture, make):
    award = make.awarded()
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(reverse("admin:procurement_award_change", args=[award.pk])).status_code == 403
    assert client.get(reverse("admin:procurement_procurementyearreview_add")).status_code == 403
