"""Staff: each unit's queue in the admin, need to know, the steps and their timeline, the
information-request outcomes, and the daily reminder."""
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from services.models import RequestEvent, ServiceRequest, Status

from .conftest import BEFORE_SONGKRAN, at, file_request, pdf_bytes, photo, upload

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/services/servicerequest/"


def case(item, step=""):
    return f"{CHANGELIST}{item.pk}/{step + '/' if step else 'change/'}"


@pytest.fixture
def works_client(client, works_officer):
    client.force_login(works_officer)
    return client


# -- need to know -----------------------------------------------------------------------------
def test_a_unit_sees_its_own_requests_and_not_another_units(works_client, fault_type, information_type):
    mine, _ = file_request(fault_type, subject="ไฟดับซอย 5")
    theirs, _ = file_request(information_type, subject="ขอสำเนาสัญญา", requester_name="นาย ข")
    listing = works_client.get(CHANGELIST)
    assert listing.status_code == 200
    assert [row.pk for row in listing.context["cl"].result_list] == [mine.pk]
    assert works_client.get(case(mine)).status_code == 200
    assert works_client.get(case(theirs)).status_code == 404
    assert works_client.post(case(theirs, "note"), {"body": "แอบดู"}).status_code == 404
    assert not theirs.events.filter(kind=RequestEvent.Kind.NOTE).exists()


@pytest.mark.parametrize("who", ["refused_staff", "outsider_superuser", "editor"])
def test_staff_outside_every_unit_are_refused(client, who, request, fault_type, staff_roles):
    item, _ = file_request(fault_type)
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(case(item)).status_code == 403
    for step, data in (("note", {"body": "x"}), ("reply", {"body": "x"}), ("close", {"outcome": "completed"}),
                       ("assign", {}), ("transfer", {"reason": "x"})):
        assert client.post(case(item, step), data).status_code == 403
    assert client.get(case(item, f"file/{item.pk}")).status_code == 403
    index = client.get("/admin/").content.decode()
    assert "/admin/services/servicerequest/" not in index
    assert not item.events.exclude(kind=RequestEvent.Kind.SUBMITTED).exists()


def test_anonymous_visitors_are_sent_to_the_login(client, fault_type):
    item, _ = file_request(fault_type)
    assert client.get(case(item))["Location"].startswith("/admin/login/")


# -- the steps and the timeline -----------------------------------------------------------------
def test_assign_note_reply_with_files_and_close_each_leave_a_step(works_client, works_officer, fault_type):
    item, _ = file_request(fault_type, files=[photo()])
    page = works_client.get(case(item)).content.decode()
    assert item.reference in page and "ไฟดับสามต้นติดกัน" in page
    photo_file = item.files.get()
    assert works_client.get(case(item, f"file/{photo_file.pk}"))["Content-Type"] == "image/jpeg"

    assert works_client.post(case(item, "assign"), {"assigned_to": works_officer.pk}).status_code == 302
    assert works_client.post(case(item, "note"), {"body": "โทรนัดช่างแล้ว"}).status_code == 302
    response = works_client.post(case(item, "reply"), {
        "body": "เปลี่ยนหลอดไฟแล้ว", "files": [upload("after.pdf", pdf_bytes(), "application/pdf")]})
    assert response.status_code == 302 and response["Location"] == case(item)
    closing = {"outcome": "completed", "body": "เสร็จแล้ว"}
    assert works_client.post(case(item, "close"), closing).status_code == 302

    item.refresh_from_db()
    assert item.status == Status.CLOSED and item.outcome == "completed" and item.assigned_to == works_officer
    steps = list(item.events.values_list("kind", "is_public", "actor__username"))
    assert steps == [
        ("submitted", True, None), ("assigned", False, "works"), ("started", True, "works"),
        ("note", False, "works"), ("reply", True, "works"), ("closed", True, "works"),
    ]
    reply = item.events.get(kind="reply")
    assert reply.files.get().kind == "pdf" and reply.files.get().from_staff
    timeline = works_client.get(case(item)).content.decode()
    assert "โทรนัดช่างแล้ว" in timeline and "ไม่เห็น (ภายใน)" in timeline
    # A closed request takes no more steps.
    refused = works_client.post(case(item, "close"), {"outcome": "completed"}, follow=True)
    assert "ปิด" in str(list(refused.context["messages"])[-1])
    assert list(item.events.values_list("kind", flat=True)).count("closed") == 1


