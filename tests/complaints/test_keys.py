"""Per-person keys: a copy of the server opens no report; a person's password or a report's
receipt opens exactly what that person may read (complaints/keys.py, recipients.py)."""
import io
import json
import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from complaints import crypto, evidence, keys, primitives, recipients, services, session
from complaints.models import (
    CorruptionReport,
    PersonKey,
    ReportFile,
    ReportMessage,
    SealedDataKey,
    StatusChange,
)
from kpp_portal.serving import serving
from tests.conftest import PASSWORD

from .conftest import hold_keys, jpeg_with_gps, make_legacy, reply_data, uploaded, verify_second_factor

pytestmark = pytest.mark.django_db

SECRETS = ("ลับมาก-รายละเอียด", "ลับมาก-ผู้ถูกร้อง", "ลับมาก-ชื่อผู้แจ้ง", "ลับมาก-ข้อความ", "ลับมาก-บันทึก")
TEXT_FIELDS = {
    CorruptionReport: ("accused", "when_where", "description", "reporter_identity", "reporter_contact"),
    ReportMessage: ("body",), ReportFile: ("original_name",), StatusChange: ("note", "public_note"),
}


def _file(i, photos=1):
    report, receipt = services.file_report(
        category="bribery", description=f"{SECRETS[0]} {i}", accused=f"{SECRETS[1]} {i}",
        reporter_identity=f"{SECRETS[2]} {i}", reporter_contact="081-000-0000",
        files=[evidence.prepare(uploaded(f"ภาพ-{i}.jpg", jpeg_with_gps()), True) for _ in range(photos)],
    )
    return report, receipt


def _open_as(ring, user, password=PASSWORD):
    """A keyring as in `user`'s session after a password login."""
    from complaints.models import PersonKey

    ring.user_id, ring._private = user.pk, session.unwrap_private(PersonKey.objects.get(user=user), password)


def _server_copy(tmp_path):
    """Everything the server has at rest: every table (as a dump), the private storage, the
    cache/Redis contents and every setting and environment variable."""
    from django.db import connection

    dump = io.StringIO()
    with connection.cursor() as cursor:  # every row of every table, raw, as pg_dump would see it
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                dump.write(repr([bytes(v).decode("utf-8", "replace") if isinstance(v, memoryview) else v
                                 for v in row]))
    cached = []
    if os.environ.get("REDIS_TEST_URL"):  # every key and value in Redis
        import redis

        server = redis.Redis.from_url(os.environ["REDIS_TEST_URL"])
        cached = [repr((key, server.dump(key))) for key in server.keys("*")]
    files = {path.name: path.read_bytes()
             for path in settings.PRIVATE_MEDIA_ROOT.rglob("*") if path.is_file()}
    return {"dump": dump.getvalue() + "".join(cached), "files": files,
            "settings": {name: getattr(settings, name) for name in dir(settings) if name.isupper()},
            "env": dict(os.environ)}


def _try_everything(copy):
    """With the project's own code and only what is in `copy`: what opens? Returns the set of
    plaintexts recovered. A fresh keyring: nothing open but what the copy itself gives."""
    opened = set()
    with keys.fresh_keyring():
        for model, names in TEXT_FIELDS.items():
            for row in model.objects.all():
                for name in names:
                    value = getattr(row, name)
                    if value and not isinstance(value, crypto.Locked):
                        opened.add(value)
        for blob in copy["files"].values():
            try:
                opened.add(crypto.decrypt_file(blob)[:4])
            except keys.KeysLocked:
                pass
        # Every secret of the copy tried as a person's password and as a receipt.
        candidates = {str(value) for value in [*copy["settings"].values(), *copy["env"].values()]
                      if isinstance(value, str) and value}
        candidates |= {key for value in copy["settings"].values() if isinstance(value, list)
                       for key in value if isinstance(key, str)}
        for person in PersonKey.objects.all():
            for candidate in candidates:
                if session.unwrap_private(person, candidate) is not None:
                    opened.add(f"private key of {person.user_id}")
        for candidate in candidates:
            if CorruptionReport.objects.for_receipt(candidate) is not None:
                opened.add(f"receipt {candidate}")
    return opened


@pytest.fixture
def caches_in_redis(settings):
    """The cache and the rate-limit counters in Redis, as in production, when REDIS_TEST_URL names
    a scratch database (CI sets it), so the copy includes Redis."""
    from django.core.cache import caches

    url = os.environ.get("REDIS_TEST_URL")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("REDIS_TEST_URL must be set in CI")
        yield False
        return
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    settings.CACHES = {**settings.CACHES, "default": backend, "limits": backend}
    caches["default"].clear()
    yield True
    caches["default"].clear()


