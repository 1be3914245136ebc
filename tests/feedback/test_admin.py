import pytest
from django.urls import reverse

from feedback.models import FeedbackMessage, FeedbackStatus

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:feedback_feedbackmessage_changelist")


@pytest.mark.parametrize("fixture", ["refused_staff", "editor"])
def test_staff_outside_general_affairs_is_refused(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(CHANGELIST).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# The change page's inline for the Damrongtham Centre's case, sent empty as a browser sends it.
NO_CENTRE_CASE = {"centre_case-TOTAL_FORMS": "0", "centre_case-INITIAL_FORMS": "0",
                  "centre_case-MIN_NUM_FORMS": "0", "centre_case-MAX_NUM_FORMS": "1"}


def test_general_affairs_reads_citizens_messages(client, general_affairs):
    client.force_login(general_affairs)
    assert client.get(CHANGELIST).status_code == 200


def test_nobody_adds_messages_in_admin(client, general_affairs):
    client.force_login(general_affairs)
    assert client.get(reverse("admin:feedback_feedbackmessage_add")).status_code == 403


def test_general_affairs_answers_the_general_channel(client, general_affairs):
    message, _ = FeedbackMessage.submit(kind="question", subject="ถาม", message="ข้อความเดิม")
    client.force_login(general_affairs)
    response = client.post(
        reverse("admin:feedback_feedbackmessage_change", args=[message.pk]),
        {"status": FeedbackStatus.ANSWERED, "reply": "คำตอบ", "message": "แก้ไขแล้ว", **NO_CENTRE_CASE},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.reply, message.answered_by) == (
        FeedbackStatus.ANSWERED,
        "คำตอบ",
        general_affairs,
    )
    assert message.answered_at is not None and message.message == "ข้อความเดิม"


def test_sender_with_an_email_is_told_there_is_an_answer(
    client, general_affairs, mailoutbox, django_capture_on_commit_callbacks
):
    message, code = FeedbackMessage.submit(kind="question", subject="ถาม", message="ข", email="a@example.com")
    client.force_login(general_affairs)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:feedback_feedbackmessage_change", args=[message.pk]),
            {"status": FeedbackStatus.ANSWERED, "reply": "คำตอบลับเฉพาะผู้ส่ง", **NO_CENTRE_CASE},
        )
    [mail] = mailoutbox
    assert mail.to == ["a@example.com"] and message.reference in mail.subject
    assert "/feedback/follow-up/" in mail.body
    assert "คำตอบลับเฉพาะผู้ส่ง" not in mail.body and code not in mail.body


def test_no_mail_without_an_address_or_without_a_new_reply(
    client, general_affairs, mailoutbox, django_capture_on_commit_callbacks
):
    silent, _ = FeedbackMessage.submit(kind="question", subject="ถาม", message="ข")
    with_email, _ = FeedbackMessage.submit(kind="question", subject="ถาม", message="ข", email="b@example.com")
    client.force_login(general_affairs)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:feedback_feedbackmessage_change", args=[silent.pk]),
            {"status": FeedbackStatus.ANSWERED, "reply": "คำตอบ"},
        )
        client.post(
            reverse("admin:feedback_feedbackmessage_change", args=[with_email.pk]),
            {"status": FeedbackStatus.IN_PROGRESS, "reply": ""},
        )
    assert mailoutbox == []
