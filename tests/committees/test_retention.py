import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from committees.models import Opinion
from feedback.models import FeedbackMessage, FeedbackStatus

pytestmark = pytest.mark.django_db


def test_old_contact_details_are_wiped_and_recent_or_open_ones_kept(open_consultation):
    old = timezone.now() - datetime.timedelta(days=400)
    old_opinion = Opinion.objects.create(consultation=open_consultation, body="เก่า", name="ก", contact="081")
    new_opinion = Opinion.objects.create(consultation=open_consultation, body="ใหม่", contact="082")
    answered, _ = FeedbackMessage.submit(kind="question", subject="ก", message="ข", email="a@example.com")
    still_open, _ = FeedbackMessage.submit(kind="question", subject="ค", message="ง", phone="0812345678")
    Opinion.objects.filter(pk=old_opinion.pk).update(created_at=old)
    FeedbackMessage.objects.filter(pk__in=[answered.pk, still_open.pk]).update(created_at=old)
    FeedbackMessage.objects.filter(pk=answered.pk).update(status=FeedbackStatus.ANSWERED)

    out = io.StringIO()
    call_command("purge_participation_contacts", days=365, stdout=out)
    assert "ความคิดเห็น 1 รายการ, เรื่องทั่วไป 1 รายการ" in out.getvalue()

    old_opinion.refresh_from_db()
    assert (old_opinion.contact, old_opinion.name, old_opinion.body) == ("", "ก", "เก่า")
    assert Opinion.objects.get(pk=new_opinion.pk).contact == "082"
    assert FeedbackMessage.objects.get(pk=answered.pk).email == ""
    assert FeedbackMessage.objects.get(pk=still_open.pk).phone == "0812345678"  # not answered yet

    call_command("purge_participation_contacts", days=365, stdout=out)  # twice: nothing more to do
    assert "ความคิดเห็น 0 รายการ, เรื่องทั่วไป 0 รายการ" in out.getvalue()