def test_an_invalid_step_changes_nothing_and_says_why(works_client, fault_type):
    item, _ = file_request(fault_type)
    response = works_client.post(case(item, "reply"), {"body": ""}, follow=True)
    assert response.redirect_chain == [(case(item), 302)] and "reply-form" in response.content.decode()
    assert "form-errors" in response.content.decode()
    assert list(item.events.values_list("kind", flat=True)) == ["submitted"]
    assert works_client.get(case(item, "note")).status_code == 405  # steps are POST only


def test_a_refused_reply_redirects_and_keeps_what_was_typed_and_why(works_client, fault_type):
    """A reload after a refused file re-sends nothing: the refusal redirects to the case page,
    which shows the text typed and the error once."""
    item, _ = file_request(fault_type)
    response = works_client.post(case(item, "reply"), {
        "body": "แนบใบเสร็จให้แล้วครับ", "files": [upload("x.exe", b"MZ\x90\x00", "application/octet-stream")]})
    assert response.status_code == 302 and response["Location"] == case(item)
    page = works_client.get(case(item))
    assert page.status_code == 200
    assert "ชนิดไฟล์ไม่ถูกต้อง" in page.content.decode() and "แนบใบเสร็จให้แล้วครับ" in page.content.decode()
    again = works_client.get(case(item)).content.decode()
    assert "ชนิดไฟล์ไม่ถูกต้อง" not in again and "แนบใบเสร็จให้แล้วครับ" not in again
    assert list(item.events.values_list("kind", flat=True)) == ["submitted"]
    assert works_client.get(case(item, "note")).status_code == 405  # steps are POST only


def test_transfer_moves_the_request_to_the_other_unit_and_is_recorded(
        client, works_officer, office_officer, fault_type):
    item, _ = file_request(fault_type)
    due = item.due_date
    client.force_login(works_officer)
    assert client.post(case(item, "transfer"), {"to_unit": office_officer.groups.get().service_unit.pk,
                                                "reason": "เป็นเรื่องของสำนักปลัด"}).status_code == 302
    assert client.get(case(item)).status_code == 404  # the unit that gave it away no longer sees it
    client.force_login(office_officer)
    assert client.get(case(item)).status_code == 200
    item.refresh_from_db()
    assert item.unit.name == "สำนักปลัดเทศบาล" and item.due_date == due
    step = item.events.get(kind=RequestEvent.Kind.TRANSFERRED)
    assert (step.from_unit.name, step.to_unit.name, step.actor, step.is_public) == (
        "กองช่าง", "สำนักปลัดเทศบาล", works_officer, True)


def test_information_request_answered_in_part_names_its_ground_and_the_appeal(
        client, office_officer, information_type, grounds):
    item, code = file_request(information_type, subject="ขอสำเนาสัญญาจ้าง", requester_name="นางสาว ค")
    client.force_login(office_officer)
    # Withholding without a legal ground is refused.
    response = client.post(case(item, "close"), {"outcome": "disclosed_part"}, follow=True)
    assert "มาตรา 14 หรือ 15" in response.content.decode()
    # An outcome of the general services is not offered for information requests.
    response = client.post(case(item, "close"), {"outcome": "completed"}, follow=True)
    assert "form-errors" in response.content.decode()
    client.post(case(item, "reply"), {"body": "ส่งสำเนาที่ปกปิดเลขบัตรแล้ว", "publish_files": "on",
                                      "files": [upload("contract.pdf", pdf_bytes(), "application/pdf")]})
    assert client.post(case(item, "close"), {"outcome": "disclosed_part",
                                             "grounds": [grounds["personal"].pk]}).status_code == 302
    item.refresh_from_db()
    assert item.outcome == "disclosed_part" and list(item.refusal_grounds.all()) == [grounds["personal"]]
    assert item.files.get().in_register
    # The person reads the ground and how to appeal, from the data.
    client.logout()
    client.post("/services/track/", {"reference": item.reference, "code": code})
    page = client.get("/services/track/request/").content.decode()
    assert "มาตรา 15 (5)" in page and "อุทธรณ์ต่อคณะกรรมการวินิจฉัยการเปิดเผยข้อมูลข่าวสาร" in page
    assert "ภายใน 15 วัน" in page


