"""The legal-affairs queue: workflow, deadlines, case page actions, intake, audit."""
import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import AuditEntry, CorruptionReport, ReportMessage, Status, WorkflowError
from kpp_portal.thai import format_be

from .conftest import jpeg_with_gps, make_legacy, uploaded, verify_second_factor

pytestmark = pytest.mark.django_db


def _admin(name, *args):
    return reverse(f"admin:complaints_corruptionreport_{name}", args=args)


# -- workflow ---------------------------------------------------------------------------------
def test_allowed_transitions_only(filed_report, legal_officer, supervisor):
    report, _ = filed_report
    with pytest.raises(WorkflowError):
        report.transition(Status.CONCLUDED, by=legal_officer, outcome="substantiated")
    with pytest.raises(WorkflowError):
        report.transition(Status.INVESTIGATING, by=legal_officer)
    report.transition(Status.ACKNOWLEDGED, by=legal_officer, public_note="รับเรื่องไว้พิจารณาแล้ว")
    assert report.acknowledged_at is not None
    report.transition(Status.INVESTIGATING, by=legal_officer)
    with pytest.raises(WorkflowError):
        report.transition(Status.ESCALATED, by=legal_officer)  # needs a supervisor
    report.transition(Status.ESCALATED, by=legal_officer, escalate_to=supervisor)
    with pytest.raises(WorkflowError):
        report.transition(Status.CONCLUDED, by=legal_officer, outcome="duplicate")  # a rejection reason
    report.transition(Status.CONCLUDED, by=legal_officer, outcome="forwarded_nacc")
    report.refresh_from_db()
    assert report.status == Status.CONCLUDED and report.outcome == "forwarded_nacc" and report.closed_at
    assert report.allowed_transitions() == ()
    steps = list(report.status_changes.values_list("from_status", "to_status", "changed_by__username"))
    assert steps[0] == ("received", "acknowledged", "legal") and len(steps) == 4


def test_rejection_needs_a_reason(filed_report, legal_officer):
    report, _ = filed_report
    with pytest.raises(WorkflowError):
        report.transition(Status.REJECTED, by=legal_officer, outcome="substantiated")
    report.transition(Status.REJECTED, by=legal_officer, outcome="outside_jurisdiction")
    assert report.is_closed


def test_deadlines_from_settings_and_highlighting(db, settings):
    import time_machine

    settings.COMPLAINT_ACKNOWLEDGE_DAYS = 15
    settings.COMPLAINT_CONCLUDE_DAYS = 90
    settings.COMPLAINT_DUE_SOON_DAYS = 3
    report, _ = services.file_report(
        category="other", description="x" * 30, received_on=datetime.date(2026, 1, 1)
    )
    assert report.acknowledge_due == datetime.date(2026, 1, 16)
    assert report.conclude_due == datetime.date(2026, 4, 1)
    with time_machine.travel("2026-01-10 09:00:00+07:00", tick=False):
        assert report.deadline_state() == ""
    with time_machine.travel("2026-01-14 09:00:00+07:00", tick=False):
        assert report.deadline_state() == "due_soon"
        assert list(CorruptionReport.objects.due_soon()) == [report]
    with time_machine.travel("2026-01-17 09:00:00+07:00", tick=False):
        assert report.deadline_state() == "overdue"
        assert list(CorruptionReport.objects.overdue()) == [report]


def test_queue_sorts_overdue_first_and_highlights(client, legal_officer, settings):
    import time_machine

    with time_machine.travel("2026-03-01 09:00:00+07:00", tick=False):
        fresh, _ = services.file_report(
            category="other", description="x" * 30, received_on=datetime.date(2026, 2, 28)
        )
        late, _ = services.file_report(
            category="other", description="x" * 30, received_on=datetime.date(2026, 1, 1)
        )
        soon, _ = services.file_report(
            category="other", description="x" * 30, received_on=datetime.date(2026, 2, 14)
        )
        verify_second_factor(client, legal_officer)
        response = client.get(_admin("changelist"))
        assert [r.pk for r in response.context["cl"].result_list] == [late.pk, soon.pk, fresh.pk]
        page = response.content.decode()
        assert "deadline overdue" in page and "deadline due_soon" in page
        overdue_only = client.get(_admin("changelist") + "?deadline=overdue")
        assert list(overdue_only.context["cl"].result_list) == [late]


