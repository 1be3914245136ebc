"""Requests under the Personal Data Protection Act: one request type per right, an identity check
by staff before work starts, the 30-day clock of section 30, outcomes with reasons, and the
person's data handed over as a JSON file found across the apps that hold it."""
import datetime
import json

import pytest
import time_machine
from django.core.management import call_command

from committees.models import Opinion
from feedback.models import FeedbackMessage
from services import personal_data
from services.models import (
    IdentityCheck,
    IdentityMethod,
    Outcome,
    PersonalDataRight,
    RequestEvent,
    Status,
    WorkflowError,
)

from .conftest import at, file_request

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/services/servicerequest/"


@pytest.fixture
def rights(units):
    return {kind.personal_data_right: kind for kind in personal_data.install(units["office"])}


def ask(rights, right=PersonalDataRight.ACCESS, **fields):
    fields.setdefault("requester_name", "นางสาว ก")
    fields.setdefault("email", "Person@Example.org")
    fields.setdefault("phone", "081-234-5678")
    return file_request(rights[right], subject="ขอข้อมูลของฉัน", details="ข้อมูลทั้งหมด", **fields)


def test_one_request_type_per_right_installed_once_with_thirty_calendar_days(units, rights):
    assert set(rights) == set(PersonalDataRight)
    assert all(t.counts_calendar_days and t.time_limit_days == 30 for t in rights.values())
    assert personal_data.install(units["office"])[0].pk == rights[PersonalDataRight.ACCESS].pk
    call_command("setup_personal_data_requests", unit="สำนักปลัดเทศบาล", stdout=open("/dev/null", "w"))
    assert units["office"].request_types.exclude(personal_data_right="").count() == len(PersonalDataRight)


def test_the_deadline_is_thirty_days_moved_past_a_closed_office(rights, holidays):
    # Counted from the day after receipt. Received Sat 14 March 2026: day 30 is Mon 13 April,
    # Songkran (13–15): due Thu 16 April.
    item, _ = ask(rights, received_at=at(2026, 3, 14))
    assert item.due_date == datetime.date(2026, 4, 16)
    item, _ = ask(rights, received_at=at(2026, 3, 2))  # day 30 is Wed 1 April, a working day
    assert item.due_date == datetime.date(2026, 4, 1)


def test_work_waits_for_the_identity_check(rights, office_officer):
    item, _ = ask(rights)
    assert item.status == Status.IDENTITY
    item.reply("โปรดนำบัตรมาแสดงที่สำนักงาน", by=office_officer)  # asking for proof is allowed
    item.refresh_from_db()
    assert item.status == Status.IDENTITY
    with pytest.raises(WorkflowError):
        item.close(Outcome.COMPLETED, by=office_officer, body="ส่งข้อมูลแล้ว")
    item.verify_identity(IdentityMethod.IN_PERSON, by=office_officer, note="แสดงบัตรที่สำนักงาน")
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS
    assert IdentityCheck.objects.get(request=item).checked_by == office_officer
    assert item.events.filter(kind=RequestEvent.Kind.IDENTITY, is_public=True).exists()
    with pytest.raises(WorkflowError):
        item.verify_identity(IdentityMethod.CALL_BACK, by=office_officer)


def test_an_unverified_request_may_be_declined_with_a_reason_only(rights, office_officer):
    item, _ = ask(rights, right=PersonalDataRight.DELETION)
    with pytest.raises(WorkflowError):
        item.close(Outcome.DECLINED, by=office_officer, body="  ")
    item.close(Outcome.DECLINED, by=office_officer, body="ตรวจสอบตัวตนไม่ได้ภายในกำหนด")
    assert item.outcome == Outcome.DECLINED and item.closed_on_time


def test_outcomes_of_a_personal_data_request(rights):
    offered = dict(rights[PersonalDataRight.CORRECTION].outcome_choices())
    assert set(offered) == {Outcome.COMPLETED, Outcome.DONE_PART, Outcome.DECLINED, Outcome.WITHDRAWN}


