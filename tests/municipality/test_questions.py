import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from kpp_portal.forms import issue_token
from municipality.models import Question
from tests.conftest import PASSWORD

from .conftest import NOW

pytestmark = pytest.mark.django_db
URL = "/questions/"
GOOD = {"asker_name": "ชาวบ้านในเมือง", "question": "ขอทราบกำหนดการเก็บขยะในชุมชนครับ", "website": ""}


def ask(**data):
    """The form's fields with a fresh one-time token, as the board gives them."""
    return {**GOOD, "form_token": issue_token(), **data}


def test_url_is_readable():
    assert reverse("municipality:questions") == URL


def test_asking_saves_the_question_and_confirms_in_thai(client):
    response = client.post(URL, ask(), follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    # One polite form that suits every reader, not a choice of particles left to the reader.
    assert "ได้รับคำถามของท่านแล้ว ขอบคุณที่สอบถาม" in body and "ค่ะ/ครับ" not in body
    question = Question.objects.get()
    assert question.question == GOOD["question"] and question.asker_name == "ชาวบ้านในเมือง"
    assert not question.is_published
    # Not on the board until answered and approved.
    assert GOOD["question"] not in client.get(URL).content.decode()


def test_a_reload_of_the_post_asks_once_and_shows_the_board(client):
    data = ask()
    first, again = client.post(URL, data), client.post(URL, data)
    assert first.status_code == again.status_code == 302 and again["Location"] == URL
    assert Question.objects.count() == 1
    assert "ระบบบันทึกไว้ครั้งเดียว" in client.get(URL).content.decode()


def test_name_is_optional(client):
    client.post(URL, ask(asker_name=""))
    assert Question.objects.get().asker_name == ""


@pytest.mark.parametrize("text", ["", "   ", "สั้นไป", "ก" * 2001])
def test_bad_question_is_refused_and_kept(client, text):
    response = client.post(URL, ask(question=text))
    assert response.status_code == 400
    assert not Question.objects.exists()
    html = response.content.decode()
    assert 'aria-describedby="id_question_helptext id_question_error"' in html
    # The model's limit, said once and counted live; no maxlength to cut a paste silently.
    question = re.search(r'<textarea[^>]*name="question"[^>]*>', html).group(0)
    assert 'data-max-chars="2000"' in question and "maxlength" not in question
    assert "ไม่เกิน 2,000 ตัวอักษร" in html
    assert 'value="ชาวบ้านในเมือง"' in html  # what the person typed stays


def test_honeypot_refuses_bots(client):
    response = client.post(URL, ask(website="http://spam.example"))
    assert response.status_code == 400 and not Question.objects.exists()


def test_rate_limit(client, settings):
    settings.RATE_LIMIT_OVERRIDES = {"qa": (2, 3600)}
    for number in range(2):
        client.post(URL, ask(question=f"คำถามที่ {number} เกี่ยวกับบริการของเทศบาล"))
    response = client.post(URL, ask(question="คำถามที่สามเกินจำนวนที่กำหนด"))
    assert response.status_code == 429
    assert "ส่งคำถามบ่อยเกินไป" in response.content.decode()
    assert "คำถามที่สามเกินจำนวนที่กำหนด" in response.content.decode()
    assert Question.objects.count() == 2


def test_html_in_a_question_is_shown_as_text(client):
    Question.objects.create(question="<b>ตัวหนา</b> ถามครับ", answer="<i>ตอบ</i>", is_published=True,
                            answered_at=NOW)
    html = client.get(URL).content.decode()
    assert "<b>ตัวหนา</b>" not in html and "&lt;b&gt;ตัวหนา&lt;/b&gt;" in html


def test_board_shows_only_answered_and_approved(client):
    Question.objects.create(question="ตอบแล้วและอนุมัติ", answer="คำตอบ", is_published=True, answered_at=NOW)
    Question.objects.create(question="ตอบแล้วแต่ยังไม่อนุมัติ", answer="คำตอบ", is_published=False)
    Question.objects.create(question="ยังไม่ตอบ")
    html = client.get(URL).content.decode()
    assert "ตอบแล้วและอนุมัติ" in html
    assert "ตอบแล้วแต่ยังไม่อนุมัติ" not in html and "ยังไม่ตอบ</" not in html


def test_publishing_without_an_answer_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Question(question="คำถามที่ยังไม่มีคำตอบ", is_published=True).full_clean()


def test_overdue_questions_follow_the_setting(settings):
    settings.QA_UNANSWERED_DAYS = 7
    with time_machine.travel(NOW - datetime.timedelta(days=8), tick=False):
        old = Question.objects.create(question="รอมาแปดวัน")
        Question.objects.create(question="ตอบแล้ว", answer="คำตอบ")
    with time_machine.travel(NOW - datetime.timedelta(days=6), tick=False):
        Question.objects.create(question="รอมาหกวัน")
    with time_machine.travel(NOW, tick=False):
        assert list(Question.objects.overdue()) == [old]
        assert old.is_overdue()
        settings.QA_UNANSWERED_DAYS = 3
        assert Question.objects.overdue().count() == 2


def test_cron_command_mails_the_staff_who_answer(settings, editor, general_affairs, refused_staff):
    editor.email, general_affairs.email, refused_staff.email = (
        "e@kppmu.go.th",
        "g@kppmu.go.th",
        "r@kppmu.go.th",
    )
    for user in (editor, general_affairs, refused_staff):
        user.save()
    with time_machine.travel(NOW - datetime.timedelta(days=10), tick=False):
        Question.objects.create(question="ไฟถนนดับหลายวันแล้ว")
    with time_machine.travel(NOW, tick=False):
        call_command("flag_unanswered_questions", stdout=open("/dev/null", "w"))
    call_command("send_outbox", stdout=open("/dev/null", "w"))  # what cron runs after it
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["e@kppmu.go.th", "g@kppmu.go.th"]
    assert "ไฟถนนดับหลายวันแล้ว" in mail.outbox[0].body


def test_cron_command_is_quiet_when_nothing_waits(capsys):
    Question.objects.create(question="เพิ่งถาม")
    call_command("flag_unanswered_questions")
    assert "ไม่มีคำถาม" in capsys.readouterr().out
    assert mail.outbox == []


def test_staff_see_overdue_questions_flagged_in_admin(client, general_affairs, refused_staff):
    with time_machine.travel(NOW - datetime.timedelta(days=9), tick=False):
        Question.objects.create(question="คำถามค้างนาน")
    Question.objects.create(question="คำถามใหม่")
    changelist = reverse("admin:municipality_question_changelist")
    client.login(username=refused_staff.username, password=PASSWORD)
    assert client.get(changelist).status_code == 403
    client.login(username=general_affairs.username, password=PASSWORD)
    html = client.get(changelist, {"state": "overdue"}).content.decode()
    assert "คำถามค้างนาน" in html and "คำถามใหม่" not in html and "เกินกำหนด" in html


def test_answering_in_admin_stamps_who_and_leaves_an_audit_entry(client, general_affairs):
    from django.contrib.admin.models import LogEntry

    question = Question.objects.create(question="ถามเรื่องภาษีป้าย")
    client.login(username=general_affairs.username, password=PASSWORD)
    url = reverse("admin:municipality_question_change", args=[question.pk])
    response = client.post(url, {"asker_name": "", "question": question.question,
                                 "answer": "ชำระได้ที่กองคลัง", "is_published": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    question.refresh_from_db()
    assert question.answered_by == general_affairs and question.answered_at and question.is_published
    entry = LogEntry.objects.get(object_id=str(question.pk))
    assert entry.user == general_affairs
    assert "คำตอบ" in entry.get_change_message()
    # General affairs answers questions but does not run the news.
    assert client.get(reverse("admin:municipality_newsitem_changelist")).status_code == 403


def test_empty_post_shows_the_errors(client):
    response = client.post(URL, {})
    assert response.status_code == 400
    assert 'id="id_question_error"' in response.content.decode()
