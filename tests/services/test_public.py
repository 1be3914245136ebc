"""Citizens: the catalogue, a request form per type, reference and follow-up code, the
follow-up page, the rating, and what is never kept or shown."""
import io
import re

import pytest
from django.core import mail
from PIL import Image

from kpp_portal.forms import issue_token
from services.models import FOLLOW_UP_LENGTH, RequestEvent, RequestFile, ServiceRequest

from .conftest import file_request, jpeg_with_gps, pdf_bytes, photo, upload

pytestmark = pytest.mark.django_db
CODE_RE = re.compile(r'id="follow-up-code">([A-Z0-9]+)<')
REFERENCE_RE = re.compile(r'id="reference">(EB-\d{4}-\d{4})<')


def fault_post(**extra):
    return {"form_token": issue_token(), "subject": "ไฟฟ้าส่องสว่างดับ", "details": "ดับสามต้นหน้าตลาด",
            "answer_type": "ไฟฟ้าส่องสว่าง",
            "location_text": "ถนนราชดำเนิน หน้าตลาดสด", "latitude": "16.482345", "longitude": "99.521234",
            **extra}


def _answer_field(request_type, kind):
    return f"answer_{request_type.fields.get(kind=kind).pk}"


def fault_data(fault_type, **extra):
    data = fault_post(**extra)
    data[_answer_field(fault_type, "text")] = data.pop("answer_type")
    return data


def post_fault(client, fault_type, **extra):
    return client.post(fault_type.get_absolute_url(), fault_data(fault_type, **extra))


def sent_keys(client):
    page = client.get("/services/sent/").content.decode()
    return REFERENCE_RE.search(page).group(1), CODE_RE.search(page).group(1)


def open_follow_up(client, reference, code):
    return client.post("/services/track/", {"reference": reference, "code": code})


# -- the catalogue and the form -------------------------------------------------------------
def test_catalogue_lists_active_types_with_unit_and_time_limit(client, fault_type, information_type):
    information_type.is_active = False
    information_type.save()
    page = client.get("/services/").content.decode()
    assert fault_type.title in page and "3 วันทำการ" in page and "กองช่าง" in page
    assert information_type.title not in page
    assert client.get(information_type.get_absolute_url()).status_code == 404
    # Links for people who came to the wrong place.
    assert 'href="/complaints/"' in page and 'href="/feedback/"' in page


def test_form_asks_what_the_type_asks_with_its_pdpa_notice_and_documents(client, fault_type):
    from disclosures.models import Category, Document

    category = Category.objects.create(name="คู่มือ", slug="service-manual-test")
    manual = Document.objects.create(category=category, title="คู่มือการแจ้งเหตุ", is_published=True,
                                     fiscal_year=2569, external_url="https://www.kppmu.go.th/")
    fault_type.manual_document = manual
    fault_type.save()
    page = client.get(fault_type.get_absolute_url()).content.decode()
    for label in ("ลักษณะความชำรุด", "ประเภทเหตุ", "จุดที่พบ", "ภาพถ่ายจุดที่ชำรุด", "วันที่พบ", "ละติจูด"):
        assert label in page
    assert "กองช่างใช้ตำแหน่งและภาพถ่ายเพื่อซ่อมจุดที่แจ้งเท่านั้น" in page  # the type's own PDPA notice
    assert "ไม่ต้องใช้เอกสาร" in page and manual.get_absolute_url() in page
    assert "โทรศัพท์" not in page.split('id="pdpa-notice"')[1].split("</form>")[0]  # no field it does not ask


def test_filing_redirects_shows_reference_and_code_once_and_stores_only_a_hash(client, fault_type):
    response = post_fault(client, fault_type)
    assert response.status_code == 302 and response["Location"] == "/services/sent/"
    reference, code = sent_keys(client)
    assert re.fullmatch(r"EB-25\d\d-0001", reference) and len(code) == FOLLOW_UP_LENGTH
    # A reload shows them again (in this browser, for a while), and files nothing.
    assert sent_keys(client) == (reference, code)
    item = ServiceRequest.objects.get()
    assert item.reference == reference and item.unit == fault_type.unit
    assert code not in str(ServiceRequest.objects.values().get())
    assert item.answers == [{"label": "ประเภทเหตุ", "kind": "text", "value": "ไฟฟ้าส่องสว่าง"}]
    assert str(item.latitude) == "16.482345"
    assert list(item.events.values_list("kind", "is_public")) == [(RequestEvent.Kind.SUBMITTED, True)]


