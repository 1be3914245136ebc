import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from feedback.models import FeedbackMessage, FeedbackStatus
from kpp_portal.forms import issue_token
from kpp_portal.models import ReferenceCounter
from kpp_portal.thai import current_fiscal_year

pytestmark = pytest.mark.django_db

VALID = {
    "kind": "question",
    "subject": "ถามเรื่องเก็บขยะ",
    "message": "รถเก็บขยะมาวันไหน",
    "name": "",
    "email": "",
    "phone": "",
    "website": "",
}


def send(client, **data):
    return client.post(reverse("feedback:index"), {**VALID, "form_token": issue_token(), **data})


def sent_keys(client):
    html = client.get(reverse("feedback:sent")).content.decode()
    reference = re.search(r'id="reference">([^<]+)<', html).group(1)
    code = re.search(r'id="follow-up-code">([^<]+)<', html).group(1)
    return reference, code


def test_page_is_visibly_separate_from_the_corruption_channel(client):
    html = client.get(reverse("feedback:index")).content.decode()
    assert 'href="/complaints/"' in html
    assert "ช่องทางร้องเรียนการทุจริตโดยเฉพาะ" in html
    assert 'action="/feedback/"' in html


def test_sending_gives_a_reference_and_a_code_shown_once(client):
    response = send(client, email="a@example.com")
    assert response.status_code == 302 and response["Location"] == reverse("feedback:sent")
    reference, code = sent_keys(client)
    year = current_fiscal_year()
    assert reference == f"คร-{year}-0001"
    assert re.fullmatch(r"[A-Z2-9]{8}", code)
    message = FeedbackMessage.objects.get()
    assert message.reference == reference and code not in message.follow_up_digest
    # shown once: a reload goes back to the form, which says the message arrived
    reload = client.get(reverse("feedback:sent"))
    assert reload["Location"] == reverse("feedback:index")
    assert code not in client.get(reload["Location"]).content.decode()


def test_references_count_up_per_year():
    first, _ = FeedbackMessage.submit(kind="suggestion", subject="ก", message="ข")
    second, _ = FeedbackMessage.submit(kind="request", subject="ค", message="ง")
    year = current_fiscal_year()
    assert [first.reference, second.reference] == [f"คร-{year}-0001", f"คร-{year}-0002"]
    ReferenceCounter.objects.create(scope="คร", year_be=year + 1, last_number=41)
    assert ReferenceCounter.next_reference("คร", year + 1) == f"คร-{year + 1}-0042"


