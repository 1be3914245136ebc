"""A report is sealed only to keys a legal officer endorsed back to the root pinned outside the
database (settings.COMPLAINT_KEY_ROOTS): no database write, fixture, shell, raw SQL, password set
by someone else or supervisor's signature seats a reader (complaints/recipients.py)."""
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints import accounts, crypto, keys, primitives, recipients, services, session
from complaints import roles as complaint_roles
from complaints.models import AccessRequest, CorruptionReport, KeyEndorsement, PersonKey, SealedDataKey
from kpp_portal import roles
from tests.conftest import PASSWORD

from .conftest import hold_keys, verify_second_factor

pytestmark = pytest.mark.django_db
INSIDER_PASSWORD = "the-insiders-own-password-1"


def _file(text="รายงานหลังจากคนในเข้ากลุ่ม"):
    return services.file_report(category="bribery", description=text)[0]


def _reads(user, private, report):
    """What `user` reads of `report` with their private key open."""
    with keys.fresh_keyring() as ring:
        ring.user_id, ring._private = user.pk, private
        return CorruptionReport.objects.get(pk=report.pk).description


@pytest.fixture
def insider(django_user_model, legal_officer):
    """An editor with a key pair under a password they know (as after setting it themselves), and
    a legal officer holding the root key."""
    hold_keys(legal_officer)
    user = django_user_model.objects.create_user("insider", password=INSIDER_PASSWORD, is_staff=True)
    user.private = recipients.new_own_key(user, INSIDER_PASSWORD)
    return user


def _through_create(user, group):
    type(user).groups.through.objects.create(user_id=user.pk, group_id=group.pk)


def _bulk_create(user, group):
    through = type(user).groups.through
    through.objects.bulk_create([through(user_id=user.pk, group_id=group.pk)])


def _loaddata(user, group, tmp_path):
    fixture = tmp_path / "memberships.json"
    fixture.write_text(json.dumps([{"model": "auth.user_groups", "pk": 9000,
                                    "fields": {"user": user.pk, "group": group.pk}}]))
    call_command("loaddata", str(fixture), stdout=io.StringIO())


def _raw_sql(user, group):
    table = type(user).groups.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (user_id, group_id) VALUES (%s, %s)", [user.pk, group.pk])


@pytest.mark.parametrize("join", [_through_create, _bulk_create, _loaddata, _raw_sql])
def test_a_membership_written_around_the_two_person_rule_receives_nothing(join, insider, legal_officer,
                                                                          tmp_path):
    legal = Group.objects.get(name=complaint_roles.LEGAL_AFFAIRS)
    if join is _loaddata:
        join(insider, legal, tmp_path)
    else:
        join(insider, legal)
    assert roles.in_group(insider, complaint_roles.LEGAL_AFFAIRS)  # the write went through, unaudited
    report = _file()
    assert not SealedDataKey.objects.filter(recipient=insider).exists()
    assert isinstance(_reads(insider, insider.private, report), crypto.Locked)
    assert report.sealed_keys.filter(recipient=legal_officer).exists()  # the endorsed officer reads it
    # Nor does a grant seal it: nobody endorsed the key, and the insider cannot endorse themselves.
    with keys.fresh_keyring() as ring:
        ring.user_id, ring._private = insider.pk, insider.private
        assert recipients.grant(insider) == (0, 1)


def test_endorsement_rows_written_directly_verify_nothing(insider, legal_officer):
    seat_row = Group.objects.get(name=complaint_roles.LEGAL_AFFAIRS)
    _through_create(insider, seat_row)
    person, officer = PersonKey.objects.get(user=insider), PersonKey.objects.get(user=legal_officer)
    message = primitives.endorsement_message(complaint_roles.LEGAL_AFFAIRS, insider.pk, person.public_key,
                                             person.signing_public)
    # Claims to be signed by the root officer, but is not; and one the insider signed themselves.
    KeyEndorsement.objects.create(person_key=person, role=complaint_roles.LEGAL_AFFAIRS,
                                  signer_public=officer.signing_public, signature=b"\0" * 64)
    KeyEndorsement.objects.create(person_key=person, role=complaint_roles.LEGAL_AFFAIRS,
                                  signer_public=person.signing_public,
                                  signature=primitives.sign(insider.private, message))
    assert not recipients.is_trusted(person)
    report = _file()
    assert not report.sealed_keys.filter(recipient=insider).exists()