def test_queue_query_count_is_constant(client, legal_officer, django_assert_max_num_queries):
    verify_second_factor(client, legal_officer)
    for count in (2, 12):
        while CorruptionReport.objects.count() < count:
            services.file_report(category="other", description="x" * 30)
        # 3 of them mark likely repeats: the nearby reports' keys (2) and their sealed fingerprints.
        with django_assert_max_num_queries(23):
            assert client.get(_admin("changelist")).status_code == 200


# -- case page ------------------------------------------------------------------------------
def test_case_page_hides_identity_until_reveal_with_reason(client, filed_report, legal_officer):
    report, _ = filed_report
    verify_second_factor(client, legal_officer)
    page = client.get(_admin("change", report.pk)).content.decode()
    assert "เรียกรับเงินค่าอนุญาต" in page
    assert "081-000-0000" not in page and "ผู้แจ้ง ทดสอบ" not in page
    assert AuditEntry.objects.filter(action="view", report_reference=report.reference).exists()
    refused = client.post(_admin("reveal", report.pk), {"reason": "สั้น"}, follow=True)
    assert "form-errors" in refused.content.decode() and "081-000-0000" not in refused.content.decode()
    revealed = client.post(_admin("reveal", report.pk), {"reason": "ต้องสอบถามข้อเท็จจริงเพิ่มเติมจากผู้แจ้ง"})
    assert "081-000-0000" in revealed.content.decode()
    entry = AuditEntry.objects.get(action="reveal")
    assert entry.actor == "legal" and "สอบถามข้อเท็จจริง" in entry.detail
    assert "081-000-0000" not in client.get(_admin("change", report.pk)).content.decode()


def test_a_refused_message_redirects_and_keeps_what_was_typed_and_why(client, filed_report, legal_officer):
    """A file refused on the case page: back to the case page (a reload re-sends nothing), the
    text typed and the error shown there once, and the draft is not readable from the session row."""
    from django.contrib.sessions.models import Session

    report, _ = filed_report
    verify_second_factor(client, legal_officer)
    typed = "ร่างบันทึกการสอบข้อเท็จจริงครั้งที่หนึ่ง"
    response = client.post(_admin("message", report.pk), {
        "kind": ReportMessage.Kind.INTERNAL_NOTE, "body": typed,
        "files": [uploaded("x.exe", b"MZ\x90\x00")]})
    assert response.status_code == 302 and response["Location"] == _admin("change", report.pk)
    stored = Session.objects.get(session_key=client.session.session_key).get_decoded()
    assert typed not in str(stored)
    page = client.get(_admin("change", report.pk)).content.decode()
    assert typed in page and "form-errors" in page
    assert typed not in client.get(_admin("change", report.pk)).content.decode()
    assert not report.messages.exists()


def test_case_page_workflow_message_note_assign(client, filed_report, legal_officer):
    report, receipt = filed_report
    verify_second_factor(client, legal_officer)
    bad = client.post(_admin("transition", report.pk), {"to_status": "concluded"})
    assert bad.status_code == 302 and bad["Location"] == _admin("change", report.pk)
    assert "form-errors" in client.get(_admin("change", report.pk)).content.decode()
    response = client.post(
        _admin("transition", report.pk), {"to_status": "acknowledged", "public_note": "รับเรื่องแล้ว"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "acknowledged"
    client.post(_admin("message", report.pk), {"kind": "internal", "body": "ตรวจสอบกับกองช่างก่อน"})
    client.post(_admin("message", report.pk), {"kind": "to_reporter", "body": "โปรดส่งภาพเพิ่มเติม",
                                               "files": [uploaded("scan.jpg", jpeg_with_gps())]})
    kinds = list(report.messages.values_list("kind", flat=True))
    assert kinds == ["internal", "to_reporter"]
    client.post(_admin("assign", report.pk), {"assigned_to": legal_officer.pk})
    report.refresh_from_db()
    assert report.assigned_to == legal_officer
    page = client.get(_admin("change", report.pk)).content.decode()
    assert 'case-message internal' in page and 'case-message to_reporter' in page
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"status", "note", "message", "assign", "view"} <= actions
    # The reporter sees the message and the public note, never the internal note.
    public = client.__class__()
    public.post(reverse("complaints:track"), {"receipt": receipt})
    text = public.get(reverse("complaints:track_report")).content.decode()
    assert "โปรดส่งภาพเพิ่มเติม" in text and "รับเรื่องแล้ว" in text and "ตรวจสอบกับกองช่าง" not in text


def test_download_decrypts_and_is_audited(client, legal_officer):
    verify_second_factor(client, legal_officer)  # a key pair before the report is filed
    report, _ = services.file_report(
        category="other",
        description="x" * 30,
        files=[
            __import__("complaints.evidence", fromlist=["prepare"]).prepare(
                uploaded("a.jpg", jpeg_with_gps()), False
            )
        ],
    )
    evidence = report.files.get()
    response = client.get(_admin("download", report.pk, evidence.pk))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response.content.startswith(b"\xff\xd8") and "a.jpg" not in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action="download").count() == 1


