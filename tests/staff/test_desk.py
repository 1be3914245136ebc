"""The legal officer's path: password, second factor (Thai, with the wait), then the desk."""
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import Category, CorruptionReport, Status
from tests.complaints.conftest import verify_second_factor
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
DESK = "/admin/complaints/corruptionreport/desk/"


def file(days_ago, **extra):
    report, _ = services.file_report(category=Category.BRIBERY, description="ตัวอย่าง",
                                     received_on=timezone.localdate() - datetime.timedelta(days=days_ago))
    if extra:
        CorruptionReport.objects.filter(pk=report.pk).update(**extra)
    return report


@pytest.fixture
def queue_of_four(legal_officer):
    """New and on time, new and due soon, overdue, and one assigned to the officer (acknowledged)."""
    today = timezone.localdate()
    file(0, acknowledge_due=today + datetime.timedelta(days=10))
    file(1, acknowledge_due=today + datetime.timedelta(days=1))
    file(30, acknowledge_due=today - datetime.timedelta(days=2))
    file(5, status=Status.ACKNOWLEDGED, assigned_to=legal_officer,
         conclude_due=today + datetime.timedelta(days=60))


def test_after_the_password_a_legal_officer_goes_to_the_second_factor_in_thai(client, legal_officer):
    response = client.post("/admin/login/?next=/admin/", {"username": "legal", "password": PASSWORD,
                                                         "next": "/admin/"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("admin:complaints_corruptionreport_verify"))
    assert "next=" + DESK in response.redirect_chain[-1][0]
    assert "ยืนยันตัวตนขั้นที่สอง" in page
    assert "permission" not in page and "You don" not in page


@pytest.mark.parametrize("role", ["supervisor", "legal_officer"])
def test_after_the_second_factor_the_desk_is_home(client, request, role):
    user = request.getfixturevalue(role)
    verify_second_factor(client, user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == DESK
    assert client.get(DESK).status_code == 200


def test_the_desk_counts_match_the_queue_filters_one_click_each(client, legal_officer, queue_of_four):
    verify_second_factor(client, legal_officer)
    page = client.get(DESK).content.decode()
    expected = {"new": 3, "due_soon": 1, "overdue": 1, "mine": 1}
    for key, count in expected.items():
        link = re.search(rf'href="([^"]+)" id="desk-{key}">\s*<span class="desk-count">(\d+)</span>', page)
        assert link, key
        assert int(link.group(2)) == count, key
        queue = client.get(link.group(1).replace("&amp;", "&"))
        assert queue.status_code == 200
        assert queue.context["cl"].result_count == count, key


def test_a_supervisor_counts_only_what_was_escalated_to_them(client, supervisor, queue_of_four):
    verify_second_factor(client, supervisor)
    page = client.get(DESK).content.decode()
    assert re.findall(r'<span class="desk-count">(\d+)</span>', page) == ["0", "0", "0", "0"]


def test_other_staff_keep_the_admin_index_and_never_reach_the_desk(client, editor, refused_staff):
    for username in ("editor", "refused"):
        client.login(username=username, password=PASSWORD)
        assert client.get("/admin/").status_code == 200
        assert client.get(DESK).status_code == 403


def test_wrong_totp_codes_say_in_thai_how_long_to_wait(client, legal_officer):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=legal_officer, name="โทรศัพท์", confirmed=True)
    client.force_login(legal_officer)
    verify = reverse("admin:complaints_corruptionreport_verify")
    data = {"otp_device": device.persistent_id, "otp_token": "000000"}
    first = client.post(verify, data).content.decode()
    assert "รหัสไม่ถูกต้อง" in first
    second = client.post(verify, data).content.decode()
    wait = re.search(r"โปรดรอ (\d+) วินาที", second)
    assert wait and 1 <= int(wait.group(1)) <= 2
    assert "Verification" not in second and "Invalid token" not in second
