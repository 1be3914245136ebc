"""Nobody reaches reports alone: two-person membership, one's own device, every account change
audited and e-mailed. Each path is tried the way a superuser would, through real admin POSTs."""
import base64
import io
from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.forms import ModelMultipleChoiceField
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints import accounts, services
from complaints import roles as complaint_roles
from complaints.models import AccessRequest, AuditEntry
from kpp_portal import roles
from kpp_portal.serving import serving
from tests.conftest import PASSWORD, seat

from .conftest import hold_keys, verify_second_factor

pytestmark = pytest.mark.django_db
Action = AuditEntry.Action
CHANGELIST = reverse("admin:complaints_corruptionreport_changelist")


def _group(name):
    return Group.objects.get(name=name)


def _user_form(user, **changes):
    """What the user admin's change form posts for `user`, with `changes`."""
    data = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name,
        "email": user.email,
        "groups": list(user.groups.values_list("pk", flat=True)), "user_permissions": [],
        "date_joined_0": "05/01/2569", "date_joined_1": "09:00:00", "last_login_0": "", "last_login_1": "",
    }
    for flag in ("is_active", "is_staff", "is_superuser"):
        if getattr(user, flag):
            data[flag] = "on"
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def _user_url(user, view="change"):
    return reverse(f"admin:auth_user_{view}", args=[user.pk])


def _approve(access_request):
    return reverse("admin:complaints_accessrequest_approve", args=[access_request.pk])


def _actions(**filters):
    return list(AuditEntry.objects.filter(**filters).order_by("pk").values_list("action", flat=True))


@pytest.fixture
def mailed(legal_officer, supervisor):
    legal_officer.email, supervisor.email = "legal@example.org", "boss@example.org"
    legal_officer.save()
    supervisor.save()
    return {"legal@example.org", "boss@example.org"}


# -- joining takes two people ----------------------------------------------------------------------
def test_superuser_adding_himself_in_the_user_admin_only_files_a_request(
        client, outsider_superuser, legal_officer, mailed, django_capture_on_commit_callbacks):
    client.force_login(outsider_superuser)
    data = _user_form(outsider_superuser, groups=[_group(complaint_roles.LEGAL_AFFAIRS).pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_user_url(outsider_superuser), data, follow=True)
    assert response.status_code == 200
    assert "ต้องได้รับอนุมัติ" in response.content.decode()
    assert not outsider_superuser.groups.filter(name=complaint_roles.LEGAL_AFFAIRS).exists()
    pending = AccessRequest.objects.get()
    assert pending.user == pending.requested_by == outsider_superuser and pending.state == "pending"
    assert _actions(actor="root") == [Action.ACCESS_REQUESTED]
    assert {m.to[0] for m in mail.outbox} == mailed
    assert all("root" in m.body and complaint_roles.LEGAL_AFFAIRS in m.body for m in mail.outbox)
    verify_second_factor(client, outsider_superuser)
    assert client.get(CHANGELIST).status_code == 403


def test_every_orm_path_into_the_groups_is_held(outsider_superuser, staff_roles, django_user_model):
    legal, supervisors = _group(complaint_roles.LEGAL_AFFAIRS), _group(complaint_roles.SUPERVISORS)
    other = django_user_model.objects.create_user("other", is_staff=True)
    outsider_superuser.groups.add(legal)
    outsider_superuser.groups.set([supervisors])
    legal.user_set.add(other)
    supervisors.user_set.set([other])
    assert not django_user_model.objects.filter(groups__name__in=complaint_roles.COMPLAINT_GROUPS).exists()
    assert AccessRequest.objects.filter(state="pending").count() == 4
    editors = _group(roles.CONTENT_EDITORS)
    outsider_superuser.groups.add(editors)  # other groups are not held
    assert outsider_superuser.groups.filter(pk=editors.pk).exists()


def test_legal_officer_approves_after_totp_and_the_account_joins(
        client, outsider_superuser, legal_officer, mailed, django_capture_on_commit_callbacks):
    pending = accounts.request_membership(outsider_superuser, complaint_roles.LEGAL_AFFAIRS,
                                          requested_by=outsider_superuser)
    page_url = reverse("admin:complaints_accessrequest_change", args=[pending.pk])
    approve_url = reverse("admin:complaints_accessrequest_approve", args=[pending.pk])
    client.force_login(legal_officer)
    assert reverse("admin:complaints_corruptionreport_verify") in client.post(approve_url)["Location"]
    verify_second_factor(client, legal_officer)
    page = client.get(page_url).content.decode()
    assert "root" in page and approve_url in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url)
    assert response.status_code == 302
    assert roles.in_group(outsider_superuser, complaint_roles.LEGAL_AFFAIRS)
    pending.refresh_from_db()
    assert (pending.state, pending.decided_by, pending.enrolment_open) == ("approved", legal_officer, True)
    assert _actions(actor="legal", action=Action.ACCESS_APPROVED) == [Action.ACCESS_APPROVED]
    assert {m.to[0] for m in mail.outbox} == mailed