def test_the_identity_step_in_the_queue_and_a_refused_officer(client, rights, office_officer, works_officer):
    item, _ = ask(rights)
    client.force_login(works_officer)
    assert client.post(f"{CHANGELIST}{item.pk}/identity/", {"method": "in_person"}).status_code == 404
    client.force_login(office_officer)
    page = client.get(f"{CHANGELIST}{item.pk}/change/")
    assert b'id="identity-form"' in page.content
    client.post(f"{CHANGELIST}{item.pk}/identity/", {"method": "digital_id", "note": "ThaID"})
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS
    assert b'id="identity-form"' not in client.get(f"{CHANGELIST}{item.pk}/change/").content


def _held(rights):
    FeedbackMessage.submit(kind="suggestion", subject="ไฟถนน", message="ขอไฟเพิ่ม", email="person@example.org")
    FeedbackMessage.submit(kind="suggestion", subject="ของคนอื่น", message="-", email="other@example.org")
    earlier, _ = file_request(rights[PersonalDataRight.CORRECTION].unit.request_types.first(),
                              subject="คำร้องเก่า", phone="0812345678")
    return earlier


def test_the_file_holds_what_the_apps_hold_about_the_person_and_nothing_of_others(rights, office_officer):
    from kpp_portal.personal_data import held_about

    earlier = _held(rights)
    found = held_about("person@example.org", "081 234 5678")
    assert [row["reference"] for row in found["คำร้องออนไลน์ (E-Service)"]] == [earlier.reference]
    assert [row["subject"] for row in found["ความคิดเห็นและข้อเสนอแนะทั่วไป"]] == ["ไฟถนน"]
    assert "ความคิดเห็นต่อการรับฟังความคิดเห็น" not in found
    assert held_about("", "") == {}
    assert Opinion.objects.count() == 0


def test_the_person_downloads_their_data_once_granted_and_not_before(client, rights, office_officer):
    _held(rights)
    item, code = ask(rights, right=PersonalDataRight.PORTABILITY)
    client.post("/services/track/", {"reference": item.reference, "code": code})
    assert client.get("/services/track/your-data/").status_code == 404
    item.verify_identity(IdentityMethod.CALL_BACK, by=office_officer)
    staff = client.__class__()
    staff.force_login(office_officer)
    checked = staff.get(f"{CHANGELIST}{item.pk}/personal-data/")
    assert checked.status_code == 200 and "no-store" in checked["Cache-Control"]
    assert client.get("/services/track/your-data/").status_code == 404
    item.close(Outcome.COMPLETED, by=office_officer, body="ส่งไฟล์ข้อมูลแล้ว")
    page = client.get("/services/track/request/")
    assert b'id="your-data"' in page.content
    response = client.get("/services/track/your-data/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    records = json.loads(response.content)["records"]
    assert "ความคิดเห็นและข้อเสนอแนะทั่วไป" in records
    assert item.reference in {row["reference"] for row in records["คำร้องออนไลน์ (E-Service)"]}
    assert not item.files.exists()  # built on demand, no copy kept


def test_a_deletion_request_hands_over_no_file(client, rights, office_officer):
    item, code = ask(rights, right=PersonalDataRight.DELETION)
    item.verify_identity(IdentityMethod.IN_PERSON, by=office_officer)
    item.close(Outcome.COMPLETED, by=office_officer, body="ลบแล้ว")
    client.post("/services/track/", {"reference": item.reference, "code": code})
    assert client.get("/services/track/your-data/").status_code == 404
    staff = client.__class__()
    staff.force_login(office_officer)
    assert staff.get(f"{CHANGELIST}{item.pk}/personal-data/").status_code == 404


def test_the_privacy_notice_links_each_right_to_its_form(client, rights):
    page = client.get("/privacy/").content.decode()
    for right in PersonalDataRight:
        assert f'id="right-{right.value}"' in page
        assert rights[right].get_absolute_url() in page
    rights[PersonalDataRight.ACCESS].is_active = False
    rights[PersonalDataRight.ACCESS].save()
    assert 'id="right-access"' not in client.get("/privacy/").content.decode()


def test_the_form_says_thirty_days_and_asks_for_no_id_card_picture(client, rights):
    page = client.get(rights[PersonalDataRight.ACCESS].get_absolute_url()).content.decode()
    assert "30 วัน นับจากวันที่ได้รับคำขอ" in page
    assert "ไม่ต้องแนบภาพบัตรประจำตัวประชาชน" in page
    with time_machine.travel(at(2026, 3, 2), tick=False):
        assert 'type="file"' not in page
