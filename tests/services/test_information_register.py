"""Information requests as Alaveteli tracks them: the register shows a request overdue once its
time passes unanswered and when it was answered; an appeal to the Official Information Commission
with its own deadline, status and outcome, in the reminders; the correspondence the requester
agreed to publish, names removed."""
import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from services.models import (
    AppealOutcome,
    AppealStatus,
    InformationAppeal,
    Outcome,
    RequestEvent,
    WorkflowError,
)

from .conftest import at, file_request

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/services/servicerequest/"


def published(item, officer, subject="สัญญาจ้างซ่อมถนน"):
    item.set_register(subject, True, by=officer)
    return item


def test_the_register_shows_overdue_then_when_it_was_answered(client, information_type, office_officer,
                                                              holidays):
    with time_machine.travel(at(2026, 3, 2), tick=False):
        item, _ = file_request(information_type, subject="ขอสัญญา", requester_name="นาย ก")
        published(item, office_officer)
    page = f"/services/register/{item.reference}/"
    with time_machine.travel(at(2026, 3, 20), tick=False):  # within 15 working days
        assert "เกินกำหนด" not in client.get(page).content.decode()
    with time_machine.travel(at(2026, 3, 30), tick=False):
        assert "เกินกำหนด ยังไม่ได้ตอบ" in client.get(page).content.decode()
        assert "เกินกำหนด ยังไม่ได้ตอบ" in client.get("/services/register/").content.decode()
        item.reply("ส่งสำเนาแล้ว", by=office_officer)
        body = client.get(page).content.decode()
    assert "เกินกำหนด ยังไม่ได้ตอบ" not in body
    assert "(เกินกำหนด)" in body and "ตอบเมื่อ 30" in body
    item.refresh_from_db()
    assert item.register_state() == "answered_late"


def test_an_answer_in_time_is_shown_as_answered(information_type, office_officer):
    with time_machine.travel(at(2026, 3, 2), tick=False):
        item, _ = file_request(information_type, requester_name="นาย ก")
        item.close(Outcome.DISCLOSED_FULL, by=office_officer)
    item.refresh_from_db()
    assert item.answered_at is not None and item.register_state() == "answered"


def refused(information_type, grounds, officer):
    with time_machine.travel(at(2026, 3, 2), tick=False):
        item, _ = file_request(information_type, requester_name="นาย ข")
        item.close(Outcome.REFUSED, by=officer, body="ไม่เปิดเผย", grounds=[grounds["personal"]])
    return item


def test_an_appeal_has_its_own_deadline_status_and_outcome(client, information_type, grounds, office_officer):
    officer = office_officer
    item = refused(information_type, grounds, office_officer)
    appeal = item.record_appeal(by=officer, filed_on=datetime.date(2026, 3, 10), status=AppealStatus.FILED)
    assert appeal.filed_in_time and appeal.forward_due == datetime.date(2026, 3, 17)
    with pytest.raises(WorkflowError):
        item.record_appeal(by=officer, status=AppealStatus.DECIDED)  # no outcome yet
    item.record_appeal(by=officer, status=AppealStatus.FORWARDED, forwarded_on=datetime.date(2026, 3, 12),
                       commission_reference="สขร 123/2569")
    item.record_appeal(by=officer, status=AppealStatus.DECIDED, outcome=AppealOutcome.DISCLOSE,
                       decided_on=datetime.date(2026, 4, 20), outcome_summary="ให้เปิดเผยโดยปกปิดเลขบัตร")
    appeal.refresh_from_db()
    assert appeal.outcome == AppealOutcome.DISCLOSE and appeal.commission_reference == "สขร 123/2569"
    assert item.events.filter(kind=RequestEvent.Kind.APPEAL, is_public=True).count() == 3
    published(item, office_officer)
    body = client.get(f"/services/register/{item.reference}/").content.decode()
    assert "ให้เปิดเผยข้อมูล" in body and "ให้เปิดเผยโดยปกปิดเลขบัตร" in body