def test_grounds_are_refused_for_a_full_disclosure(office_officer, information_type, grounds):
    from services.models import WorkflowError

    item, _ = file_request(information_type, requester_name="นาย ง")
    with pytest.raises(WorkflowError):
        item.close("disclosed_full", by=office_officer, grounds=[grounds["opinion"]])
    item.close("refused", by=office_officer, grounds=[grounds["opinion"]])
    assert [route.days_to_appeal for route in item.appeal_routes()] == [15]


def test_register_review_publishes_a_reviewed_subject_unless_the_person_opted_out(
        client, office_officer, information_type):
    item, _ = file_request(information_type, subject="ขอสำเนาสัญญาของนายสมชาย", requester_name="นายสมชาย")
    client.force_login(office_officer)
    client.post(case(item, "register"), {"register_subject": "ขอสำเนาสัญญาจ้าง", "publish": "on"})
    item.refresh_from_db()
    assert item.register_subject == "ขอสำเนาสัญญาจ้าง" and item.register_published_at is not None
    opted_out, _ = file_request(information_type, requester_name="นาง จ", register_opt_out=True)
    response = client.post(case(opted_out, "register"), {"register_subject": "เรื่อง", "publish": "on"},
                           follow=True)
    assert "form-errors" in response.content.decode()
    opted_out.refresh_from_db()
    assert opted_out.register_published_at is None


def test_the_queue_is_titled_with_the_units_it_lists(works_client, client, office_officer):
    page = works_client.get(reverse("admin:services_servicerequest_changelist")).content.decode()
    assert "<h1>คำร้องของกองช่าง</h1>" in page and "<title>คำร้องของกองช่าง |" in page
    assert "เพื่อเปลี่ยนแปลง" not in page


# -- the queue list -------------------------------------------------------------------------------
def test_overdue_then_due_soon_first_and_the_filters(works_client, fault_type, holidays):
    with time_machine.travel(BEFORE_SONGKRAN, tick=False):
        overdue, _ = file_request(fault_type, subject="เก่า")
    with time_machine.travel(at(2026, 4, 21), tick=False):
        later, _ = file_request(fault_type, subject="ใหม่")
        soon_closed, _ = file_request(fault_type, subject="ปิดแล้ว")
        soon_closed.close("completed", by=None)
    with time_machine.travel(at(2026, 4, 22), tick=False):
        rows = works_client.get(CHANGELIST).context["cl"].result_list
        assert [row.subject for row in rows] == ["เก่า", "ใหม่", "ปิดแล้ว"]
        page = works_client.get(CHANGELIST).content.decode()
        assert "deadline overdue" in page
        only = works_client.get(CHANGELIST, {"deadline": "overdue"}).context["cl"].result_list
        assert [row.pk for row in only] == [overdue.pk]
        due_soon = works_client.get(CHANGELIST, {"deadline": "due_soon"}).context["cl"].result_list
        assert [row.pk for row in due_soon] == [later.pk]
    closed = works_client.get(CHANGELIST, {"status__exact": "closed"}).context["cl"].result_list
    assert [row.pk for row in closed] == [soon_closed.pk]
    by_year = works_client.get(CHANGELIST, {"fiscal_year": "2569", "type": fault_type.pk}).context["cl"]
    assert by_year.result_count == 3
    assert works_client.get(CHANGELIST, {"fiscal_year": "2560"}).status_code in (200, 302)