def test_a_person_key_row_written_directly_receives_nothing(insider, legal_officer):
    """A row that copies the root officer's signing key, or swaps in a new sealing key under a
    genuine endorsement, is no reader."""
    _through_create(insider, Group.objects.get(name=complaint_roles.LEGAL_AFFAIRS))
    officer = PersonKey.objects.get(user=legal_officer)
    PersonKey.objects.filter(user=insider).update(signing_public=officer.signing_public, own_password=True)
    assert not recipients.is_trusted(PersonKey.objects.get(user=insider))
    assert not _file().sealed_keys.filter(recipient=insider).exists()
    # The officer's own row with the insider's sealing key written over it: the root no longer holds.
    PersonKey.objects.filter(pk=officer.pk).update(public_key=primitives.public_bytes(insider.private))
    report = _file()
    assert not report.sealed_keys.exists()


def test_a_password_set_by_a_superuser_yields_no_key_and_the_old_one_still_opens(
        client, legal_officer, outsider_superuser):
    hold_keys(legal_officer)
    report = _file("ก่อนผู้ดูแลระบบตั้งรหัสผ่าน")
    boxes = SealedDataKey.objects.filter(recipient=legal_officer).count()
    before = PersonKey.objects.get(user=legal_officer)
    client.force_login(outsider_superuser)
    chosen = "the-superuser-chose-this-1"
    url = reverse("admin:auth_user_password_change", args=[legal_officer.pk])
    assert client.post(url, {"password1": chosen, "password2": chosen}).status_code == 302
    legal_officer.refresh_from_db()
    assert legal_officer.check_password(chosen)
    after = PersonKey.objects.get(user=legal_officer)
    assert bytes(after.wrapped_private) == bytes(before.wrapped_private) and after.reset_by_other
    assert SealedDataKey.objects.filter(recipient=legal_officer).count() == boxes == 1
    # From a copy of the database the superuser's password opens nothing; the old one still does.
    assert session.unwrap_private(after, chosen) is None and session.unlock(legal_officer, chosen) is None
    old_private = session.unwrap_private(after, PASSWORD)
    assert _reads(legal_officer, old_private, report) == "ก่อนผู้ดูแลระบบตั้งรหัสผ่าน"
    # The next report is sealed to the same key, which the superuser's password does not open.
    later = _file("หลังผู้ดูแลระบบตั้งรหัสผ่าน")
    assert later.sealed_keys.filter(recipient=legal_officer).exists()
    assert _reads(legal_officer, old_private, later) == "หลังผู้ดูแลระบบตั้งรหัสผ่าน"
    assert not PersonKey.objects.exclude(pk=after.pk).exists()