def test_nobody_approves_their_own_request(client, legal_officer, django_user_model, staff_roles):
    second = django_user_model.objects.create_user("legal2", password=PASSWORD, is_staff=True)
    seat(second, complaint_roles.LEGAL_AFFAIRS)
    newcomer = django_user_model.objects.create_user("newcomer", is_staff=True)
    asked_by_legal = accounts.request_membership(newcomer, complaint_roles.SUPERVISORS,
                                                 requested_by=legal_officer)
    verify_second_factor(client, legal_officer)
    own = client.post(_approve(asked_by_legal))
    assert own.status_code == 403
    assert not roles.in_group(newcomer, complaint_roles.SUPERVISORS)
    verify_second_factor(client, second)
    assert client.post(_approve(asked_by_legal)).status_code == 302
    assert roles.in_group(newcomer, complaint_roles.SUPERVISORS)


def test_supervisor_approves_only_the_first_legal_officer(client, supervisor, django_user_model, staff_roles):
    first = django_user_model.objects.create_user("first", is_staff=True)
    second = django_user_model.objects.create_user("second", is_staff=True)
    asked = accounts.request_membership(first, complaint_roles.LEGAL_AFFAIRS)
    verify_second_factor(client, supervisor)
    assert client.post(_approve(asked)).status_code == 302
    assert roles.in_group(first, complaint_roles.LEGAL_AFFAIRS)
    TOTPDevice.objects.create(user=first, name="phone", confirmed=True)  # the first officer can now decide
    later = accounts.request_membership(second, complaint_roles.LEGAL_AFFAIRS)
    assert client.post(_approve(later)).status_code == 403
    supervisor_join = accounts.request_membership(second, complaint_roles.SUPERVISORS)
    assert client.post(_approve(supervisor_join)).status_code == 403
    assert not roles.in_group(second, complaint_roles.LEGAL_AFFAIRS)
    assert not roles.in_group(second, complaint_roles.SUPERVISORS)


def test_refusal_is_audited_and_leaves_no_membership(client, legal_officer, django_user_model, staff_roles):
    newcomer = django_user_model.objects.create_user("newcomer", is_staff=True)
    asked = accounts.request_membership(newcomer, complaint_roles.LEGAL_AFFAIRS)
    verify_second_factor(client, legal_officer)
    assert client.post(reverse("admin:complaints_accessrequest_refuse", args=[asked.pk])).status_code == 302
    asked.refresh_from_db()
    assert asked.state == "refused" and not roles.in_group(newcomer, complaint_roles.LEGAL_AFFAIRS)
    assert Action.ACCESS_REFUSED in _actions(actor="legal")
    assert client.post(_approve(asked)).status_code == 403


@pytest.mark.parametrize("role", ["refused_staff", "outsider_superuser", "editor"])
def test_access_requests_are_refused_to_everyone_else(client, request, role, django_user_model, staff_roles):
    newcomer = django_user_model.objects.create_user("newcomer", is_staff=True)
    asked = accounts.request_membership(newcomer, complaint_roles.LEGAL_AFFAIRS)
    verify_second_factor(client, request.getfixturevalue(role))
    for url in (reverse("admin:complaints_accessrequest_changelist"),
                reverse("admin:complaints_accessrequest_change", args=[asked.pk])):
        assert client.get(url).status_code == 403
    assert client.post(_approve(asked)).status_code == 403
    assert not roles.in_group(newcomer, complaint_roles.LEGAL_AFFAIRS)


def test_group_admin_cannot_rename_or_delete_the_groups_that_read_reports(client, outsider_superuser):
    client.force_login(outsider_superuser)
    legal = _group(complaint_roles.LEGAL_AFFAIRS)
    renamed = client.post(reverse("admin:auth_group_change", args=[legal.pk]), {"name": "ฝ่ายนิติการเดิม"})
    assert renamed.status_code == 200 and "เปลี่ยนชื่อกลุ่มที่เข้าถึงเรื่องร้องเรียน" in renamed.content.decode()
    legal.name = "ชื่ออื่น"
    with pytest.raises(PermissionDenied, match="เปลี่ยนชื่อ"):
        legal.save()  # and outside the admin
    deleted = client.post(reverse("admin:auth_group_delete", args=[legal.pk]), {"post": "yes"})
    assert deleted.status_code == 403
    bulk = client.post(reverse("admin:auth_group_changelist"),
                       {"action": "delete_selected", "_selected_action": [legal.pk], "post": "yes"})
    assert bulk.status_code in (200, 403)
    assert set(Group.objects.values_list("name", flat=True)) >= set(complaint_roles.COMPLAINT_GROUPS)
    assert not outsider_superuser.groups.filter(name__in=complaint_roles.COMPLAINT_GROUPS).exists()


