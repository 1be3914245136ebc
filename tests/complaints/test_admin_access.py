"""Need to know: every complaint URL the admin exposes × every role."""
import pytest
from django.urls import reverse

from complaints import services
from complaints.models import AuditEntry, CorruptionReport
from tests.conftest import PASSWORD

from .conftest import jpeg_with_gps, verify_second_factor

pytestmark = pytest.mark.django_db
ROLES = ["legal_officer", "supervisor", "editor", "procurement_officer", "general_affairs",
         "refused_staff", "outsider_superuser"]


def _urls(report, other, file_id, audit_id):
    """(name, method, url, roles allowed). `other` is a report not escalated to the supervisor."""
    def admin(name, *args):
        return reverse(f"admin:complaints_corruptionreport_{name}", args=args)

    both, legal = {"legal_officer", "supervisor"}, {"legal_officer"}
    auto = "/admin/autocomplete/?app_label=complaints&model_name=reportmessage&field_name=report&term=ทจ"
    return [
        ("changelist", "get", admin("changelist"), both),
        ("search", "get", admin("changelist") + "?q=ทจ", both),
        ("popup", "get", admin("changelist") + "?_popup=1&_to_field=id", both),
        ("export", "get", admin("export"), both),
        ("add/intake", "get", admin("add"), legal),
        ("change/case", "get", admin("change", report.pk), both),
        ("change other", "get", admin("change", other.pk), legal),
        ("history", "get", admin("history", report.pk), both),
        ("delete", "get", admin("delete", report.pk), legal),
        ("download", "get", admin("download", report.pk, file_id), both),
        ("print", "get", admin("print", report.pk), both),
        ("print other", "get", admin("print", other.pk), legal),
        ("reveal", "post", admin("reveal", report.pk), legal),
        ("transition", "post", admin("transition", report.pk), legal),
        ("message", "post", admin("message", report.pk), legal),
        ("assign", "post", admin("assign", report.pk), legal),
        ("receipt", "post", admin("receipt", report.pk), legal),
        ("autocomplete", "get", auto, both),
        ("audit changelist", "get", reverse("admin:complaints_auditentry_changelist"), {"supervisor"}),
        (
            "audit change",
            "get",
            reverse("admin:complaints_auditentry_change", args=[audit_id]),
            {"supervisor"},
        ),
        (
            "audit history",
            "get",
            reverse("admin:complaints_auditentry_history", args=[audit_id]),
            {"supervisor"},
        ),
        ("audit delete", "get", reverse("admin:complaints_auditentry_delete", args=[audit_id]), set()),
        ("audit add", "get", reverse("admin:complaints_auditentry_add"), set()),
    ]


@pytest.fixture
def matrix(request, escalated_report, legal_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from complaints import evidence

    prepared = evidence.prepare(SimpleUploadedFile("a.jpg", jpeg_with_gps()), False)
    services.add_message(escalated_report, "from_reporter", "หลักฐานเพิ่ม", files=[prepared])
    other, _ = services.file_report(category="other", description="เรื่องอื่นที่ไม่ได้รายงานผู้บังคับบัญชา")
    file_id = escalated_report.files.get().pk
    audit_id = AuditEntry.objects.order_by("pk").first().pk
    return _urls(escalated_report, other, file_id, audit_id)


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, request, matrix, role):
    user = request.getfixturevalue(role)
    verify_second_factor(client, user)  # a second factor never substitutes for the group
    for name, method, url, allowed in matrix:
        response = getattr(client, method)(url)
        if role in allowed:
            assert response.status_code not in (403, 404), (role, name, response.status_code)
            assert "/login/" not in response.get("Location", ""), (role, name)
        else:
            assert response.status_code in (403, 404), (role, name, response.status_code)
            assert "ทจ-" not in response.content.decode(), (role, name)


def test_anonymous_is_sent_to_login_everywhere(client, matrix):
    for name, method, url, _allowed in matrix:
        response = getattr(client, method)(url)
        assert response.status_code in (302, 403), name
        assert "ทจ-" not in response.content.decode(), name


@pytest.mark.parametrize("role", ["legal_officer", "supervisor"])
def test_second_factor_required_before_any_complaint_page(client, request, matrix, role):
    user = request.getfixturevalue(role)
    client.login(username=user.username, password=PASSWORD)
    for name, method, url, _allowed in matrix:
        response = getattr(client, method)(url)
        assert response.status_code in (302, 403), (name, response.status_code)
        if response.status_code == 302:
            assert reverse("admin:complaints_corruptionreport_verify") in response["Location"], name
        assert "ทจ-" not in response.content.decode()


def test_complaints_hidden_from_admin_index_for_outsiders(client, outsider_superuser):
    client.force_login(outsider_superuser)
    page = client.get(reverse("admin:index")).content.decode()
    assert "เรื่องร้องเรียนการทุจริต" not in page


def test_totp_verification_with_a_real_code(client, legal_officer):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .conftest import hold_keys

    hold_keys(legal_officer)
    device = TOTPDevice.objects.create(user=legal_officer, name="phone", confirmed=True)
    client.login(username="legal", password=PASSWORD)
    changelist = reverse("admin:complaints_corruptionreport_changelist")
    verify = reverse("admin:complaints_corruptionreport_verify")
    assert verify in client.get(changelist)["Location"]
    wrong = client.post(verify, {"otp_device": device.persistent_id, "otp_token": "000000"})
    assert wrong.status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # django-otp delays the next try after a failure; this test is not about that
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    right = client.post(
        f"{verify}?next=https://evil.example/", {"otp_device": device.persistent_id, "otp_token": token}
    )
    # A foreign "next" is dropped: the officer lands on the desk.
    assert right.status_code == 302 and right["Location"] == reverse("admin:complaints_corruptionreport_desk")
    assert client.get(changelist).status_code == 200


def test_verify_page_without_device_explains_enrolment(client, legal_officer):
    client.force_login(legal_officer)
    page = client.get(reverse("admin:complaints_corruptionreport_verify"))
    assert "ยังไม่ได้ลงทะเบียนอุปกรณ์" in page.content.decode()


def test_staff_session_ends_when_idle(client, legal_officer, settings):
    import time_machine

    settings.COMPLAINT_STAFF_IDLE_SECONDS = 300
    changelist = reverse("admin:complaints_corruptionreport_changelist")
    with time_machine.travel("2026-11-01 09:00:00+07:00", tick=False) as traveller:
        verify_second_factor(client, legal_officer)
        assert client.get(changelist).status_code == 200
        traveller.shift(299)
        assert client.get(changelist).status_code == 200
        traveller.shift(301)
        response = client.get(changelist)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(changelist).status_code == 302  # logged out for good


def test_supervisor_queue_lists_only_escalated_reports(client, escalated_report, supervisor):
    services.file_report(category="other", description="อีกเรื่องหนึ่งที่ยังไม่รายงานผู้บังคับบัญชา")
    verify_second_factor(client, supervisor)
    response = client.get(reverse("admin:complaints_corruptionreport_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [escalated_report]
    assert CorruptionReport.objects.count() == 2