def test_a_server_copy_opens_nothing_a_password_or_receipt_opens_exactly_theirs(
        client, legal_officer, supervisor, tmp_path, caches_in_redis):
    hold_keys(legal_officer)
    hold_keys(supervisor)
    mine, my_receipt = _file(1)
    other, _other_receipt = _file(2)
    services.add_message(mine, ReportMessage.Kind.FROM_REPORTER, SECRETS[3])
    services.add_message(mine, ReportMessage.Kind.INTERNAL_NOTE, SECRETS[4], author=legal_officer)
    mine.transition("acknowledged", by=legal_officer, note=SECRETS[4], public_note="รับเรื่องแล้ว")
    mine.transition("investigating", by=legal_officer)
    services.transition(mine, "escalated", by=legal_officer, escalate_to=supervisor)
    # Sessions and the cache hold a logged-in officer's wrapped key too.
    verify_second_factor(client, legal_officer)
    assert client.get(reverse("admin:complaints_corruptionreport_change", args=[mine.pk])).status_code == 200

    # A reporter is following up too: their session holds it.
    reporter = client.__class__()
    reporter.post(reverse("complaints:track"), {"receipt": my_receipt})

    copy = _server_copy(tmp_path)
    assert "vault:track" in reporter.session  # the follow-up is in the copy (its session row)
    for secret in SECRETS:
        assert secret not in copy["dump"]
        assert not any(secret.encode() in blob for blob in copy["files"].values())
    assert settings.COMPLAINT_ENCRYPTION_KEYS and settings.COMPLAINT_RECEIPT_PEPPER  # all present
    assert _try_everything(copy) == set()

    # An officer's password opens every report; the supervisor's only the one escalated to them.
    with keys.fresh_keyring() as ring:
        _open_as(ring, legal_officer)
        descriptions = {r.description for r in CorruptionReport.objects.all()}
        assert descriptions == {f"{SECRETS[0]} 1", f"{SECRETS[0]} 2"}
        assert all(f.read_plaintext().startswith(b"\xff\xd8") for f in ReportFile.objects.all())
    with keys.fresh_keyring() as ring:
        _open_as(ring, supervisor)
        assert CorruptionReport.objects.get(pk=mine.pk).description == f"{SECRETS[0]} 1"
        assert isinstance(CorruptionReport.objects.get(pk=other.pk).description, crypto.Locked)
        with pytest.raises(keys.KeysLocked):
            other.files.get().read_plaintext()
    # A wrong password opens nothing.
    assert session.unwrap_private(legal_officer.complaint_key, "wrong-password") is None

    # The receipt opens its own report (and nothing else), on the follow-up page.
    page = reporter.get(reverse("complaints:track_report")).content.decode()
    assert SECRETS[3] in page and "รับเรื่องแล้ว" in page and SECRETS[4] not in page
    with keys.fresh_keyring() as ring:
        found = CorruptionReport.objects.for_receipt(my_receipt)
        ring.add(found.data_key_id, found.receipt_data_key)
        assert CorruptionReport.objects.get(pk=mine.pk).description == f"{SECRETS[0]} 1"
        assert isinstance(CorruptionReport.objects.get(pk=other.pk).description, crypto.Locked)


