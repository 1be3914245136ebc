import pytest
from django.urls import reverse

from feedback.models import FeedbackMessage
from tests.filing import files_one_way, form_errors

from .test_feedback import VALID, issue_token

pytestmark = pytest.mark.django_db


def data():
    return {**VALID, "form_token": issue_token()}


def test_the_general_message_files_one_way(client, settings):
    files_one_way(client, settings, url=reverse("feedback:index"), data=data,
                  count=FeedbackMessage.objects.count, limit="feedback", then=reverse("feedback:sent"))


def test_a_failure_while_filing_is_told_in_the_form_and_keeps_nothing(client, monkeypatch):
    def broken(**fields):
        FeedbackMessage.objects.create(kind="question", subject="ก", message="ข", reference="คร-0-1")
        raise RuntimeError("disk full")

    monkeypatch.setattr(FeedbackMessage, "submit", broken)
    response = client.post(reverse("feedback:index"), data())
    assert response.status_code == 503 and "บันทึกไม่สำเร็จ" in form_errors(response)
    assert not FeedbackMessage.objects.exists()
    assert not any(key.startswith("shown-once:") for key in client.session.keys())