def test_export_has_no_text_or_identity(client, filed_report, legal_officer):
    report, _ = filed_report
    verify_second_factor(client, legal_officer)
    body = client.get(_admin("export")).content.decode()
    assert report.reference in body
    assert "เรียกรับเงิน" not in body and "081-000-0000" not in body
    assert AuditEntry.objects.filter(action="export").exists()


def test_export_is_formula_safe(client, filed_report, legal_officer, django_user_model):
    report, _ = filed_report
    legal_officer.username = "@SUM(1+1)"  # a valid Django user name
    legal_officer.save()
    report.assigned_to = legal_officer
    report.save()
    verify_second_factor(client, legal_officer)
    response = client.get(_admin("export"))
    assert "no-store" in response["Cache-Control"]
    assert ",'@SUM(1+1)," in response.content.decode("utf-8-sig")


def test_print_report_for_supervisor(client, escalated_report, supervisor):
    verify_second_factor(client, supervisor)
    response = client.get(_admin("print", escalated_report.pk))
    page = response.content.decode()
    assert response.status_code == 200 and escalated_report.reference in page
    assert "เสนอผู้บังคับบัญชา" in page and "081-000-0000" not in page


def test_intake_from_another_channel_with_scan_and_receipt(client, legal_officer):
    verify_second_factor(client, legal_officer)
    bad = client.post(_admin("add"), {"channel": "web", "received_on": "2026-01-05", "category": "bribery",
                                      "description": "จดหมายร้องเรียน"})
    # Refused: back to the form (a reload sends nothing), with what was typed and why, once.
    assert bad.status_code == 302 and bad["Location"] == _admin("add")
    assert CorruptionReport.objects.count() == 0
    shown = client.get(_admin("add")).content.decode()
    assert "form-errors" in shown and "จดหมายร้องเรียน" in shown
    assert "form-errors" not in client.get(_admin("add")).content.decode()
    future = format_be(timezone.localdate() + datetime.timedelta(days=3))
    assert client.post(_admin("add"), {"channel": "post", "received_on": future, "category": "bribery",
                                       "description": "x"}).status_code == 302
    assert "วันที่รับเรื่องต้องไม่เป็นวันในอนาคต" in client.get(_admin("add")).content.decode()
    day = format_be(timezone.localdate() - datetime.timedelta(days=2))
    response = client.post(
        _admin("add"),
        {
            "channel": "post",
            "received_on": day,
            "category": "procurement",
            "description": "จดหมายร้องเรียนเรื่องฮั้วประมูล",
            "files": [uploaded("scan.jpg", jpeg_with_gps())],
            "issue_receipt": "on",
        },
    )
    assert response.status_code == 200
    report = CorruptionReport.objects.get()
    assert report.channel == "post" and report.files.get().from_staff
    assert format_be(report.received_on) == day
    from .conftest import receipt_from

    receipt = receipt_from(response)
    assert CorruptionReport.objects.for_receipt(receipt) == report
    assert AuditEntry.objects.filter(action="intake", report_reference=report.reference).exists()


def test_delete_removes_files_and_is_audited(
    client, legal_officer, settings, django_capture_on_commit_callbacks
):
    from complaints import evidence

    report, _ = services.file_report(category="other", description="x" * 30,
                                     files=[evidence.prepare(uploaded("a.jpg", jpeg_with_gps()), False)])
    verify_second_factor(client, legal_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_admin("delete", report.pk), {"post": "yes"})
    assert response.status_code == 302
    assert CorruptionReport.objects.count() == 0
    assert [p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()] == []
    assert AuditEntry.objects.filter(action="delete").exists()


