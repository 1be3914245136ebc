"""The general channel: a message received from or forwarded to the Damrongtham Centre carries
the centre's case number and status, shown to the sender and counted in the channel's figures."""
import pytest

from feedback.models import CentreCase, FeedbackMessage
from feedback.statistics import current_year_figures

pytestmark = pytest.mark.django_db


def test_general_affairs_record_the_centre_case_in_the_admin(client, general_affairs, refused_staff):
    message, _code = FeedbackMessage.submit(kind="suggestion", subject="ถนนชำรุด", message="หลุมบ่อ")
    url = f"/admin/feedback/feedbackmessage/{message.pk}/change/"
    client.force_login(refused_staff)
    assert client.get(url).status_code in (302, 403)
    client.force_login(general_affairs)
    data = {"status": message.status, "reply": "", "centre_case-TOTAL_FORMS": "1",
            "centre_case-INITIAL_FORMS": "0", "centre_case-MIN_NUM_FORMS": "0",
            "centre_case-MAX_NUM_FORMS": "1",
            "centre_case-0-direction": "forwarded", "centre_case-0-case_number": "ศดธ 55/2569",
            "centre_case-0-status": "open", "centre_case-0-referred_on": "20/11/2569"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CentreCase.objects.get(message=message).case_number == "ศดธ 55/2569"


def test_the_sender_sees_the_centre_case_number_and_status(client):
    message, code = FeedbackMessage.submit(kind="request", subject="ขอไฟทาง", message="มืดมาก")
    CentreCase.objects.create(message=message, direction="received", case_number="ศดธ 77/2569")
    follow_up = {"reference": message.reference, "code": code}
    page = client.post("/feedback/follow-up/", follow_up).content.decode()
    assert 'id="follow-up-centre"' in page and "ศดธ 77/2569" in page and "รับเรื่องจากศูนย์ดำรงธรรม" in page


def test_the_figures_count_messages_from_and_to_the_centre(client):
    from django.utils import timezone

    for direction in ("received", "forwarded", "forwarded"):
        message, _code = FeedbackMessage.submit(kind="request", subject="เรื่อง", message="-")
        CentreCase.objects.create(message=message, direction=direction, case_number=f"x-{message.pk}")
    FeedbackMessage.submit(kind="request", subject="อื่น", message="-")
    figures = current_year_figures(timezone.localdate())
    assert (figures["received"], figures["from_centre"], figures["to_centre"]) == (4, 1, 2)
    page = client.get("/feedback/").content.decode()
    assert 'id="feedback-figures"' in page and "ส่งต่อศูนย์ดำรงธรรม 2 เรื่อง" in page
