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


@pytest.fixture
def filed_report(db):
    """(report, receipt) through the same code path as the public form."""
    return services.file_report(
        category=Category.BRIBERY,
        description="เรียกรับเงินค่าอนุญาต ตัวอย่างรายละเอียด",
        accused="นาย ข",
        reporter_identity="ผู้แจ้ง ทดสอบ",
        reporter_contact="081-000-0000",
    )


def verify_second_factor(client, user):
    """Log in and pass TOTP as django-otp would (a confirmed device in the session)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="โทรศัพท์", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def escalated_report(filed_report, legal_officer, supervisor):
    report, _receipt = filed_report
    report.transition("acknowledged", by=legal_officer)
    report.transition("investigating", by=legal_officer)
    report.transition("escalated", by=legal_officer, escalate_to=supervisor, note="เสนอผู้บังคับบัญชา")
    return report