def test_after_a_reset_the_officer_sets_their_own_password_and_another_officer_endorses_it(
        client, legal_officer, django_user_model, staff_roles):
    from tests.conftest import seat

    second = django_user_model.objects.create_user("second", password=PASSWORD, is_staff=True)
    seat(second, complaint_roles.LEGAL_AFFAIRS)
    hold_keys(second)  # endorsed by the root officer
    legal_officer.set_password("chosen-by-someone-else-1")  # on the server: someone else
    legal_officer.save()
    # The officer logs in with it and passes TOTP: the complaint pages send them to set their own.
    device = TOTPDevice.objects.create(user=legal_officer, name="phone", confirmed=True)
    client.post(reverse("admin:login"), {"username": "legal", "password": "chosen-by-someone-else-1"})
    from django_otp import DEVICE_ID_SESSION_KEY

    stored = client.session
    stored[DEVICE_ID_SESSION_KEY] = device.persistent_id
    stored.save()
    changelist = reverse("admin:complaints_corruptionreport_changelist")
    assert client.get(changelist)["Location"] == reverse("admin:password_change")
    own = "the-officers-own-password-2"
    response = client.post(reverse("admin:password_change"), {
        "old_password": "chosen-by-someone-else-1", "new_password1": own, "new_password2": own})
    assert response.status_code == 302 and client.get(changelist).status_code == 200
    person = PersonKey.objects.get(user=legal_officer)
    assert person.own_password and session.unwrap_private(person, own) is not None
    assert not recipients.is_trusted(person)  # a new key: nothing is sealed to it yet
    assert not _file().sealed_keys.filter(recipient=legal_officer).exists()
    # Another officer, from their session, endorses and grants.
    with keys.fresh_keyring() as ring:
        ring.user_id, ring._private = second.pk, session.unwrap_private(second.complaint_key, PASSWORD)
        assert recipients.grant(legal_officer)[1] == 0
    assert recipients.is_trusted(person) and _file().sealed_keys.filter(recipient=legal_officer).exists()


def test_a_supervisors_endorsement_seats_no_reader(insider, supervisor, legal_officer):
    supervisor_private = hold_keys(supervisor)  # endorsed as a supervisor by the legal officer
    _through_create(insider, Group.objects.get(name=complaint_roles.LEGAL_AFFAIRS))
    person = PersonKey.objects.get(user=insider)
    ring = keys.Keyring(user_id=supervisor.pk, _private=supervisor_private)
    assert recipients.endorse(person, role=complaint_roles.LEGAL_AFFAIRS, ring=ring) is False
    # A genuine supervisor signature written in anyway counts for nothing.
    message = primitives.endorsement_message(complaint_roles.LEGAL_AFFAIRS, insider.pk, person.public_key,
                                             person.signing_public)
    KeyEndorsement.objects.create(person_key=person, role=complaint_roles.LEGAL_AFFAIRS,
                                  signer_public=primitives.signing_public(supervisor_private),
                                  signature=primitives.sign(supervisor_private, message))
    assert not recipients.is_trusted(person)
    assert not _file().sealed_keys.filter(recipient=insider).exists()


def test_removing_the_legal_officers_devices_does_not_move_approval_to_a_supervisor(
        client, legal_officer, supervisor, editor, outsider_superuser):
    device = TOTPDevice.objects.create(user=legal_officer, name="phone", confirmed=True)
    client.force_login(outsider_superuser)
    assert client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}).status_code == 403
    # Even with every device gone (a shell), a supervisor approves no one into the legal unit.
    TOTPDevice.objects.all().delete()
    AccessRequest.objects.create(user=legal_officer, kind="join", group_name=complaint_roles.LEGAL_AFFAIRS,
                                 state="approved")  # as when the officer was seated
    asked = accounts.request_membership(editor, complaint_roles.LEGAL_AFFAIRS)
    with pytest.raises(PermissionDenied):
        accounts.approve_membership(supervisor, asked)
    assert not roles.in_group(editor, complaint_roles.LEGAL_AFFAIRS)
    # A new device for the officer who lost theirs is the only thing a supervisor may approve then.
    enrol = accounts.request_enrolment(legal_officer)
    accounts.approve_membership(supervisor, enrol)
    assert accounts.may_enrol(legal_officer)


