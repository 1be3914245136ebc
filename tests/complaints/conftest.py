import io
import re

import pytest
from PIL import Image

from complaints import services
from complaints.models import Category
from kpp_portal.forms import issue_token

RECEIPT_RE = re.compile(r'id="receipt-code">(.*?)</code>')


def jpeg_with_gps():
    """A JPEG carrying EXIF with a GPS position and a camera owner's name."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x013B] = "Somchai Witness"  # Artist
    gps = {1: "N", 2: (16.0, 28.0, 12.0), 3: "E", 4: (99.0, 31.0, 2.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def uploaded(name, data, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def receipt_from(response):
    match = RECEIPT_RE.search(response.content.decode())
    assert match, "no receipt on the page"
    # The groups are wrapped so that none breaks on a phone; the code itself is the text.
    return re.sub(r"<[^>]+>", "", match.group(1))


VALID_REPORT = {
    "category": Category.BRIBERY,
    "accused_name": "นาย ก (ตัวอย่าง)",
    "accused_position": "นายตรวจ",
    "accused_unit": "กองช่าง",
    "when_where": "มีนาคม ที่สำนักงาน",
    "description": "มีการเรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง <script>alert(1)</script>",
}


def report_data():
    """The report form's fields with a fresh one-time token, as the form page would give them."""
    return {**VALID_REPORT, "form_token": issue_token()}


def reply_data(body, **extra):
    """The follow-up page's reply form, with a fresh one-time token."""
    return {"body": body, "form_token": issue_token(), **extra}


@pytest.fixture(autouse=True)
def _own_keyring():
    """Each test starts with no data key open, as each request does."""
    from complaints import keys

    with keys.fresh_keyring() as ring:
        yield ring


_OPEN = {}  # public key -> private key, of the people `hold_keys` gave a key


def hold_keys(user, password=None, endorse=True):
    """The person has set their own password (a key pair made under it) and, with `endorse`,
    their key is endorsed by a legal officer holding keys, or pinned as the root when they are the
    first legal officer: reports filed now are sealed to them. Returns their private key."""
    from django.conf import settings

    from complaints import keys, primitives, recipients, session
    from complaints import roles as complaint_roles
    from complaints.models import PersonKey
    from kpp_portal import roles
    from tests.conftest import PASSWORD

    password = password or PASSWORD
    person = PersonKey.objects.filter(user=user, own_password=True).first()
    private = session.unlock(user, password) if person else None
    if private is None:
        private = recipients.new_own_key(user, password)
    _OPEN[primitives.public_bytes(private)] = private
    person = PersonKey.objects.get(user=user)
    if not endorse or recipients.is_trusted(person):
        return private
    trusted = recipients.trusted_keys()[complaint_roles.LEGAL_AFFAIRS]
    signers = [signer for signer in PersonKey.objects.filter(pk__in=trusted).exclude(user=user)
               if bytes(signer.public_key) in _OPEN]
    if not signers and roles.in_group(user, complaint_roles.LEGAL_AFFAIRS) and not trusted:
        # The settings fixture (tests/conftest.py) restores the list after the test.
        settings.COMPLAINT_KEY_ROOTS = [*settings.COMPLAINT_KEY_ROOTS, recipients.root_of(person)]
    elif signers:
        ring = keys.Keyring(user_id=signers[0].user_id, _private=_OPEN[bytes(signers[0].public_key)])
        recipients.endorse(person, ring=ring)
    return private


@pytest.fixture
def filed_report(db, legal_officer):
    """(report, receipt) through the same code path as the public form, filed while the legal
    officer is a member holding an endorsed key (so the report's data key is sealed to them)."""
    hold_keys(legal_officer)
    return services.file_report(
        category=Category.BRIBERY,
        description="เรียกรับเงินค่าอนุญาต ตัวอย่างรายละเอียด",
        accused="นาย ข",
        reporter_identity="ผู้แจ้ง ทดสอบ",
        reporter_contact="081-000-0000",
    )


def unlock_keys(client, user, password=None):
    """What a password login does for the person's complaint key (session.KeyUnlockingBackend and
    session.on_login): unwrap it and keep it wrapped in the session under a key in the vault cookie."""
    import base64

    from django.core import signing

    from complaints import primitives, session

    private = hold_keys(user, password)
    vault_key = primitives.random_key()
    stored = client.session
    stored["vault:person"] = base64.b64encode(
        primitives.aead_seal(vault_key, primitives.private_bytes(private), b"person")).decode()
    stored[session.OWN_KEY_SESSION] = True
    stored.save()
    signer = signing.get_cookie_signer(salt=session.VAULT_COOKIE + session._VAULT_SALT)
    client.cookies[session.VAULT_COOKIE] = signer.sign(base64.urlsafe_b64encode(vault_key).decode())


def open_with_receipt(receipt):
    """Open a report's data key in this test's keyring with its receipt, as the reporter's
    follow-up page does."""
    from complaints import keys
    from complaints.models import CorruptionReport

    found = CorruptionReport.objects.for_receipt(receipt)
    keys.keyring().add(found.data_key_id, found.receipt_data_key)
    return found


def verify_second_factor(client, user):
    """Log in and pass TOTP as django-otp would (a confirmed device in the session), with the
    person's complaint key open as after a password login."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="โทรศัพท์", confirmed=True)
    client.force_login(user)
    stored = client.session
    stored[DEVICE_ID_SESSION_KEY] = device.persistent_id
    stored.save()
    unlock_keys(client, user)
    return device


@pytest.fixture
def escalated_report(filed_report, legal_officer, supervisor):
    hold_keys(supervisor)  # the supervisor holds a key endorsed by the legal officer
    report, _receipt = filed_report
    report.transition("acknowledged", by=legal_officer)
    report.transition("investigating", by=legal_officer)
    services.transition(report, "escalated", by=legal_officer, escalate_to=supervisor, note="เสนอผู้บังคับบัญชา")
    return report


def make_legacy(report):
    """Turn a report filed just now (its data key open here) into one filed before per-person
    keys: every column and file under the server key (COMPLAINT_ENCRYPTION_KEYS), no data key."""
    from complaints import crypto, legacy
    from complaints.models import CorruptionReport, ReportFile, ReportMessage, StatusChange

    fields = {CorruptionReport: ("accused", "when_where", "description", "reporter_identity",
                                 "reporter_contact"),
              ReportMessage: ("body",), ReportFile: ("original_name",), StatusChange: ("note", "public_note")}
    for model, names in fields.items():
        rows = [report] if model is CorruptionReport else model.objects.filter(report=report)
        for row in rows:
            row = type(row).objects.get(pk=row.pk)
            model.objects.filter(pk=row.pk).update(**{
                name: crypto.Stored(legacy.encrypt_text(str(getattr(row, name)))) for name in names})
    for evidence in ReportFile.objects.filter(report=report):
        data = evidence.read_plaintext()
        with evidence.stored.storage.open(evidence.stored.name, "wb") as handle:
            handle.write(legacy.encrypt_bytes(data))
    report.sealed_keys.all().delete()
    report.recovery_keys.all().delete()
    CorruptionReport.objects.filter(pk=report.pk).update(data_key_id="", receipt_key=None)
    return CorruptionReport.objects.get(pk=report.pk)