@pytest.mark.parametrize("who", ["legal_officer", "supervisor"])
def test_no_bulk_delete_of_reports_for_anyone(client, filed_report, who, request):
    """Reports leave only through their own delete page (services.delete_report, audited)."""
    report, _receipt = filed_report
    verify_second_factor(client, request.getfixturevalue(who))
    page = client.get(_admin("changelist")).content.decode()
    assert "delete_selected" not in page
    response = client.post(_admin("changelist"),
                           {"action": "delete_selected", "_selected_action": [report.pk], "post": "yes"})
    assert response.status_code in (200, 302)
    assert CorruptionReport.objects.filter(pk=report.pk).exists()
    assert not AuditEntry.objects.filter(action="delete").exists()


def test_no_admin_of_reports_or_requests_offers_bulk_delete(rf, django_user_model):
    """Every ModelAdmin of the complaints app and the E-Service queue (personal data), even if
    deleting were allowed there."""
    from django.contrib import admin

    from services.models import ServiceRequest

    request = rf.get("/")
    request.user = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    admins = [model_admin for model, model_admin in admin.site._registry.items()
              if model._meta.app_label == "complaints" or model is ServiceRequest]
    assert len(admins) >= 4
    for model_admin in admins:
        model_admin.has_delete_permission = lambda request, obj=None: True
        try:
            assert "delete_selected" not in model_admin.get_actions(request), type(model_admin).__name__
        finally:
            del model_admin.has_delete_permission


# -- audit chain ------------------------------------------------------------------------------
def _chain(legal_officer, count=4):
    report, _ = services.file_report(category="other", description="x" * 30)
    for _ in range(count):
        AuditEntry.record(legal_officer, AuditEntry.Action.VIEW, report)
    return report


def test_audit_entries_cannot_be_changed_or_deleted_through_the_orm(legal_officer):
    _chain(legal_officer)
    entry = AuditEntry.objects.first()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_verify_audit_passes_on_an_intact_chain(legal_officer):
    _chain(legal_officer)
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact: 4 entries" in out.getvalue()


@pytest.mark.parametrize("tamper", ["edit", "remove"])
def test_verify_audit_detects_tampering(legal_officer, tamper):
    from django.core.management.base import CommandError

    _chain(legal_officer)
    second = AuditEntry.objects.order_by("pk")[1]
    if tamper == "edit":  # as someone with database access would, bypassing the model
        AuditEntry.objects.filter(pk=second.pk).update(actor="someone-else")
    else:
        AuditEntry.objects.filter(pk=second.pk)._raw_delete(AuditEntry.objects.db)
    with pytest.raises(CommandError, match="audit chain broken"):
        call_command("verify_audit", stdout=io.StringIO(), stderr=io.StringIO())


# -- reminders with frozen time ------------------------------------------------------------------
def test_complaint_reminders_mail_due_and_overdue_items(db, legal_officer, django_user_model):
    import time_machine

    from complaints import roles as complaint_roles
    from tests.conftest import seat

    legal_officer.email = "legal@example.org"
    legal_officer.save()
    other = django_user_model.objects.create_user("legal2", email="legal2@example.org", is_staff=True)
    seat(other, complaint_roles.LEGAL_AFFAIRS)
    overdue, _ = services.file_report(
        category="other", description="x" * 30, received_on=datetime.date(2026, 1, 1)
    )
    overdue.assigned_to = legal_officer
    overdue.save()
    soon, _ = services.file_report(
        category="other", description="x" * 30, received_on=datetime.date(2026, 1, 28)
    )
    calm, _ = services.file_report(
        category="other", description="x" * 30, received_on=datetime.date(2026, 2, 9)
    )
    with time_machine.travel("2026-02-10 08:00:00+07:00", tick=False):
        call_command("complaint_reminders", stdout=io.StringIO())
        call_command("send_outbox", stdout=io.StringIO())
    # Overdue is the assigned officer's; the unassigned one due soon is everyone's; calm is nobody's.
    assert sorted(m.to[0] for m in mail.outbox) == ["legal2@example.org", "legal@example.org"]
    # The outbox keeps bodies: they name no report, no reference, no status.
    from post_office.models import Email
    stored = [f"{e.subject} {e.message}" for e in Email.objects.all()]
    assert len(stored) == 2 and all("มีเรื่องในคิวของท่าน" in text for text in stored)
    for report in (overdue, soon, calm):
        assert all(report.reference not in text and "x" * 30 not in text for text in stored)


