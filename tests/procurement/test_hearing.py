"""Draft-TOR public hearing: open/closed, honeypot, rate limit, bad input kept, HTML as text."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kpp_portal.forms import issue_token
from procurement.models import AnnouncementKind, HearingComment


@pytest.fixture
def open_tor(make):
    today = timezone.localdate()
    return make.announce(make.project(), AnnouncementKind.DRAFT_TOR, day=today - datetime.timedelta(days=1),
                         hearing_opens_on=today - datetime.timedelta(days=1),
                         hearing_closes_on=today + datetime.timedelta(days=3))


@pytest.fixture
def closed_tor(make):
    return make.announce(
        make.project(),
        AnnouncementKind.DRAFT_TOR,
        day=datetime.date(2025, 11, 1),
        hearing_opens_on=datetime.date(2025, 11, 1),
        hearing_closes_on=datetime.date(2025, 11, 5),
    )


def _url(tor):
    return reverse("procurement:hearing", args=[tor.pk])


def _comment(**data):
    """The form's fields with a fresh one-time token, as the hearing page gives them."""
    return {"name": "", "contact": "", "form_token": issue_token(), **data}


def test_comment_on_open_draft_tor_is_saved_anonymously(client, open_tor):
    response = client.post(_url(open_tor), _comment(body="ขอให้ระบุมาตรฐานเหล็กเสริมให้ชัดเจน"))
    assert response.status_code == 302
    comment = HearingComment.objects.get()
    assert comment.announcement == open_tor and comment.name == ""
    page = client.get(_url(open_tor)).content.decode()
    assert "ได้รับความคิดเห็น 1 รายการ" in page
    assert "การคุ้มครองข้อมูลส่วนบุคคล" in page


def test_closed_hearing_refuses_with_clear_message(client, closed_tor):
    page = client.get(_url(closed_tor)).content.decode()
    assert "ไม่อยู่ในช่วงรับฟังความคิดเห็น" in page and 'name="body"' not in page
    response = client.post(_url(closed_tor), _comment(body="ความคิดเห็นหลังปิดรับฟัง"))
    assert response.status_code == 400
    assert "ปิดรับฟังความคิดเห็นแล้ว" in response.content.decode()
    assert not HearingComment.objects.exists()


def test_too_short_comment_keeps_what_was_typed(client, open_tor):
    response = client.post(_url(open_tor), _comment(body="สั้น", name="<script>x</script>นาย ก"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "อย่างน้อย 10 ตัวอักษร" in body
    assert "&lt;script&gt;x&lt;/script&gt;นาย ก" in body and "<script>x</script>" not in body
    assert 'aria-invalid="true"' in body and "id_body_error" in body
    assert not HearingComment.objects.exists()


def test_honeypot_refuses_bots(client, open_tor):
    response = client.post(_url(open_tor), _comment(body="ความคิดเห็นจากบอทอัตโนมัติ", website="http://spam"))
    assert response.status_code == 400
    assert not HearingComment.objects.exists()


def test_rate_limit(client, open_tor):
    for _n in range(5):
        assert client.post(_url(open_tor), _comment(body="ความคิดเห็นที่สมเหตุสมผล")).status_code == 302
    response = client.post(_url(open_tor), _comment(body="ความคิดเห็นที่สมเหตุสมผล"))
    assert response.status_code == 429
    assert HearingComment.objects.count() == 5


def test_only_answered_comments_are_published_without_contact(client, open_tor):
    HearingComment.objects.create(
        announcement=open_tor, body="ยังไม่ได้ตอบ", name="นาย ข", contact="081-555-0101"
    )
    HearingComment.objects.create(announcement=open_tor, body="ตอบแล้ว", name="นาย ค", contact="082-555-0102",
                                  response="ปรับแก้ข้อ 4 แล้ว", tor_changed=True, responded_at=timezone.now())
    page = client.get(_url(open_tor)).content.decode()
    assert "ตอบแล้ว" in page and "ปรับแก้ข้อ 4 แล้ว" in page and "มีการแก้ไข TOR" in page
    assert "ยังไม่ได้ตอบ" not in page and "นาย ค" not in page and "082-555-0102" not in page


def test_a_repeated_post_files_one_comment_and_lands_on_the_page(client, open_tor):
    data = _comment(body="ขอให้ขยายเวลายื่นซองอีก 7 วัน")
    first, again = client.post(_url(open_tor), data), client.post(_url(open_tor), data)
    assert first.status_code == again.status_code == 302 and again["Location"] == _url(open_tor)
    assert HearingComment.objects.count() == 1
    assert "ระบบบันทึกไว้ครั้งเดียว" in client.get(again["Location"]).content.decode()


def test_officer_response_records_who_answered_and_when(client, open_tor, procurement_officer):
    comment = HearingComment.objects.create(announcement=open_tor, body="ขอให้ระบุมาตรฐาน")
    client.force_login(procurement_officer)
    url = reverse("admin:procurement_hearingcomment_change", args=[comment.pk])
    assert client.post(url, {"response": "แก้ไขข้อ 3 แล้ว", "tor_changed": "on"}).status_code == 302
    comment.refresh_from_db()
    assert comment.responded_by == procurement_officer and comment.responded_at is not None
    client.post(url, {"response": ""})  # a withdrawn response names no one
    comment.refresh_from_db()
    assert comment.responded_by is None and comment.responded_at is None


def test_invitation_is_not_a_hearing(client, make):
    invitation = make.announce(make.project())
    assert client.get(_url(invitation)).status_code == 404