def test_a_late_appeal_is_marked_and_only_a_refusal_is_appealed(information_type, grounds, office_officer):
    officer = office_officer
    item = refused(information_type, grounds, office_officer)
    appeal = item.record_appeal(by=officer, filed_on=datetime.date(2026, 3, 20), status=AppealStatus.FILED)
    assert not appeal.filed_in_time
    with time_machine.travel(at(2026, 3, 2), tick=False):
        disclosed, _ = file_request(information_type, requester_name="นาย ค")
        disclosed.close(Outcome.DISCLOSED_FULL, by=office_officer)
    with pytest.raises(WorkflowError):
        disclosed.record_appeal(by=officer, filed_on=datetime.date(2026, 3, 5), status=AppealStatus.FILED)
    assert not InformationAppeal.objects.filter(request=disclosed).exists()


def test_the_appeal_step_in_the_queue_refuses_another_unit(client, information_type, grounds, office_officer,
                                                           works_officer):
    item = refused(information_type, grounds, office_officer)
    data = {"filed_on": "05/03/2569", "status": "filed"}
    client.force_login(works_officer)
    assert client.post(f"{CHANGELIST}{item.pk}/appeal/", data).status_code == 404
    client.force_login(office_officer)
    assert b'id="appeal-form"' in client.get(f"{CHANGELIST}{item.pk}/change/").content
    client.post(f"{CHANGELIST}{item.pk}/appeal/", data)
    assert InformationAppeal.objects.get(request=item).status == AppealStatus.FILED


def test_staff_are_reminded_of_an_appeal_to_forward(information_type, grounds, office_officer):
    officer = office_officer
    item = refused(information_type, grounds, office_officer)
    item.record_appeal(by=officer, filed_on=datetime.date(2026, 3, 5), status=AppealStatus.FILED)
    with time_machine.travel(at(2026, 3, 13), tick=False):
        call_command("service_reminders", stdout=io.StringIO())
        call_command("send_outbox", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert item.reference in mail.outbox[0].body and "อุทธรณ์" in mail.outbox[0].body
    mail.outbox.clear()
    item.record_appeal(by=officer, status=AppealStatus.FORWARDED, forwarded_on=datetime.date(2026, 3, 9))
    with time_machine.travel(at(2026, 3, 13), tick=False):
        call_command("service_reminders", stdout=io.StringIO())
        call_command("send_outbox", stdout=io.StringIO())
    assert mail.outbox == []


def test_only_what_the_requester_agreed_to_publish_appears_names_removed(client, information_type,
                                                                         office_officer):
    item, code = file_request(information_type, requester_name="นางสาวสมใจ ใจดี", email="somjai@example.org",
                              details="ข้าพเจ้าสมใจ ใจดี โทร 081-234-5678 ขอสำเนาสัญญา")
    item.reply("เรียน คุณสมใจ ใจดี ส่งสำเนาตามที่ขอ ติดต่อ somjai@example.org", by=office_officer)
    published(item, office_officer)
    page = f"/services/register/{item.reference}/"
    assert 'id="correspondence"' not in client.get(page).content.decode()
    client.post("/services/track/", {"reference": item.reference, "code": code})
    assert b'id="publication"' in client.get("/services/track/request/").content
    client.post("/services/track/publication/", {"publish_replies": "on"})
    body = client.get(page).content.decode()
    assert "ส่งสำเนาตามที่ขอ" in body and "ขอสำเนาสัญญา" not in body
    client.post("/services/track/publication/", {"publish_request_text": "on", "publish_replies": "on"})
    body = client.get(page).content.decode()
    assert "ขอสำเนาสัญญา" in body
    for personal in ("สมใจ", "ใจดี", "081-234-5678", "somjai@example.org"):
        assert personal not in body
    client.post("/services/track/publication/", {})
    assert 'id="correspondence"' not in client.get(page).content.decode()


def test_a_stranger_cannot_choose_what_is_published(client, information_type, office_officer):
    item, _ = file_request(information_type, requester_name="นาย ง", details="ขอข้อมูล")
    response = client.post("/services/track/publication/", {"publish_request_text": "on"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.publish_request_text