def test_the_queue_warns_when_the_holidays_of_a_year_are_missing(works_client, fault_type):
    page = works_client.get(CHANGELIST, follow=True).content.decode()
    assert "ยังไม่ได้บันทึกวันหยุดราชการของปี พ.ศ." in page


@pytest.mark.parametrize("count", [3, 30])
def test_queue_and_case_page_queries_do_not_grow(works_client, works_officer, fault_type, count,
                                                 django_assert_max_num_queries):
    for number in range(count):
        item, _ = file_request(fault_type, subject=f"เรื่อง {number}", files=[photo()])
        item.reply("รับทราบ", by=works_officer, files=[photo()])
        item.add_note("ภายใน", by=works_officer)
    with django_assert_max_num_queries(20):
        assert works_client.get(CHANGELIST).status_code == 200
    with django_assert_max_num_queries(20):
        filters = {"deadline": "overdue", "status__exact": "received"}
        assert works_client.get(CHANGELIST, filters).status_code == 200
    with django_assert_max_num_queries(22):
        assert works_client.get(case(item)).status_code == 200


# -- the daily reminder --------------------------------------------------------------------------
def test_reminder_mails_each_unit_references_and_deadlines_only(fault_type, information_type, works_officer,
                                                                office_officer, holidays):
    with time_machine.travel(BEFORE_SONGKRAN, tick=False):
        late, _ = file_request(fault_type, subject="ความลับในเรื่อง")
        office, _ = file_request(information_type, requester_name="นาย ฉ")
    with time_machine.travel(at(2026, 4, 21), tick=False):
        on_time, _ = file_request(fault_type)
        call_command("service_reminders", stdout=io.StringIO())
        call_command("send_outbox", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # the office's request is not due yet
    message = mail.outbox[0]
    assert message.to == ["works@kppmu.go.th"]  # the unit has no address: its members with one
    assert late.reference in message.body and "เกินกำหนด" in message.body and "20 เม.ย. 2569" in message.body
    assert on_time.reference not in message.body and office.reference not in message.body
    assert "ความลับ" not in message.body and "ไฟดับ" not in message.body


def test_reminder_goes_to_the_unit_address_when_it_has_one(information_type, office_officer):
    with time_machine.travel(at(2026, 1, 5), tick=False):
        item, _ = file_request(information_type, requester_name="นาย ช")
    with time_machine.travel(at(2026, 2, 5), tick=False):
        call_command("service_reminders", stdout=io.StringIO())
        call_command("send_outbox", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [["office@kppmu.go.th"]]
    assert item.reference in mail.outbox[0].body


def test_queue_counts_only_what_the_unit_sees(works_client, fault_type, information_type):
    for _ in range(2):
        file_request(information_type, requester_name="นาย ซ")
    assert works_client.get(CHANGELIST).context["cl"].result_count == 0
    assert ServiceRequest.objects.count() == 2



def test_demo_gives_each_unit_an_officer_who_sees_only_that_units_queue(client, settings):
    from django.contrib.auth import get_user_model

    from kpp_portal.management.commands.demo_accounts import DEMO_PASSWORD

    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    call_command("demo_accounts", stdout=io.StringIO())
    works = get_user_model().objects.get(username="works")
    mine = ServiceRequest.objects.visible_to(works)
    assert mine.exists() and set(mine.values_list("unit__name", flat=True)) == {"กองช่าง"}
    assert ServiceRequest.objects.exclude(unit__name="กองช่าง").exists()  # the other unit's, not shown
    client.login(username="works", password=DEMO_PASSWORD)
    page = client.get(CHANGELIST).content.decode()
    for request in ServiceRequest.objects.all():
        assert (request.reference in page) is (request.unit.name == "กองช่าง")