def test_other_groups_and_direct_permissions_reach_no_report_and_no_key(
        client, legal_officer, django_user_model, staff_roles):
    complaint_permissions = Permission.objects.filter(content_type__app_label="complaints")
    lookalike = Group.objects.create(name="ฝ่ายนิติการ (สำเนา)")
    lookalike.permissions.set(complaint_permissions)
    in_group = django_user_model.objects.create_user("lookalike", password=PASSWORD, is_staff=True)
    in_group.groups.add(lookalike)
    direct = django_user_model.objects.create_user("direct", password=PASSWORD, is_staff=True)
    direct.user_permissions.set(complaint_permissions)
    hold_keys(legal_officer)
    report = _file()
    for user in (in_group, direct):
        hold_keys(user)
        assert not report.sealed_keys.filter(recipient=user).exists()
        visitor = client.__class__()
        verify_second_factor(visitor, user)
        for url in (reverse("admin:complaints_corruptionreport_changelist"),
                    reverse("admin:complaints_corruptionreport_change", args=[report.pk]),
                    reverse("admin:complaints_accessrequest_grants"),
                    reverse("admin:complaints_accessrequest_grant", args=[user.pk])):
            response = visitor.get(url)
            assert response.status_code in (302, 403), url
            assert "รายงานหลังจากคนใน" not in response.content.decode()
        assert not recipients.is_trusted(PersonKey.objects.get(user=user))
    # The protected group keeps its name, so nothing can take it over by renaming.
    legal = Group.objects.get(name=complaint_roles.LEGAL_AFFAIRS)
    legal.name = "ฝ่ายนิติการเดิม"
    with pytest.raises(PermissionDenied):
        legal.save()


def test_check_deploy_refuses_production_without_a_recovery_key(legal_officer):
    from django.core import checks

    from complaints.checks import recovery_key_check

    problems = recovery_key_check(None)
    assert [problem.id for problem in problems] == ["complaints.E002"]
    assert problems[0].level == checks.ERROR
    call_command("complaint_recovery_key", stdout=io.StringIO())
    assert recovery_key_check(None) == []


def test_an_installation_from_before_endorsements_pins_an_existing_officers_key(
        legal_officer, supervisor, settings):
    hold_keys(legal_officer)
    before = _file("ก่อนการรับรองกุญแจ")
    # As after the upgrade: keys from first logins, nothing pinned, so nothing new is sealed to anyone.
    PersonKey.objects.update(own_password=False)
    settings.COMPLAINT_KEY_ROOTS = []
    assert not _file().sealed_keys.exists()
    call_command("first_legal_officer", "legal", password=PASSWORD, stdout=io.StringIO())
    person = PersonKey.objects.get(user=legal_officer)
    assert recipients.is_trusted(person) and before.sealed_keys.filter(recipient=legal_officer).exists()
    assert _file().sealed_keys.filter(recipient=legal_officer).exists()
    # The supervisor, once they have set their own password, waits on the grants page for endorsement.
    hold_keys(supervisor, endorse=False)
    # (The report filed while nothing was pinned reached no officer: the recovery key grants it.)
    assert [(user.username, missing) for user, missing, _has_key in recipients.waiting_for_grant()] == [
        ("legal", 1), ("supervisor", 0)]


def test_filing_seals_the_data_key_and_nothing_else_writes_report_text(legal_officer):
    """The data key is made and sealed by filing (services.file_report), visibly, not as a side
    effect of saving a row: a report saved any other way, or a column written with plain text,
    is refused rather than stored readable by the server (the retired key's path, legacy.py)."""
    hold_keys(legal_officer)
    with pytest.raises(ValueError), transaction.atomic():
        CorruptionReport(category="other", description="ข้อความที่ไม่ผ่านการยื่นเรื่อง").save()
    assert not CorruptionReport.objects.exists()
    report = _file()
    assert report.data_key_id and report.sealed_keys.filter(recipient=legal_officer).exists()
    with pytest.raises(ValueError), transaction.atomic():
        CorruptionReport.objects.filter(pk=report.pk).update(description="ข้อความธรรมดา")
    CorruptionReport.objects.filter(pk=report.pk).update(description="")  # blanking stays allowed