def test_follow_up_with_reference_and_code_shows_status_and_reply(client):
    send(client)
    reference, code = sent_keys(client)
    FeedbackMessage.objects.update(
        status=FeedbackStatus.ANSWERED, reply="วันอังคารและวันศุกร์", answered_at=timezone.now()
    )
    response = client.post(reverse("feedback:follow_up"), {"reference": reference, "code": code.lower()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "ตอบแล้ว" in html and "วันอังคารและวันศุกร์" in html and "รถเก็บขยะมาวันไหน" in html


@pytest.mark.parametrize("wrong", ["code", "reference"])
def test_a_stranger_cannot_read_someone_elses_message(client, wrong):
    send(client)
    reference, code = sent_keys(client)
    data = {"reference": reference, "code": code}
    data[wrong] = "คร-2500-9999" if wrong == "reference" else "AAAAAAAA"
    response = client.post(reverse("feedback:follow_up"), data)
    html = response.content.decode()
    assert response.status_code == 404
    assert "ไม่พบเรื่องที่ตรงกับเลขที่อ้างอิงและรหัสติดตามนี้" in html
    assert "รถเก็บขยะมาวันไหน" not in html


def test_follow_up_lookups_are_rate_limited(client, settings):
    settings.RATE_LIMIT_OVERRIDES = {"feedback-lookup": (3, 3600)}
    for _ in range(3):
        assert (
            client.post(reverse("feedback:follow_up"), {"reference": "คร-2569-0001", "code": "X"}).status_code
            == 404
        )
    response = client.post(reverse("feedback:follow_up"), {"reference": "คร-2569-0001", "code": "X"})
    assert response.status_code == 429


def test_follow_up_with_empty_fields_says_what_is_missing(client):
    response = client.post(reverse("feedback:follow_up"), {"reference": "", "code": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "กรุณากรอกเลขที่อ้างอิง" in html and "กรุณากรอกรหัสติดตาม" in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": ""}, "กรุณาเลือกประเภทเรื่อง"),
        ({"kind": "corruption"}, "กรุณาเลือกประเภทเรื่องจากรายการ"),
        ({"subject": "  "}, "กรุณากรอกเรื่อง"),
        ({"subject": "ก" * 201}, "เรื่องยาวเกินไป"),
        ({"message": ""}, "กรุณากรอกรายละเอียด"),
        ({"message": "ก" * 3001}, "รายละเอียดยาวเกินไป"),
        ({"email": "not-an-email"}, "รูปแบบอีเมลไม่ถูกต้อง"),
        ({"phone": "โทรมาได้เลย"}, "หมายเลขโทรศัพท์ไม่ถูกต้อง"),
    ],
)
def test_bad_input_is_refused_in_thai_and_nothing_is_stored(client, data, message):
    response = send(client, **{"name": "ชื่อที่พิมพ์ไว้", **data})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and "ชื่อที่พิมพ์ไว้" in html
    assert not FeedbackMessage.objects.exists() and not ReferenceCounter.objects.exists()


def test_honeypot_and_rate_limit(client, settings):
    settings.RATE_LIMIT_OVERRIDES = {"feedback": (2, 3600)}
    assert send(client, website="bot").status_code == 400  # refused, and uses up no allowance
    assert send(client).status_code == 302
    assert send(client).status_code == 302
    assert send(client).status_code == 429
    assert FeedbackMessage.objects.count() == 2


def test_html_in_a_message_is_text_on_the_follow_up_page(client):
    send(client, message="<img src=x onerror=alert(1)>")
    reference, code = sent_keys(client)
    html = client.post(reverse("feedback:follow_up"), {"reference": reference, "code": code}).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_nothing_sent_here_lands_in_the_corruption_queue(client):
    """Robust to the complaints app's models not existing yet: every model it has stays empty."""
    send(client, kind="suggestion", subject="เจ้าหน้าที่เรียกรับเงิน", message="แจ้งเบาะแสการทุจริต")
    assert FeedbackMessage.objects.count() == 1
    for model in apps.get_app_config("complaints").get_models():
        assert model.objects.count() == 0, f"{model.__name__} received a general-channel message"


def test_general_affairs_cannot_see_corruption_reports(client, general_affairs):
    client.force_login(general_affairs)
    assert client.get("/admin/").status_code == 200
    for url in ("/admin/complaints/", *_complaints_admin_urls()):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
    assert "/admin/complaints/" not in client.get("/admin/").content.decode()


def _complaints_admin_urls():
    return [
        f"/admin/complaints/{model._meta.model_name}/"
        for model in apps.get_app_config("complaints").get_models()
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_gap_free_references():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def submit(number):
        try:
            return FeedbackMessage.submit(kind="question", subject=f"เรื่อง {number}", message="ข")[0].reference
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        references = list(pool.map(submit, range(24)))
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in references)
    assert numbers == list(range(1, 25))


def test_a_repeated_post_files_one_message_and_shows_its_code_once(client):
    data = {**VALID, "form_token": issue_token()}
    first = client.post(reverse("feedback:index"), data)
    again = client.post(reverse("feedback:index"), data)  # a double click or a reload of the POST
    assert first["Location"] == again["Location"] == reverse("feedback:sent")
    assert FeedbackMessage.objects.count() == 1
    reference, _code = sent_keys(client)
    assert reference == FeedbackMessage.objects.get().reference
