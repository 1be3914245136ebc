"""Back office: the procurement group may work; others are refused; imports are all or nothing."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kpp_portal.admin_dates import format_be
from procurement.importing import COLUMNS
from procurement.models import HearingComment, PlanItem
from tests.conftest import PASSWORD
from tests.spreadsheets import csv_file, xlsx_file

IMPORT_URL = reverse("admin:procurement_planitem_import")
HEADER = list(COLUMNS.values())
GOOD = ["ก่อสร้างรางระบายน้ำ", "1,250,000.50", "เงินงบประมาณรายจ่ายประจำปี", "e-bidding", "ธ.ค. 2568", "กองช่าง"]
GOOD2 = ["จัดซื้อวัสดุสำนักงาน", "45000", "annual_budget", "เฉพาะเจาะจง", "2569-03", "สำนักปลัดเทศบาล"]


def _csv(*rows):
    return csv_file("plan.csv", HEADER, *rows)


def _xlsx(*rows):
    return xlsx_file("plan.xlsx", HEADER, *rows)


@pytest.fixture
def officer_client(client, procurement_officer):
    client.login(username="procurement", password=PASSWORD)
    return client


def test_csv_import_preview_then_confirm(officer_client, make):
    plan = make.plan()
    response = officer_client.post(IMPORT_URL, {"plan": plan.pk, "file": _csv(GOOD, GOOD2)})
    body = response.content.decode()
    assert response.status_code == 200 and "ทุกแถวถูกต้อง" in body
    assert "วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)" in body and "ธ.ค. 2568" in body and "1,250,000.50" in body
    assert not PlanItem.objects.exists()  # a preview saves nothing
    response = officer_client.post(IMPORT_URL, {"confirm": "1"})
    assert response.status_code == 302
    items = {item.title: item for item in PlanItem.objects.all()}
    assert str(items["ก่อสร้างรางระบายน้ำ"].budget) == "1250000.50"
    assert items["ก่อสร้างรางระบายน้ำ"].planned_month == datetime.date(2025, 12, 1)
    assert items["จัดซื้อวัสดุสำนักงาน"].method == "specific"
    assert items["จัดซื้อวัสดุสำนักงาน"].planned_month == datetime.date(2026, 3, 1)


def test_xlsx_import_with_bad_rows_saves_nothing_and_names_each_error(officer_client, make):
    plan = make.plan()
    bad_money = ["งานเงินผิด", "-100", "เงินสะสม", "e-market", "ม.ค. 2569", "กองคลัง"]
    bad_month = ["งานเดือนผิด", "1000", "เงินสะสม", "วิธีคัดเลือก", "ต.ค. 2570", "กองคลัง"]
    bad_method = ["งานวิธีผิด", "1000", "เงินสะสม", "ประมูลใต้โต๊ะ", "ม.ค. 2569", ""]
    response = officer_client.post(
        IMPORT_URL, {"plan": plan.pk, "file": _xlsx(GOOD, bad_money, bad_month, bad_method)}
    )
    body = response.content.decode()
    assert "พบข้อผิดพลาด 3 แถว" in body
    assert "ต้องอยู่ในปีงบประมาณ พ.ศ. 2569" in body
    assert "วิธีจัดหา:" in body and "หน่วยงานที่รับผิดชอบ:" in body
    assert 'name="confirm"' not in body
    assert officer_client.post(IMPORT_URL, {"confirm": "1"}).status_code == 302
    assert not PlanItem.objects.exists()


def test_import_refuses_files_that_are_not_spreadsheets(officer_client, make):
    plan = make.plan()
    fake = SimpleUploadedFile("plan.xlsx", b"%PDF-1.4 not a sheet")
    body = officer_client.post(IMPORT_URL, {"plan": plan.pk, "file": fake}).content.decode()
    assert "ชนิดไฟล์ไม่ถูกต้อง" in body
    missing = SimpleUploadedFile("plan.csv", "ชื่อ,เงิน\nก,1\n".encode())
    assert "ไม่พบคอลัมน์" in officer_client.post(IMPORT_URL, {"plan": plan.pk, "file": missing}).content.decode()
    assert not PlanItem.objects.exists()


@pytest.mark.parametrize("user_fixture", ["refused_staff", "editor"])
def test_other_staff_are_refused(client, request, user_fixture, make):
    user = request.getfixturevalue(user_fixture)
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(reverse("admin:procurement_procurementproject_changelist")).status_code == 403
    assert client.get(reverse("admin:procurement_hearingcomment_changelist")).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(IMPORT_URL).status_code == 302


def test_hearing_comments_need_the_group_not_superuser(client, outsider_superuser, procurement_officer, make):
    tor = make.announce(make.project(), "draft_tor", hearing_opens_on=datetime.date(2025, 11, 1),
                        hearing_closes_on=datetime.date(2025, 11, 5))
    comment = HearingComment.objects.create(
        announcement=tor, body="ขอเพิ่มเวลาส่งมอบ", name="นาย ก", contact="081"
    )
    url = reverse("admin:procurement_hearingcomment_change", args=[comment.pk])
    client.force_login(outsider_superuser)
    assert client.get(url).status_code == 403
    client.force_login(procurement_officer)
    assert "081" in client.get(url).content.decode()
    response = client.post(url, {"response": "ขยายเวลาเป็น 90 วัน", "tor_changed": "on"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.tor_changed and comment.responded_at is not None


def test_officer_sees_project_with_inlines(officer_client, make):
    award = make.awarded()
    response = officer_client.get(
        reverse("admin:procurement_procurementproject_change", args=[award.project.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "bids-0-amount" in body and "award-0-winning_bid" in body


def _project_form(award, **changes):
    """The admin change form of a project with its inlines, as the browser would post it."""
    project = award.project
    data = {"plan_item": project.plan_item_id, "egp_number": project.egp_number, "title": project.title,
            "method": project.method, "reference_price": project.reference_price,
            "reference_price_basis": project.reference_price_basis}
    announcements = list(project.announcements.all())
    bids = list(project.bids.all())
    for prefix, rows in (("items", []), ("committee", []), ("announcements", announcements), ("bids", bids),
                         ("award", [award])):
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows),
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
    for n, row in enumerate(announcements):
        data.update({f"announcements-{n}-id": row.pk, f"announcements-{n}-project": project.pk,
                     f"announcements-{n}-kind": row.kind, f"announcements-{n}-title": row.title,
                     f"announcements-{n}-announced_on": format_be(row.announced_on)})
    for n, row in enumerate(bids):
        data.update({f"bids-{n}-id": row.pk, f"bids-{n}-project": project.pk,
                     f"bids-{n}-bidder_name": row.bidder_name, f"bids-{n}-amount": row.amount,
                     f"bids-{n}-status": row.status})
    data.update(
        {
            "award-0-id": award.pk,
            "award-0-project": project.pk,
            "award-0-winning_bid": award.winning_bid_id,
            "award-0-contract_amount": award.contract_amount,
            "award-0-reason": award.reason,
            "award-0-contract_number": award.contract_number,
            "award-0-contract_date": format_be(award.contract_date),
        }
    )
    data.update(changes)
    return data


def test_admin_shows_thai_errors_for_bad_bids_and_awards(officer_client, make):
    award = make.awarded(contract_date=datetime.date(2025, 12, 5))
    other = make.awarded()
    url = reverse("admin:procurement_procurementproject_change", args=[award.project.pk])
    assert officer_client.post(url, _project_form(award)).status_code == 302  # the untouched form saves

    body = officer_client.post(url, _project_form(award, **{"bids-1-amount": "-10"})).content.decode()
    assert "ราคาที่เสนอต้องมากกว่า 0 บาท" in body
    body = officer_client.post(
        url, _project_form(award, **{"award-0-contract_date": "01/11/2568"})
    ).content.decode()
    assert "วันที่ทำสัญญาต้องไม่ก่อนวันประกาศเชิญชวน" in body
    response = officer_client.post(url, _project_form(award, **{"award-0-winning_bid": other.winning_bid_id}))
    assert response.status_code == 200  # a bidder of another project is not a choice here
    award.refresh_from_db()
    assert award.contract_date == datetime.date(2025, 12, 5) and award.winning_bid_id != other.winning_bid_id


def test_admin_checks_award_against_an_invitation_typed_on_the_same_page(officer_client, make):
    """The invitation is not saved yet when the award is checked: the posted date still counts."""
    project = make.project()
    bid = project.bids.create(bidder_name="บริษัท ก จำกัด", amount="900000.00")
    url = reverse("admin:procurement_procurementproject_change", args=[project.pk])
    data = {"plan_item": project.plan_item_id, "egp_number": project.egp_number, "title": project.title,
            "method": project.method, "reference_price": project.reference_price,
            "reference_price_basis": project.reference_price_basis,
            "items-TOTAL_FORMS": 0, "items-INITIAL_FORMS": 0,
            "committee-TOTAL_FORMS": 0, "committee-INITIAL_FORMS": 0,
            "announcements-TOTAL_FORMS": 1, "announcements-INITIAL_FORMS": 0,
            "announcements-0-kind": "invitation", "announcements-0-title": "ประกาศเชิญชวน",
            "announcements-0-announced_on": "20/11/2568",
            "bids-TOTAL_FORMS": 1, "bids-INITIAL_FORMS": 1, "bids-0-id": bid.pk, "bids-0-project": project.pk,
            "bids-0-bidder_name": bid.bidder_name, "bids-0-amount": "900000.00", "bids-0-status": "valid",
            "award-TOTAL_FORMS": 1, "award-INITIAL_FORMS": 0, "award-0-winning_bid": bid.pk,
            "award-0-contract_amount": "900000.00", "award-0-reason": "ราคาต่ำสุด",
            "award-0-contract_number": "1/2569", "award-0-contract_date": "10/11/2568"}
    body = officer_client.post(url, data).content.decode()
    assert "วันที่ทำสัญญาต้องไม่ก่อนวันประกาศเชิญชวน" in body
    assert not project.announcements.exists()
    data["award-0-contract_date"] = "25/11/2568"
    assert officer_client.post(url, data).status_code == 302
    assert project.award.contract_date == datetime.date(2025, 11, 25)