def test_no_other_admin_page_edits_membership(rf, outsider_superuser):
    """Only the user admin's groups field touches membership (and it is held, above); no other
    admin form or inline offers groups, their users or the membership table."""
    User = type(outsider_superuser)
    request = rf.get("/admin/")
    request.user = outsider_superuser
    offenders = []
    for model, model_admin in admin.site._registry.items():
        for obj in {None, model._default_manager.first()}:  # the add and the change form
            form = model_admin.get_form(request, obj)
            offenders += [f"{model._meta.label}.{name}" for name, field in form.base_fields.items()
                          if isinstance(field, ModelMultipleChoiceField)
                          and field.queryset.model in (Group, User)]
            offenders += [f"{model._meta.label} inline"
                          for inline in model_admin.get_inline_instances(request, obj)
                          if inline.model in (User.groups.through, Group, User)]
    assert sorted(set(offenders)) == ["auth.User.groups"]


# -- changes to a legal or supervisor account are audited and e-mailed ------------------------------------
def test_password_set_by_someone_else_switches_the_devices_off(
        client, outsider_superuser, legal_officer, mailed, django_capture_on_commit_callbacks):
    device = TOTPDevice.objects.create(user=legal_officer, name="phone", confirmed=True)
    client.force_login(outsider_superuser)
    new_password = "another-horse-battery-staple"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_user_url(legal_officer, "password_change"),
                               {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    device.refresh_from_db()
    assert not device.confirmed
    assert _actions(actor="root") == [Action.PASSWORD_SET, Action.DEVICE_RESET]
    assert {m.to[0] for m in mail.outbox} == mailed
    # The new password alone opens nothing: no device to pass, and enrolling needs a second person.
    officer = client.__class__()
    signed_in = officer.post(reverse("admin:login"), {"username": "legal", "password": new_password})
    assert signed_in.status_code == 302
    assert reverse("admin:complaints_corruptionreport_verify") in officer.get(CHANGELIST)["Location"]
    assert not accounts.may_enrol(legal_officer)
    assert officer.get(reverse("admin:complaints_corruptionreport_enrol")).status_code == 302
    assert not TOTPDevice.objects.filter(user=legal_officer, confirmed=True).exists()


def test_own_password_change_keeps_the_device(client, legal_officer):
    device = TOTPDevice.objects.create(user=legal_officer, name="phone", confirmed=True)
    client.force_login(legal_officer)
    new_password = "another-horse-battery-staple"
    response = client.post(reverse("admin:password_change"), {
        "old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed and Action.PASSWORD_SET not in _actions()


def test_password_set_by_someone_else_cancels_what_waits_for_the_account(client, outsider_superuser,
                                                                        django_user_model, staff_roles):
    newcomer = django_user_model.objects.create_user("newcomer", is_staff=True)
    asked = accounts.request_membership(newcomer, complaint_roles.SUPERVISORS)
    seat(newcomer, complaint_roles.LEGAL_AFFAIRS)
    grant = AccessRequest.objects.create(user=newcomer, kind="enrol", state="approved", enrolment_open=True)
    client.force_login(outsider_superuser)
    password = "x-horse-battery-9"
    client.post(_user_url(newcomer, "password_change"), {"password1": password, "password2": password})
    asked.refresh_from_db()
    grant.refresh_from_db()
    assert asked.state == "withdrawn" and not grant.enrolment_open
    assert not accounts.may_enrol(newcomer)


def test_activation_email_and_removal_in_the_user_admin_are_audited(
        client, outsider_superuser, supervisor, legal_officer, mailed, django_capture_on_commit_callbacks):
    client.force_login(outsider_superuser)
    url = _user_url(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, _user_form(supervisor, is_active=False))
        supervisor.refresh_from_db()
        client.post(url, _user_form(supervisor, is_active="on"))
        supervisor.refresh_from_db()
        client.post(url, _user_form(supervisor, email="someone-else@example.org"))
        supervisor.refresh_from_db()
        client.post(url, _user_form(supervisor, groups=[]))
    assert _actions(actor="root") == [Action.ACCOUNT_DEACTIVATED, Action.ACCOUNT_ACTIVATED,
                                      Action.EMAIL_CHANGED, Action.MEMBER_REMOVED]
    assert not roles.in_group(supervisor, complaint_roles.SUPERVISORS)
    told = [m.to[0] for m in mail.outbox if "อีเมล" in m.subject]
    assert "boss@example.org" in told  # the address it had before hears of the change too


def test_only_the_owner_removes_a_device_and_nobody_reads_a_secret(
        client, outsider_superuser, legal_officer, mailed, django_capture_on_commit_callbacks):
    device = TOTPDevice.objects.create(user=legal_officer, name="phone", confirmed=True)
    client.force_login(outsider_superuser)
    base = "/admin/otp_totp/totpdevice/"
    page = client.get(f"{base}{device.pk}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    assert device.key not in text and "otpauth" not in text
    assert base64.b32encode(device.bin_key).decode().rstrip("=") not in text
    for page_of_secret in ("config", "qrcode"):  # django-otp's own admin has these two
        followed = client.get(f"{base}{device.pk}/{page_of_secret}/", follow=True)
        assert followed.redirect_chain and "image/svg" not in followed["Content-Type"]
        assert device.key not in followed.content.decode() and "otpauth" not in followed.content.decode()
    assert client.get(f"{base}add/").status_code == 403
    key_change = client.post(f"{base}{device.pk}/change/", {"user": legal_officer.pk, "name": "phone",
                                                            "key": "00" * 20, "confirmed": "on"})
    assert key_change.status_code == 403
    # Nobody but the person removes their second factor: not in the admin, not in bulk, not by
    # another signed-in person's code path.
    assert client.post(f"{base}{device.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = client.post(base, {"action": "delete_selected", "_selected_action": [device.pk], "post": "yes"})
    assert bulk.status_code in (200, 302, 403)
    with serving(type("R", (), {"user": outsider_superuser})()):
        with pytest.raises(PermissionDenied), transaction.atomic():
            device.delete()
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
    assert Action.DEVICE_REMOVED not in _actions()
    # The owner may (audited and e-mailed).
    with serving(type("R", (), {"user": legal_officer})()):
        with django_capture_on_commit_callbacks(execute=True):
            TOTPDevice.objects.get(pk=device.pk).delete()
    assert _actions(actor="legal") == [Action.DEVICE_REMOVED]
    assert {m.to[0] for m in mail.outbox} == mailed


def test_account_changes_are_in_the_verified_chain(client, outsider_superuser, legal_officer):
    accounts.request_membership(outsider_superuser, complaint_roles.SUPERVISORS,
                                requested_by=outsider_superuser)
    TOTPDevice.objects.create(user=legal_officer, name="phone", confirmed=True).delete()
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact: 3 entries" in out.getvalue()
    first = AuditEntry.objects.order_by("pk").first()
    AuditEntry.objects.filter(pk=first.pk).update(detail="บัญชี someone-else")
    with pytest.raises(CommandError):
        call_command("verify_audit", stdout=io.StringIO(), stderr=io.StringIO())


# -- enrolling one's own device ------------------------------------------------------------------------------
def _code_from_page(response):
    secret = response.content.decode().split('id="enrolment-secret">', 1)[1].split("<", 1)[0]
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return key, f"{totp(key):06d}"


def test_approved_person_enrols_their_own_device_once(client, legal_officer, django_user_model, staff_roles,
                                                     django_capture_on_commit_callbacks):
    newcomer = django_user_model.objects.create_user("newcomer", password=PASSWORD, is_staff=True,
                                                     email="new@example.org")
    asked = accounts.request_membership(newcomer, complaint_roles.LEGAL_AFFAIRS)
    TOTPDevice.objects.create(user=legal_officer, name="phone", confirmed=True)
    accounts.approve_membership(legal_officer, asked)
    hold_keys(newcomer, endorse=False)  # has set their own password
    client.force_login(newcomer)
    verify = client.get(reverse("admin:complaints_corruptionreport_verify")).content.decode()
    enrol_url = reverse("admin:complaints_corruptionreport_enrol")
    assert enrol_url in verify
    first = client.get(enrol_url)
    assert first.status_code == 200 and "no-store" in first["Cache-Control"]
    assert "enrolment-secret" in first.content.decode()
    assert client.post(enrol_url, {"otp_token": "000000"}).status_code == 400  # wrong: a fresh QR code
    shown = client.get(enrol_url)
    _key, code = _code_from_page(shown)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(enrol_url, {"otp_token": code})
    assert done.status_code == 302 and done["Location"] == CHANGELIST
    assert client.get(CHANGELIST).status_code == 200  # verified by the enrolment itself
    assert TOTPDevice.objects.filter(user=newcomer, confirmed=True).count() == 1
    assert _actions(action=Action.DEVICE_ADDED, detail__contains="newcomer") == [Action.DEVICE_ADDED]
    again = client.get(enrol_url)
    assert again.status_code == 302
    assert "enrolment-secret" not in client.get(again["Location"]).content.decode()


def test_without_approval_the_enrolment_page_makes_no_device(client, legal_officer,
                                                             django_capture_on_commit_callbacks):
    client.force_login(legal_officer)
    response = client.get(reverse("admin:complaints_corruptionreport_enrol"))
    assert response.status_code == 302 and not TOTPDevice.objects.filter(user=legal_officer).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:complaints_corruptionreport_ask_enrolment"))
    asked = AccessRequest.objects.get(user=legal_officer, kind="enrol")
    assert asked.state == "pending" and asked.requested_by == legal_officer
    assert "รอเจ้าหน้าที่ฝ่ายนิติการอีกคนหนึ่งอนุมัติ" in client.get(
        reverse("admin:complaints_corruptionreport_verify")).content.decode()


@pytest.mark.parametrize("role", ["refused_staff", "outsider_superuser"])
def test_enrolment_pages_refuse_outsiders(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("admin:complaints_corruptionreport_enrol")).status_code == 403
    assert client.post(reverse("admin:complaints_corruptionreport_ask_enrolment")).status_code == 403
    assert not AccessRequest.objects.exists() and not TOTPDevice.objects.exists()


def test_first_legal_officer_is_set_up_on_the_server_and_pins_the_key_root(
        staff_roles, django_user_model, tmp_path, monkeypatch):
    from django.conf import settings

    from complaints import recipients, session
    from complaints.models import PersonKey

    answers = iter(["first-officer-password-1", "first-officer-password-1"])
    out = io.StringIO()
    secret_file = tmp_path / "complaint-key-roots"
    monkeypatch.setenv("COMPLAINT_KEY_ROOTS_FILE", str(secret_file))
    with mock.patch("getpass.getpass", lambda prompt: next(answers)), \
            mock.patch("getpass.getuser", lambda: "ops"):
        call_command("first_legal_officer", "chief", "--email", "chief@example.org", stdout=out)
    chief = django_user_model.objects.get(username="chief")
    assert roles.in_group(chief, complaint_roles.LEGAL_AFFAIRS)
    assert chief.check_password("first-officer-password-1")
    assert accounts.may_enrol(chief)
    # Their key, under the password they typed, is the root pinned outside the database.
    person = PersonKey.objects.get(user=chief)
    root = recipients.root_of(person)
    assert secret_file.read_text().strip() == root and settings.COMPLAINT_KEY_ROOTS == [root]
    assert recipients.is_trusted(person) and not session.needs_own_password(chief)
    entry = AuditEntry.objects.get(action=Action.FIRST_OFFICER)
    assert entry.actor == "server:ops" and "chief" in entry.detail
    second = django_user_model.objects.create_user("second", is_staff=True)
    with pytest.raises(CommandError, match="มีเจ้าหน้าที่ฝ่ายนิติการแล้ว"):
        call_command("first_legal_officer", "second", stdout=io.StringIO())
    assert not roles.in_group(second, complaint_roles.LEGAL_AFFAIRS)


# -- supervisors read only what concerns them ----------------------------------------------------
def test_supervisor_reads_only_the_audit_of_reports_escalated_to_them(client, escalated_report, supervisor,
                                                                     legal_officer):
    other, _ = services.file_report(category="other", description="เรื่องอื่นที่ไม่ได้รายงานผู้บังคับบัญชา")
    AuditEntry.record(legal_officer, Action.REVEAL, other, "เหตุผลที่ผู้บังคับบัญชาไม่ควรเห็น")
    hidden = AuditEntry.objects.get(action=Action.REVEAL)
    verify_second_factor(client, supervisor)
    response = client.get(reverse("admin:complaints_auditentry_changelist"))
    shown = list(response.context["cl"].result_list)
    assert shown and hidden not in shown
    assert {entry.report_reference for entry in shown} <= {escalated_report.reference, ""}
    assert "เหตุผลที่ผู้บังคับบัญชาไม่ควรเห็น" not in response.content.decode()
    hidden_page = client.get(reverse("admin:complaints_auditentry_change", args=[hidden.pk]))
    assert hidden_page.status_code in (302, 404)
    assert any(entry.action == Action.DEVICE_ADDED for entry in shown)  # account changes stay visible