def test_references_are_gap_free_in_order(client, fault_type):
    for number in range(3):
        post_fault(client, fault_type, details=f"ดับ {number} ต้น")
    numbers = [int(reference[-4:]) for reference in ServiceRequest.objects.order_by("pk").values_list(
        "reference", flat=True)]
    assert numbers == [1, 2, 3]


def test_missing_fields_are_refused_in_thai_and_nothing_is_kept(client, fault_type):
    response = post_fault(client, fault_type, subject="   ", location_text="")
    assert response.status_code == 400
    page = response.content.decode()
    assert "กรุณากรอกเรื่อง" in page and "ยังส่งไม่ได้" in page and "ต้องเลือกไฟล์แนบใหม่" in page
    assert "ดับสามต้นหน้าตลาด" in page  # what was typed stays
    assert not ServiceRequest.objects.exists()


def test_a_christian_era_year_is_refused_with_a_thai_message(client, fault_type):
    date_field = _answer_field(fault_type, "date")
    response = post_fault(client, fault_type, **{date_field: "05/04/2026"})
    assert response.status_code == 400 and "โปรดใช้ปี พ.ศ." in response.content.decode()
    assert post_fault(client, fault_type, **{date_field: "05/04/2569"}).status_code == 302
    assert ServiceRequest.objects.get().answers[-1]["value"] == "5 เม.ย. 2569"


def test_html_is_shown_as_text(client, fault_type):
    post_fault(client, fault_type, details="<script>alert('x')</script><b>ตัวหนา</b>")
    reference, code = sent_keys(client)
    open_follow_up(client, reference, code)
    page = client.get("/services/track/request/").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page


def test_honeypot_refuses_bots(client, fault_type):
    response = post_fault(client, fault_type, website="http://spam.example")
    assert response.status_code == 400 and not ServiceRequest.objects.exists()


def test_filing_is_rate_limited(client, fault_type, settings):
    settings.RATE_LIMIT_OVERRIDES = {"service-submit": (2, 3600)}
    assert [post_fault(client, fault_type, details=f"ดับ {number} ต้น").status_code
            for number in range(3)] == [302, 302, 429]
    assert ServiceRequest.objects.count() == 2


def test_photo_loses_exif_and_gps_and_a_fake_file_is_refused(client, fault_type):
    response = post_fault(client, fault_type, photos=[upload("IMG_1.jpg", jpeg_with_gps(), "image/jpeg")])
    assert response.status_code == 302
    stored = RequestFile.objects.get()
    with stored.stored.open("rb") as handle:
        content = handle.read()
    assert not Image.open(io.BytesIO(content)).getexif()
    assert b"Somchai" not in content and stored.stored.name.endswith(".jpg")
    fake = upload("photo.jpg", b"MZ\x90\x00 not a picture", "image/jpeg")
    refused = post_fault(client, fault_type, photos=[fake])
    assert refused.status_code == 400 and "ชนิดไฟล์ไม่ถูกต้อง" in refused.content.decode()
    assert ServiceRequest.objects.count() == 1


