import pytest
from django.urls import reverse

from committees.models import ModerationStatus, Opinion
from kpp_portal.forms import issue_token

pytestmark = pytest.mark.django_db


def post_opinion(client, consultation, **data):
    payload = {"body": "อยากให้มีที่จอดรถเพิ่ม", "name": "", "contact": "", "website": ""}
    payload["form_token"] = issue_token()
    payload.update(data)
    return client.post(reverse("committees:consultation", args=[consultation.pk]), payload)


def test_opinion_on_open_consultation_waits_for_moderation(client, open_consultation):
    response = post_opinion(client, open_consultation, name="สมชาย", contact="081-234-5678")
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert (opinion.status, opinion.name, opinion.contact) == (
        ModerationStatus.PENDING,
        "สมชาย",
        "081-234-5678",
    )
    page = client.get(open_consultation.get_absolute_url()).content.decode()
    assert "จะเผยแพร่หลังเจ้าหน้าที่ตรวจสอบ" in page
    assert "อยากให้มีที่จอดรถเพิ่ม" not in page  # not before moderation


def test_a_repeated_post_files_one_opinion_and_lands_on_the_page(client, open_consultation):
    payload = {"body": "ขอทางม้าลายหน้าตลาด", "form_token": issue_token()}
    first = post_opinion(client, open_consultation, **payload)
    again = post_opinion(client, open_consultation, **payload)  # a double click or a reload of the POST
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == open_consultation.get_absolute_url()
    assert Opinion.objects.count() == 1
    page = client.get(again["Location"]).content.decode()
    assert "ระบบบันทึกไว้ครั้งเดียว" in page


def test_published_opinion_shows_with_response_but_never_the_contact(client, open_consultation):
    Opinion.objects.create(
        consultation=open_consultation,
        body="ขอไฟส่องสว่าง",
        contact="secret@example.com",
        status=ModerationStatus.PUBLISHED,
        response="จะติดตั้งภายในเดือนหน้า",
    )
    Opinion.objects.create(
        consultation=open_consultation, body="ข้อความสแปม", status=ModerationStatus.REJECTED
    )
    html = client.get(open_consultation.get_absolute_url()).content.decode()
    assert "ขอไฟส่องสว่าง" in html and "จะติดตั้งภายในเดือนหน้า" in html
    assert "ไม่ประสงค์ออกนาม" in html
    assert "secret@example.com" not in html and "ข้อความสแปม" not in html


def test_html_in_an_opinion_is_shown_as_text(client, open_consultation):
    Opinion.objects.create(
        consultation=open_consultation,
        body="<script>alert(1)</script><b>หนา</b>",
        status=ModerationStatus.PUBLISHED,
    )
    html = client.get(open_consultation.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;หนา&lt;/b&gt;" in html


def test_pdpa_notice_is_next_to_the_form(client, open_consultation):
    html = client.get(open_consultation.get_absolute_url()).content.decode()
    assert "การคุ้มครองข้อมูลส่วนบุคคล" in html
    assert html.index("pdpa-notice") < html.index('name="body"')


@pytest.mark.parametrize(
    "opens_in, closes_in, message",
    [
        (-20, -1, "การรับฟังความคิดเห็นนี้ปิดแล้ว"),
        (2, 10, "ยังไม่เปิดรับความคิดเห็น"),
    ],
)
def test_closed_or_not_yet_open_consultation_refuses_opinions(
    client, make_consultation, opens_in, closes_in, message
):
    consultation = make_consultation(opens_in=opens_in, closes_in=closes_in)
    response = post_opinion(client, consultation)
    assert response.status_code == 403
    assert message in response.content.decode()
    assert not Opinion.objects.exists()


def test_closed_consultation_page_says_so_and_has_no_form(client, make_consultation):
    consultation = make_consultation(opens_in=-20, closes_in=-1, outcome_summary="ปรับแผนผังตลาดตามข้อเสนอ")
    html = client.get(consultation.get_absolute_url()).content.decode()
    assert "ปิดแล้วเมื่อวันที่" in html and 'name="body"' not in html
    assert "ปรับแผนผังตลาดตามข้อเสนอ" in html


def test_last_day_is_still_open(client, make_consultation):
    consultation = make_consultation(opens_in=-5, closes_in=0)
    assert post_opinion(client, consultation).status_code == 302


@pytest.mark.parametrize(
    "data, message",
    [
        ({"body": ""}, "กรุณาพิมพ์ความคิดเห็น"),
        ({"body": "   \n  "}, "กรุณา"),
        ({"body": "ก" * 3001}, "ความคิดเห็นยาวเกินไป"),
        ({"name": "ก" * 151}, "ชื่อยาวเกินไป"),
        ({"contact": "x" * 151}, "ช่องทางติดต่อยาวเกินไป"),
    ],
)
def test_bad_input_is_refused_in_thai_and_keeps_what_was_typed(client, open_consultation, data, message):
    response = post_opinion(client, open_consultation, **{"name": "ชื่อที่พิมพ์ไว้", **data})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'aria-invalid="true"' in html
    if "name" not in data:
        assert "ชื่อที่พิมพ์ไว้" in html
    assert not Opinion.objects.exists()


def test_honeypot_stops_bots(client, open_consultation):
    response = post_opinion(client, open_consultation, website="http://spam.example")
    assert response.status_code == 400
    assert not Opinion.objects.exists()


def test_rate_limit_per_client(client, open_consultation, settings):
    settings.RATE_LIMIT_OVERRIDES = {"opinion": (2, 3600)}
    assert post_opinion(client, open_consultation).status_code == 302
    assert post_opinion(client, open_consultation).status_code == 302
    response = post_opinion(client, open_consultation)
    assert response.status_code == 429
    assert "บ่อยเกินไป" in response.content.decode()
    assert Opinion.objects.count() == 2


def test_unpublished_consultation_is_404(client, make_consultation):
    consultation = make_consultation(is_published=False)
    assert client.get(consultation.get_absolute_url()).status_code == 404


def test_list_marks_open_and_closed(client, make_consultation):
    make_consultation(title="เรื่องที่เปิดอยู่")
    make_consultation(title="เรื่องที่ปิดแล้ว", opens_in=-30, closes_in=-2)
    html = client.get(reverse("committees:consultations")).content.decode()
    assert "เรื่องที่เปิดอยู่" in html and "เรื่องที่ปิดแล้ว" in html
    assert "เปิดรับความคิดเห็น" in html and "ปิดแล้ว" in html


@pytest.mark.parametrize("size", [1, 10])
def test_consultation_page_queries_do_not_grow(
    client, open_consultation, django_assert_max_num_queries, size
):
    Opinion.objects.bulk_create(
        Opinion(consultation=open_consultation, body=f"ความเห็น {n}", status=ModerationStatus.PUBLISHED)
        for n in range(size)
    )
    client.get("/")
    with django_assert_max_num_queries(4):
        client.get(open_consultation.get_absolute_url())


def test_consultation_cannot_close_before_it_opens(make_consultation):
    from django.core.exceptions import ValidationError

    consultation = make_consultation(opens_in=5, closes_in=1)
    with pytest.raises(ValidationError) as error:
        consultation.full_clean()
    assert "closes_on" in error.value.message_dict