def test_vault_cookie_is_httponly_strict_and_logout_makes_the_key_unusable(client, legal_officer):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    hold_keys(legal_officer)
    report, _ = _file(1, photos=0)
    response = client.post(reverse("admin:login"), {"username": "legal", "password": PASSWORD})
    assert response.status_code == 302
    cookie = client.cookies[session.VAULT_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    TOTPDevice.objects.create(user=legal_officer, name="x", confirmed=True)
    # Without the cookie the session row alone opens nothing.
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    assert "vault:person" in store and session.VAULT_COOKIE not in json.dumps(dict(store))
    client.post(reverse("admin:logout"))
    assert client.cookies[session.VAULT_COOKIE].value == ""
    assert report.sealed_keys.count() == 1


def test_grant_to_newcomer_from_an_officers_session_resumes(client, legal_officer, django_user_model):
    from complaints import accounts
    from complaints.models import AccessRequest

    hold_keys(legal_officer)
    reports = [_file(i, photos=0)[0] for i in range(5)]
    newcomer = django_user_model.objects.create_user(username="new", password=PASSWORD, is_staff=True)
    hold_keys(newcomer, endorse=False)  # set their own password: a key pair, endorsed by nobody yet
    pending = AccessRequest.objects.create(user=newcomer, kind="join", group_name="ฝ่ายนิติการ")
    with keys.fresh_keyring():
        # Nobody's key open: approval works, nobody endorses, the grant seals nothing.
        accounts.approve_membership(legal_officer, pending)
        assert recipients.grant(newcomer) == (0, 5)
        assert not recipients.is_trusted(newcomer.complaint_key)
    with keys.fresh_keyring() as ring:
        _open_as(ring, legal_officer)
        assert recipients.grant(newcomer, batch=2) == (2, 3)  # interrupted here, resumed below
        assert recipients.grant(newcomer) == (3, 0)
    with keys.fresh_keyring() as ring:
        _open_as(ring, newcomer)
        assert all(not isinstance(CorruptionReport.objects.get(pk=r.pk).description, crypto.Locked)
                   for r in reports)
    # Removing the member deletes their sealed keys.
    newcomer.groups.clear()
    assert not SealedDataKey.objects.filter(recipient=newcomer).exists()


def test_own_password_change_rewraps_and_a_reset_by_another_keeps_the_key_under_the_old_password(
        client, legal_officer):
    hold_keys(legal_officer)
    report, _ = _file(1, photos=0)
    private = session.unwrap_private(PersonKey.objects.get(user=legal_officer), PASSWORD)
    # Their own change (their key open in their session): same key pair, new wrapping.
    with serving(type("R", (), {"user": legal_officer})()):
        with keys.fresh_keyring() as ring:
            ring.user_id, ring._private = legal_officer.pk, private
            legal_officer.set_password("a-new-long-password-1")
            legal_officer.save()
    person = PersonKey.objects.get(user=legal_officer)
    assert session.unwrap_private(person, PASSWORD) is None
    rewrapped = session.unwrap_private(person, "a-new-long-password-1")
    assert primitives.public_bytes(rewrapped) == bytes(person.public_key)
    assert report.sealed_keys.filter(recipient=legal_officer).exists() and recipients.is_trusted(person)
    # Set by someone else (here: the server): the key and its boxes stay, under the old password.
    legal_officer.set_password("reset-by-someone-else-2")
    legal_officer.save()
    person = PersonKey.objects.get(user=legal_officer)
    assert session.unwrap_private(person, "reset-by-someone-else-2") is None
    assert session.unwrap_private(person, "a-new-long-password-1") is not None
    assert report.sealed_keys.filter(recipient=legal_officer).exists()
    assert session.needs_own_password(legal_officer) and session.unlock(
        legal_officer, "reset-by-someone-else-2") is None


def test_recovery_key_opens_everything_and_grants(legal_officer, django_user_model):
    out = io.StringIO()
    call_command("complaint_recovery_key", stdout=out)
    private_text = [line for line in out.getvalue().splitlines() if line.startswith("RECOVERY-")][0]
    report, _ = _file(1, photos=0)
    private = primitives.private_from_bytes(bytes.fromhex(private_text.removeprefix("RECOVERY-")
                                                          .replace("-", "")))
    with keys.fresh_keyring():
        assert isinstance(CorruptionReport.objects.get(pk=report.pk).description, crypto.Locked)
    ring = recipients.recovery_keyring(private)
    with keys.fresh_keyring() as scoped:
        scoped.keys.update(ring.keys)
        assert CorruptionReport.objects.get(pk=report.pk).description == f"{SECRETS[0]} 1"
    # The recovery key grants an officer who lost everything.
    hold_keys(legal_officer)
    assert recipients.grant(legal_officer, opener=ring) == (1, 0)


def test_migration_moves_reports_off_the_server_key(legal_officer, settings):
    from django.core.management import CommandError

    from complaints.checks import server_key_check

    report, _ = _file(1)
    legacy = make_legacy(report)
    assert legacy.data_key_id == "" and server_key_check(None)
    with pytest.raises(CommandError):  # no one holds a key pair yet: the reports would be lost
        call_command("migrate_complaint_keys", "--officer", "legal", stdout=io.StringIO(),
                     password="wrong")
    hold_keys(legal_officer)
    call_command("migrate_complaint_keys", "--officer", "legal", stdout=io.StringIO(), password=PASSWORD)
    settings.COMPLAINT_ENCRYPTION_KEYS = []  # the server key retired
    assert server_key_check(None) == []
    with keys.fresh_keyring():
        moved = CorruptionReport.objects.get(pk=report.pk)
        assert moved.data_key_id and isinstance(moved.description, crypto.Locked)
        with pytest.raises(keys.KeysLocked):
            moved.files.get().read_plaintext()
    with keys.fresh_keyring() as ring:
        _open_as(ring, legal_officer)
        moved = CorruptionReport.objects.get(pk=report.pk)
        assert moved.description == f"{SECRETS[0]} 1"
        assert moved.files.get().read_plaintext().startswith(b"\xff\xd8")


def test_reporter_reply_and_staff_reply_use_the_reports_key(client, filed_report):
    report, receipt = filed_report
    client.post(reverse("complaints:track"), {"receipt": receipt})
    client.post(reverse("complaints:track_report"), reply_data("ข้อความเพิ่มเติมจากผู้แจ้ง"))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM complaints_reportmessage")
        (raw,), = cursor.fetchall()
    assert raw.startswith(f"k2:{report.data_key_id}:")
    with keys.fresh_keyring():
        assert isinstance(ReportMessage.objects.get().body, crypto.Locked)


def test_approving_officer_grants_from_their_session_with_progress(
        client, legal_officer, supervisor, refused_staff, django_user_model):
    from complaints.models import AccessRequest

    verify_second_factor(client, legal_officer)
    reports = [_file(i, photos=0)[0] for i in range(3)]
    newcomer = django_user_model.objects.create_user(username="new", password=PASSWORD, is_staff=True)
    hold_keys(newcomer, endorse=False)  # set their own password before approval
    pending = AccessRequest.objects.create(user=newcomer, kind="join", group_name="ฝ่ายนิติการ")
    response = client.post(reverse("admin:complaints_accessrequest_approve", args=[pending.pk]))
    grant_url = reverse("admin:complaints_accessrequest_grant", args=[newcomer.pk])
    assert response.status_code == 302 and response["Location"] == grant_url
    page = client.get(grant_url).content.decode()
    assert "ได้รับกุญแจแล้ว 0 จาก 3 เรื่อง" in page
    assert "new" in client.get(reverse("admin:complaints_accessrequest_grants")).content.decode()
    page = client.post(grant_url).content.decode()
    assert "ได้รับกุญแจแล้ว 3 จาก 3 เรื่อง" in page and 'id="grant-done"' in page
    assert SealedDataKey.objects.filter(recipient=newcomer).count() == len(reports)
    # Nobody else may grant: a supervisor (reads only what is escalated) and staff outside.
    for user in (supervisor, refused_staff):
        other = client.__class__()
        verify_second_factor(other, user)
        assert other.post(grant_url).status_code in (302, 403)
        assert "ได้รับกุญแจแล้ว" not in other.get(grant_url).content.decode()


def test_reports_filed_before_the_recovery_key_are_sealed_to_it_from_an_officers_session(
        client, legal_officer):
    from complaints.models import RecoverySealedKey

    verify_second_factor(client, legal_officer)
    report, _ = _file(1, photos=0)
    grants = reverse("admin:complaints_accessrequest_grants")
    assert "complaint_recovery_key" in client.get(grants).content.decode()
    out = io.StringIO()
    call_command("complaint_recovery_key", stdout=out)
    assert 'id="recovery-missing"' in client.get(grants).content.decode()
    client.post(reverse("admin:complaints_accessrequest_grant_recovery"))
    assert RecoverySealedKey.objects.filter(report=report).count() == 1
    assert 'id="recovery-complete"' in client.get(grants).content.decode()
    private_text = [line for line in out.getvalue().splitlines() if line.startswith("RECOVERY-")][0]
    private = primitives.private_from_bytes(bytes.fromhex(private_text.removeprefix("RECOVERY-")
                                                          .replace("-", "")))
    with keys.fresh_keyring() as ring:
        ring.keys.update(recipients.recovery_keyring(private).keys)
        assert CorruptionReport.objects.get(pk=report.pk).description == f"{SECRETS[0]} 1"


def test_a_password_that_does_not_open_the_key_makes_no_key(legal_officer):
    hold_keys(legal_officer)
    report, _ = _file(1, photos=0)
    before = PersonKey.objects.get(user=legal_officer)
    # The password changed where the key could not follow (here: written directly).
    assert session.unlock(legal_officer, "changed-elsewhere-3") is None
    after = PersonKey.objects.get(user=legal_officer)
    assert bytes(after.public_key) == bytes(before.public_key) and bytes(after.salt) == bytes(before.salt)
    assert report.sealed_keys.filter(recipient=legal_officer).exists()


def test_own_password_change_through_the_admin_keeps_the_key_and_idle_timeout_drops_it(
        client, legal_officer):
    import time

    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from complaints.access import STAFF_SEEN_KEY

    hold_keys(legal_officer)
    report, _ = _file(1, photos=0)
    public = bytes(PersonKey.objects.get(user=legal_officer).public_key)
    assert client.post(reverse("admin:login"), {"username": "legal", "password": PASSWORD}).status_code == 302
    new_password = "a-brand-new-passphrase-4"
    response = client.post(reverse("admin:password_change"), {
        "old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    person = PersonKey.objects.get(user=legal_officer)
    assert bytes(person.public_key) == public and session.unwrap_private(person, new_password) is not None
    assert report.sealed_keys.filter(recipient=legal_officer).exists()
    # Still logged in with the key open: the case page shows the text after TOTP.
    device = TOTPDevice.objects.create(user=legal_officer, name="x", confirmed=True)
    stored = client.session
    stored[DEVICE_ID_SESSION_KEY] = device.persistent_id
    stored.save()
    case = reverse("admin:complaints_corruptionreport_change", args=[report.pk])
    assert f"{SECRETS[0]} 1" in client.get(case).content.decode()
    # Idle past the timeout: logged out, the key cookie cleared, the wrapped copy gone.
    stored = client.session
    stored[STAFF_SEEN_KEY] = time.time() - settings.COMPLAINT_STAFF_IDLE_SECONDS - 1
    stored.save()
    response = client.get(case)
    assert response.status_code == 302 and client.cookies[session.VAULT_COOKIE].value == ""
    assert "vault:person" not in client.session


def test_escalating_to_a_supervisor_seals_to_them_or_says_they_have_no_endorsed_key_yet(
        client, filed_report, legal_officer, supervisor):
    from django.contrib.messages import get_messages

    report, _ = filed_report
    report.transition("acknowledged", by=legal_officer)
    report.transition("investigating", by=legal_officer)
    verify_second_factor(client, legal_officer)
    url = reverse("admin:complaints_corruptionreport_transition", args=[report.pk])
    response = client.post(url, {"to_status": "escalated", "escalate_to": supervisor.pk, "note": "เสนอ"})
    assert response.status_code == 302
    assert any("ยังไม่มีกุญแจที่ได้รับการรับรอง" in str(m) for m in get_messages(response.wsgi_request))
    assert not report.sealed_keys.filter(recipient=supervisor).exists()
    # Once the supervisor has set their own password, an officer endorses and grants from the grants page.
    hold_keys(supervisor, endorse=False)
    assert "supervisor" in client.get(reverse("admin:complaints_accessrequest_grants")).content.decode()
    client.post(reverse("admin:complaints_accessrequest_grant", args=[supervisor.pk]))
    assert report.sealed_keys.filter(recipient=supervisor).exists()
    # Escalating a report to a supervisor who has a key pair seals it at once.
    other, _ = _file(2, photos=0)
    other.transition("acknowledged", by=legal_officer)
    other.transition("investigating", by=legal_officer)
    with keys.fresh_keyring() as ring:
        _open_as(ring, legal_officer)
        opened = CorruptionReport.objects.get(pk=other.pk)
        services.transition(opened, "escalated", by=legal_officer, escalate_to=supervisor)
    assert other.sealed_keys.filter(recipient=supervisor).exists()


def test_the_settings_check_says_when_a_report_filed_now_could_never_be_read(staff_roles, django_user_model):
    from complaints.checks import key_holders_check
    from tests.conftest import seat

    assert key_holders_check(None) == []  # a fresh installation: nothing to say yet
    legal_officer = django_user_model.objects.create_user(username="legal", password=PASSWORD, is_staff=True)
    seat(legal_officer, "ฝ่ายนิติการ")
    assert {problem.id for problem in key_holders_check(None)} == {"complaints.W002", "complaints.W003"}
    hold_keys(legal_officer)
    assert {problem.id for problem in key_holders_check(None)} == {"complaints.W002"}
    call_command("complaint_recovery_key", stdout=io.StringIO())
    assert key_holders_check(None) == []