def test_a_failure_while_saving_keeps_no_row_and_no_file(client, fault_type, monkeypatch, settings):
    def broken_save(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(RequestFile, "save", broken_save)
    response = post_fault(client, fault_type, photos=[upload("IMG_1.jpg", jpeg_with_gps(), "image/jpeg")])
    assert response.status_code == 503
    assert "ระบบไม่ได้เก็บข้อมูลใด ๆ ไว้" in response.content.decode()
    assert not ServiceRequest.objects.exists()
    folder = settings.PRIVATE_MEDIA_ROOT / "services"
    assert not folder.exists() or not [path for path in folder.rglob("*") if path.is_file()]


# -- the follow-up ----------------------------------------------------------------------------
def test_follow_up_shows_replies_and_files_but_never_internal_notes_or_staff(client, fault_type,
                                                                            works_officer):
    item, code = file_request(fault_type, files=[photo()])
    item.add_note("ผู้ยื่นเคยแจ้งเรื่องนี้แล้ว (ภายใน)", by=works_officer)
    item.reply("ส่งช่างไปตรวจแล้ว", by=works_officer, files=[photo("ภาพหลังซ่อม")])
    response = open_follow_up(client, item.reference, code)
    assert response.status_code == 302 and response["Location"] == "/services/track/request/"
    page = client.get("/services/track/request/").content.decode()
    assert "ส่งช่างไปตรวจแล้ว" in page and "อยู่ระหว่างดำเนินการ" in page
    assert "(ภายใน)" not in page and works_officer.username not in page
    reply_file = item.files.get(event__isnull=False)
    assert client.get(f"/services/track/file/{reply_file.pk}/").status_code == 200


def test_a_wrong_code_opens_nothing_and_is_rate_limited(client, fault_type, settings):
    item, code = file_request(fault_type)
    response = open_follow_up(client, item.reference, "WRONGCODE2")
    assert response.status_code == 404 and "ไม่พบคำร้อง" in response.content.decode()
    assert client.get("/services/track/request/")["Location"] == "/services/track/"
    settings.RATE_LIMIT_OVERRIDES = {"service-lookup": (1, 900)}
    assert open_follow_up(client, item.reference, code).status_code == 429


def test_files_of_another_request_cannot_be_opened(client, fault_type):
    mine, code = file_request(fault_type)
    other, _ = file_request(fault_type, files=[photo()])
    open_follow_up(client, mine.reference, code)
    assert client.get(f"/services/track/file/{other.files.get().pk}/").status_code == 404


def test_rating_only_after_closing_and_only_once(client, fault_type, works_officer):
    item, code = file_request(fault_type)
    open_follow_up(client, item.reference, code)
    assert "ประเมินความพึงพอใจต่อการให้บริการ" not in client.get("/services/track/request/").content.decode()
    client.post("/services/track/rate/", {"score": "5"})
    item.refresh_from_db()
    assert item.rating is None
    item.close("completed", by=works_officer, body="ซ่อมแล้ว")
    assert "ประเมินความพึงพอใจต่อการให้บริการ" in client.get("/services/track/request/").content.decode()
    assert client.post("/services/track/rate/", {"score": "9"}).status_code == 400
    response = client.post("/services/track/rate/", {"score": "4", "comment": "รวดเร็ว"})
    assert response["Location"] == "/services/track/request/"
    client.post("/services/track/rate/", {"score": "1"})  # a second rating is refused
    item.refresh_from_db()
    assert (item.rating, item.rating_comment) == (4, "รวดเร็ว")
    assert item.events.filter(kind=RequestEvent.Kind.RATED).count() == 1


def test_follow_up_session_ends_when_idle(client, fault_type, settings):
    import time_machine
    from django.utils import timezone

    item, code = file_request(fault_type)
    open_follow_up(client, item.reference, code)
    idle = timezone.timedelta(seconds=settings.SERVICE_TRACK_IDLE_SECONDS + 5)
    with time_machine.travel(timezone.now() + idle):
        assert client.get("/services/track/request/")["Location"] == "/services/track/"


# -- e-mail notices ---------------------------------------------------------------------------
def test_person_who_asked_is_told_of_each_change_after_commit_without_the_reply(
        client, fault_type, works_officer, django_capture_on_commit_callbacks):
    item, _code = file_request(fault_type, email="resident@example.com", notify_by_email=True)
    with django_capture_on_commit_callbacks(execute=True):
        item.add_note("ภายใน", by=works_officer)  # not a change the person sees: no mail
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        item.reply("ข้อความลับเฉพาะผู้ยื่น", by=works_officer)
    with django_capture_on_commit_callbacks(execute=True):
        item.close("completed", by=works_officer)
    assert [message.to for message in mail.outbox] == [["resident@example.com"]] * 2
    assert item.reference in mail.outbox[1].subject and "ปิดเรื่องแล้ว" in mail.outbox[1].subject
    assert "ข้อความลับเฉพาะผู้ยื่น" not in mail.outbox[0].body and "/services/track/" in mail.outbox[0].body


def test_no_mail_without_consent(fault_type, works_officer, django_capture_on_commit_callbacks):
    item, _code = file_request(fault_type, email="resident@example.com", notify_by_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        item.reply("ตอบแล้ว", by=works_officer)
    assert mail.outbox == [] and not item.notices.exists()


def test_a_rolled_back_step_sends_nothing(fault_type, works_officer, django_capture_on_commit_callbacks):
    from django.db import transaction

    item, _code = file_request(fault_type, email="resident@example.com", notify_by_email=True)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            item.reply("ตอบแล้ว", by=works_officer)
            raise RuntimeError("something later failed")
    assert mail.outbox == [] and not item.notices.exists()


def test_a_failed_send_is_retried_by_the_command(fault_type, works_officer, settings, monkeypatch,
                                                django_capture_on_commit_callbacks):
    import time_machine
    from django.core.mail.backends.locmem import EmailBackend
    from django.core.management import call_command
    from django.utils import timezone
    from post_office.models import STATUS, Email

    item, _code = file_request(fault_type, email="resident@example.com", notify_by_email=True)
    real_send = EmailBackend.send_messages
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, messages: (_ for _ in ()).throw(
        ConnectionRefusedError("mail server down")))
    with django_capture_on_commit_callbacks(execute=True):
        item.reply("ตอบแล้ว", by=works_officer)
    [queued] = Email.objects.all()
    assert queued.status == STATUS.requeued and "mail server down" in queued.logs.get().message
    call_command("send_outbox", stdout=io.StringIO())  # not due yet: no new attempt
    assert mail.outbox == [] and queued.logs.count() == 1
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=20)):
        call_command("send_outbox", stdout=io.StringIO())
    queued.refresh_from_db()
    assert queued.status == STATUS.sent and queued.message  # the record of what was sent
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["resident@example.com"]


