import pytest
from django.urls import reverse

from complaints.models import CorruptionReport, ReportMessage
from tests.filing import files_one_way

from .conftest import receipt_from, reply_data, report_data

pytestmark = pytest.mark.django_db


def test_the_corruption_report_files_one_way_with_its_receipt_in_the_post_answer(client, settings):
    first = files_one_way(client, settings, url=reverse("complaints:report"), data=report_data,
                          count=CorruptionReport.objects.count, limit="complaint-submit", then=None,
                          filed_status=200, repeat_status=409)
    assert receipt_from(first)
    assert not any(key.startswith("shown-once:") for key in client.session.keys())


def test_the_reporters_reply_files_one_way(client, settings, filed_report):
    report, receipt = filed_report
    client.post(reverse("complaints:track"), {"receipt": receipt})
    url = reverse("complaints:track_report")
    files_one_way(client, settings, url=url, data=lambda: reply_data("ขอแจ้งข้อมูลเพิ่มเติม"),
                  limit="complaint-reply",
                  count=report.messages.filter(kind=ReportMessage.Kind.FROM_REPORTER).count, then=url)
