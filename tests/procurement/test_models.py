"""Domain rules: money, winners, dates, plan publication, thresholds as data."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from procurement.models import (
    Award,
    Bid,
    PlanItem,
    ProcurementMethod,
    ProcurementPlan,
    ProcurementThreshold,
)


def test_negative_bid_is_refused_in_thai(make):
    project = make.project()
    bid = Bid(project=project, bidder_name="บริษัท ข", amount=Decimal("-5.00"))
    with pytest.raises(ValidationError) as error:
        bid.full_clean()
    assert "amount" in error.value.message_dict


def test_absurd_bid_is_refused(make):
    project = make.project(reference="100000.00")
    bid = Bid(project=project, bidder_name="บริษัท ข", amount=Decimal("1000001.00"))
    with pytest.raises(ValidationError) as error:
        bid.full_clean()
    assert "สูงกว่าราคากลางเกิน 10 เท่า" in error.value.message_dict["amount"][0]
    Bid(project=project, bidder_name="บริษัท ข", amount=Decimal("99500.50")).full_clean()


def test_winner_must_be_a_bidder_of_the_project(make):
    award = make.awarded()
    other = make.awarded()
    award.winning_bid = other.winning_bid
    with pytest.raises(ValidationError) as error:
        award.full_clean()
    assert "ผู้ได้รับการคัดเลือกต้องเป็นหนึ่งในผู้เสนอราคา" in error.value.message_dict["winning_bid"][0]


def test_award_before_invitation_is_refused(make):
    award = make.awarded(contract_date=datetime.date(2025, 12, 5))  # invitation 15 Nov
    award.contract_date = datetime.date(2025, 11, 14)
    with pytest.raises(ValidationError) as error:
        award.full_clean()
    assert "ต้องไม่ก่อนวันประกาศเชิญชวน" in error.value.message_dict["contract_date"][0]
    award.contract_date = datetime.date(2025, 11, 15)
    award.full_clean()


def test_plan_published_more_than_30_days_after_budget_is_late(make):
    on_time = make.plan(
        fiscal_year=2569, approved=datetime.date(2025, 9, 1), published=datetime.date(2025, 10, 1)
    )
    late = make.plan(
        fiscal_year=2570, approved=datetime.date(2026, 9, 1), published=datetime.date(2026, 10, 2)
    )
    assert (on_time.days_to_publish, on_time.published_late) == (30, False)
    assert (late.days_to_publish, late.published_late) == (31, True)


def test_unpublished_and_future_plans_are_not_public(make):
    make.plan(fiscal_year=2568, published=None)
    make.plan(fiscal_year=2599, approved=datetime.date(2055, 9, 1), published=datetime.date(2055, 10, 1))
    make.plan(fiscal_year=2569)
    assert list(ProcurementPlan.objects.published().values_list("fiscal_year", flat=True)) == [2569]


def test_planned_month_must_fall_in_the_plan_year(make):
    item = PlanItem(
        plan=make.plan(),
        title="งาน",
        budget=Decimal("1000.00"),
        method=ProcurementMethod.SPECIFIC,
        planned_month=datetime.date(2026, 10, 1),
        division="กองคลัง",
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "ปีงบประมาณ พ.ศ. 2569" in error.value.message_dict["planned_month"][0]


def test_thresholds_are_data_and_a_later_year_can_change_them(make):
    rules = ProcurementThreshold.objects.in_force(2569)
    item = make.item(budget="600000.00", method=ProcurementMethod.SPECIFIC)
    assert "ไม่เกิน 500,000.00 บาท" in item.threshold_warning(rules)
    assert make.item(budget="600000.00", method=ProcurementMethod.E_BIDDING).threshold_warning(rules) == ""
    ProcurementThreshold.objects.create(method=ProcurementMethod.SPECIFIC, effective_fiscal_year=2570,
                                        up_to=Decimal("1000000.00"), legal_basis="กฎกระทรวงฉบับทดสอบ")
    assert item.threshold_warning(ProcurementThreshold.objects.in_force(2570)) == ""
    assert item.threshold_warning(ProcurementThreshold.objects.in_force(2569)) != ""


def test_award_at_or_above_reference(make):
    assert make.awarded(reference="900000.00", amounts=("900000.00",)).at_or_above_reference
    assert not make.awarded(reference="900000.00", amounts=("899999.99",)).at_or_above_reference
    assert Award.objects.count() == 2


def test_announcement_documents_are_checked_by_content(make):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from procurement.models import Announcement, AnnouncementKind

    announcement = Announcement(
        project=make.project(),
        kind=AnnouncementKind.INVITATION,
        title="ประกาศเชิญชวน",
        announced_on=datetime.date(2025, 11, 1),
        document=SimpleUploadedFile("tor.pdf", b"MZ\x90\x00 not a pdf"),
    )
    with pytest.raises(ValidationError) as error:
        announcement.full_clean()
    assert "ชนิดไฟล์ไม่ถูกต้อง" in error.value.message_dict["document"][0]
    announcement.document = SimpleUploadedFile("tor.pdf", b"%PDF-1.4\n%%EOF\n")
    announcement.full_clean()


def test_draft_tor_needs_a_hearing_period_in_order(make):
    from procurement.models import Announcement, AnnouncementKind

    tor = Announcement(project=make.project(), kind=AnnouncementKind.DRAFT_TOR, title="ร่าง TOR",
                       announced_on=datetime.date(2025, 11, 1))
    with pytest.raises(ValidationError):
        tor.full_clean()
    tor.hearing_opens_on, tor.hearing_closes_on = datetime.date(2025, 11, 5), datetime.date(2025, 11, 1)
    with pytest.raises(ValidationError) as error:
        tor.full_clean()
    assert "ต้องไม่ก่อนวันเริ่ม" in error.value.message_dict["hearing_closes_on"][0]


@pytest.mark.parametrize("tax_id, ok", [
    ("0105536000003", True), ("0105536000000", False), ("010553600000", False), ("01055360000a3", False),
])
def test_a_tax_id_is_checked_by_its_check_digit(make, tax_id, ok):
    from procurement.models import Bid

    bid = Bid(project=make.project(), bidder_name="บริษัท ก จำกัด", bidder_tax_id=tax_id, amount="900000.00")
    if ok:
        bid.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            bid.full_clean()
        assert "เลขประจำตัวผู้เสียภาษี" in error.value.message_dict["bidder_tax_id"][0]


def test_progress_steps_are_checked_against_the_contract(make):
    from procurement.models import ContractProgress

    award = make.awarded(contract_date=datetime.date(2025, 12, 5))
    day = datetime.date(2026, 1, 1)
    early, future = datetime.date(2025, 12, 1), datetime.date(2099, 1, 1)
    for values, field in (({"stage": "in_progress", "date": early, "percent": 10}, "date"),
                          ({"stage": "in_progress", "date": future, "percent": 10}, "date"),
                          ({"stage": "in_progress", "date": day}, "percent"),
                          ({"stage": "paid", "date": day}, "amount"),
                          ({"stage": "delivered", "date": day, "amount": "10.00"}, "amount"),
                          ({"stage": "in_progress", "date": day, "percent": 120}, "percent")):
        with pytest.raises(ValidationError) as error:
            ContractProgress(award=award, **values).full_clean()
        assert field in error.value.message_dict, values
    ContractProgress(award=award, stage="in_progress", date=day, description="งวดที่ 1").full_clean()