def test_information_form_offers_the_register_opt_out(client, information_type):
    page = client.get(information_type.get_absolute_url()).content.decode()
    assert "ไม่ประสงค์ให้แสดงคำขอนี้ในทะเบียน" in page and "มาตรา 11" in page
    response = client.post(information_type.get_absolute_url(), {
        "form_token": issue_token(), "subject": "ขอสำเนาสัญญา", "details": "สัญญาจ้างซ่อมถนน",
        "requester_name": "นางสาว ก", "register_opt_out": "on"})
    assert response.status_code == 302
    assert ServiceRequest.objects.get().register_opt_out is True
    nameless = {"form_token": issue_token(), "subject": "ขอสำเนา", "details": "สัญญา"}
    # The name is required for this type.
    assert client.post(information_type.get_absolute_url(), nameless).status_code == 400


def test_pdf_attachments_are_checked_by_content(fault_type):
    from services.files import DOCUMENT_KINDS, prepare

    prepared = prepare(upload("plan.pdf", pdf_bytes()), DOCUMENT_KINDS, "แบบแปลน")
    assert prepared.kind == "pdf" and prepared.data.startswith(b"%PDF")


def test_pdpa_notice_links_the_privacy_page(client, fault_type):
    from django.urls import reverse

    privacy = reverse("privacy")
    notice = client.get(fault_type.get_absolute_url()).content.decode().split('id="pdpa-notice"')[1]
    assert f'href="{privacy}"' in notice.split("</div>")[0]


def test_a_repeated_post_files_once_and_still_shows_the_code(client, fault_type):
    data = fault_data(fault_type)
    first = client.post(fault_type.get_absolute_url(), data)
    again = client.post(fault_type.get_absolute_url(), data)  # a double click, or a reload of the POST
    assert first["Location"] == again["Location"] == "/services/sent/"
    assert ServiceRequest.objects.count() == 1
    page = client.get("/services/sent/").content.decode()
    assert ServiceRequest.objects.get().reference in page and "ระบบไม่ได้ยื่นซ้ำ" in page