# -- purge ---------------------------------------------------------------------------------------
def test_purge_reports_dry_run_then_purge_keeps_statistics(
    db, legal_officer, settings, django_capture_on_commit_callbacks
):
    import time_machine

    from complaints import evidence, statistics

    settings.COMPLAINT_RETENTION_DAYS = 365
    with time_machine.travel("2024-01-10 09:00:00+07:00", tick=False):
        old, _ = services.file_report(category="bribery", description="เรื่องเก่า" * 5, reporter_contact="081",
                                      files=[evidence.prepare(uploaded("a.jpg", jpeg_with_gps()), False)])
        services.add_message(old, ReportMessage.Kind.TO_REPORTER, "ข้อความเก่า", author=legal_officer)
        old.transition(Status.REJECTED, by=legal_officer, outcome="duplicate", note="ซ้ำกับเรื่องอื่น")
    recent, _ = services.file_report(category="bribery", description="เรื่องใหม่" * 5)
    before = statistics.json_rows(statistics.yearly_table())
    out = io.StringIO()
    call_command("purge_reports", "--dry-run", stdout=out)
    assert f"would purge {old.reference}" in out.getvalue() and recent.reference not in out.getvalue()
    assert old.files.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_reports", stdout=io.StringIO())
    old.refresh_from_db()
    assert old.purged_at and old.description == "" and old.reporter_contact == "" and old.receipt_hash is None
    assert old.files.count() == 0 and old.messages.count() == 0
    assert old.status_changes.get().note == ""
    assert [p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()] == []
    assert statistics.json_rows(statistics.yearly_table()) == before
    assert AuditEntry.objects.filter(action="purge", report_reference=old.reference).exists()
    recent.refresh_from_db()
    assert recent.description.startswith("เรื่องใหม่")


# -- key rotation -------------------------------------------------------------------------------------
def test_rotate_complaint_keys(db, settings):
    """Reports not yet moved to per-person keys still rotate under the server key."""
    from cryptography.fernet import Fernet

    from complaints import evidence

    old_key = settings.COMPLAINT_ENCRYPTION_KEYS[0]
    report, _ = services.file_report(category="other", description="ข้อความลับก่อนหมุนกุญแจ",
                                     files=[evidence.prepare(uploaded("a.jpg", jpeg_with_gps()), False)])
    make_legacy(report)
    new_key = Fernet.generate_key().decode()
    settings.COMPLAINT_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_complaint_keys", stdout=io.StringIO())
    settings.COMPLAINT_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    report = CorruptionReport.objects.get()
    assert report.description == "ข้อความลับก่อนหมุนกุญแจ"
    assert report.files.get().read_plaintext().startswith(b"\xff\xd8")
    assert len([p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()]) == 1


def test_queue_orders_open_items_by_their_next_deadline(client, legal_officer):
    import time_machine

    with time_machine.travel("2026-03-01 09:00:00+07:00", tick=False):
        # Acknowledged long ago (conclusion due in May) vs received yesterday (acknowledgement due mid-March).
        older, _ = services.file_report(
            category="other", description="x" * 30, received_on=datetime.date(2026, 2, 20)
        )
        older.transition(Status.ACKNOWLEDGED, by=legal_officer)
        newer, _ = services.file_report(
            category="other", description="x" * 30, received_on=datetime.date(2026, 2, 28)
        )
        verify_second_factor(client, legal_officer)
        response = client.get(_admin("changelist"))
    assert [r.pk for r in response.context["cl"].result_list] == [newer.pk, older.pk]


def test_deadline_column_titles_follow_the_settings(client, legal_officer, settings):
    settings.COMPLAINT_ACKNOWLEDGE_DAYS, settings.COMPLAINT_CONCLUDE_DAYS = 20, 60
    services.file_report(category="other", description="x" * 30)
    verify_second_factor(client, legal_officer)
    page = client.get(_admin("changelist")).content.decode()
    assert "กำหนดตอบรับ (20 วัน)" in page and "กำหนดแจ้งผล (60 วัน)" in page
    assert "15 วัน" not in page and "90 วัน" not in page


def test_every_complaint_admin_url_is_behind_the_guard():
    """The queue's pages (queue.py, twofactor.py) and the admin's own, for reports, audit and
    access requests."""
    from django.contrib import admin

    from complaints.models import AccessRequest

    for model in (CorruptionReport, AuditEntry, AccessRequest):
        for pattern in admin.site._registry[model].get_urls():
            assert getattr(pattern.callback, "complaint_guard", False), (model.__name__, pattern.name)
