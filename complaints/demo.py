"""Sample corruption reports for a newcomer's laptop, filed through the same code path as the
public form. All invented and marked ตัวอย่าง; no real person is named. The seed document's
statement (FY 2562 full year and FY 2563 first half: no complaints) is entered as the
legal-affairs unit would, as stated figures, so /complaints/stats/ prints those zeros and no other."""
import datetime
import hashlib
import hmac
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints.roles import COMPLAINT_GROUPS, LEGAL_AFFAIRS
from kpp_portal import roles
from kpp_portal.demo import day_in, this_python
from kpp_portal.thai import current_fiscal_year

from . import accounts, crypto, keys, recipients, services, session
from .models import (
    Category,
    Channel,
    CorruptionReport,
    HistoricalFigures,
    PersonKey,
    RecoveryKey,
    ReportMessage,
    Status,
)

SAMPLES = (
    # (days ago, category, channel, description, steps, message to the reporter)
    (3, Category.BRIBERY, Channel.WEB,
     "ตัวอย่าง: มีผู้แจ้งว่าเจ้าหน้าที่ขอเงินเพิ่มเพื่อเร่งออกใบอนุญาตก่อสร้าง", (), ""),
    (20, Category.PROCUREMENT_FRAUD, Channel.WEB,
     "ตัวอย่าง: สงสัยการกำหนดคุณลักษณะเฉพาะในการจัดซื้อให้ตรงกับผู้ขายรายเดียว",
     (Status.ACKNOWLEDGED,), "ตัวอย่าง: ฝ่ายนิติการรับเรื่องแล้ว โปรดระบุเลขที่ประกาศจัดซื้อที่เกี่ยวข้อง (ถ้าทราบ)"),
    (40, Category.ABUSE_OF_POSITION, Channel.COMMENT_BOX,
     "ตัวอย่าง: จดหมายจากตู้รับความคิดเห็นแจ้งการใช้รถยนต์ส่วนกลางไปธุระส่วนตัว",
     (Status.ACKNOWLEDGED, Status.INVESTIGATING), ""),
    (50, Category.OTHER, Channel.DAMRONGTHAM,
     "ตัวอย่าง: เรื่องส่งต่อจากศูนย์ดำรงธรรมซึ่งซ้ำกับเรื่องที่รับไว้แล้ว", (Status.REJECTED,), ""),
    # Not yet acknowledged: one due tomorrow and one past its deadline, so that the desk and the
    # queue's "ใกล้ครบกำหนด" and "เกินกำหนด" filters show something on a newcomer's laptop.
    (settings.COMPLAINT_ACKNOWLEDGE_DAYS - 1, Category.CONFLICT_OF_INTEREST, Channel.WALK_IN,
     "ตัวอย่าง: ผู้มาติดต่อแจ้งว่ากรรมการตรวจรับพัสดุเป็นญาติกับผู้รับจ้าง", (), ""),
    (settings.COMPLAINT_ACKNOWLEDGE_DAYS + 3, Category.MISCONDUCT, Channel.PHONE,
     "ตัวอย่าง: ผู้โทรแจ้งว่าเจ้าหน้าที่เก็บค่าธรรมเนียมโดยไม่ออกใบเสร็จ", (), ""),
)


def demo_receipt():
    """A fixed sample receipt derived from SECRET_KEY, so a second load_demo prints the same one."""
    digest = hmac.new(settings.SECRET_KEY.encode(), b"complaints-demo-receipt", hashlib.sha256).hexdigest()
    return f"{int(digest, 16) % 10**crypto.RECEIPT_DIGITS:0{crypto.RECEIPT_DIGITS}d}"


# Measure 3 of the municipality's document: "ในปีงบประมาณ ๒๕๖๒ (รอบ ๑๒ เดือน) และปีงบประมาณ ๒๕๖๓
# (รอบ ๖ เดือนแรก) ไม่มีเรื่องร้องเรียน". The document is undated; its date here is the demo's.
SEED_STATEMENTS = ((2562, HistoricalFigures.Round.FULL_YEAR), (2563, HistoricalFigures.Round.FIRST_HALF))
SEED_SOURCE = "เอกสารมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ข้อ 3"


def join(user, group_name, password, stdout):
    """Seat a demo login in a group that reads reports the way production does (demo_accounts
    asks): the first legal officer as the server command seats them, the others asked for by
    admin and approved by that officer; each with their own key and a TOTP device, which
    complaint pages demand. False for any other group."""
    if group_name not in COMPLAINT_GROUPS:
        return False
    if not roles.in_group(user, group_name):
        officer = roles.members(LEGAL_AFFAIRS).exclude(pk=user.pk).first()
        if group_name == LEGAL_AFFAIRS and officer is None:
            accounts.seat_first_legal_officer(user, "demo_accounts")
        else:
            admin = get_user_model().objects.get(username="admin")
            asked = accounts.request_membership(user, group_name, requested_by=admin)
            accounts.approve_membership(officer, asked)
    _keys(user, password, stdout)
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="demo", defaults={"confirmed": True})
    stdout.write(
        f"    TOTP: add this to an authenticator app (demo only; real accounts enrol their own, once):\n"
        f"    {device.config_url}\n"
        f"    or print the current code: DEBUG=true {this_python()} manage.py shell -c "
        f'"from django_otp.plugins.otp_totp.models import TOTPDevice as D; '
        f"from django_otp.oath import totp; d=D.objects.get(pk={device.pk}); "
        f"print(f'{{totp(d.bin_key):06d}}')\""
    )
    return True


def _keys(user, password, stdout):
    """As each person would: their key under their own password (the demo types it for them);
    the legal officer's is the root (pinned in settings.DEV_KEY_ROOTS_FILE, outside the
    database, as `first_legal_officer` pins it in production) and endorses the supervisor's.
    Also the recovery key, its private half in a file printed here."""
    person = PersonKey.objects.filter(user=user, own_password=True).first()
    private = session.unlock(user, password) if person else None
    private = private or recipients.new_own_key(user, password)
    person = PersonKey.objects.get(user=user)
    if roles.in_group(user, LEGAL_AFFAIRS):
        root = recipients.root_of(person)
        pin = Path(settings.PRIVATE_MEDIA_ROOT) / settings.DEV_KEY_ROOTS_FILE.name
        if root not in settings.COMPLAINT_KEY_ROOTS:
            settings.COMPLAINT_KEY_ROOTS = [root]
            pin.parent.mkdir(parents=True, exist_ok=True)
            pin.write_text(root + "\n", encoding="utf-8")
        stdout.write(f"    complaint key root pinned in {pin}")
        _recovery_key(stdout)
        return
    officer = recipients.legal_keys().exclude(user=user).first()
    if officer is not None:
        opened = session.unlock(officer.user, password)
        ring = keys.Keyring(user_id=officer.user_id, _private=opened)
        recipients.endorse(person, ring=ring)


def _recovery_key(stdout):
    path = Path(settings.PRIVATE_MEDIA_ROOT) / "dev-recovery-key.txt"
    if not RecoveryKey.objects.filter(is_current=True).exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            call_command("complaint_recovery_key", stdout=out)
    stdout.write(f"    complaint recovery key (its private half, demo only): {path}")


def load(stdout):
    for fiscal_year, round_months in SEED_STATEMENTS:
        HistoricalFigures.objects.get_or_create(fiscal_year=fiscal_year, round=round_months, defaults={
            "received": 0, "concluded": 0, "in_progress": 0, "source": SEED_SOURCE,
            "stated_on": datetime.date(2020, 4, 30)})
    # Last fiscal year's complaints handled on paper, as the legal-affairs unit states them after
    # the year ends: the statistics of the year before always have figures, whatever the day.
    previous = current_fiscal_year() - 1
    full_year = HistoricalFigures.Round.FULL_YEAR
    HistoricalFigures.objects.get_or_create(fiscal_year=previous, round=full_year, defaults={
        "received": 2, "concluded": 2, "in_progress": 0, "stated_on": day_in(previous + 1, 15),
        "source": "ตัวอย่าง: รายงานสรุปเรื่องร้องเรียนที่รับทางหนังสือของฝ่ายนิติการ"})
    if CorruptionReport.objects.filter(is_sample=True).exists():
        stdout.write(f"เรื่องร้องเรียนตัวอย่างมีอยู่แล้ว รหัสติดตามตัวอย่าง: {crypto.format_receipt(demo_receipt())}")
        return
    today = timezone.localdate()
    for index, (days_ago, category, channel, description, steps, message) in enumerate(SAMPLES):
        report, _receipt = services.file_report(
            category=category, channel=channel, description=description, when_where="ตัวอย่าง",
            received_on=today - datetime.timedelta(days=days_ago), is_sample=True,
            receipt=demo_receipt() if index == 1 else None,
        )
        for step in steps:
            outcome = "duplicate" if step == Status.REJECTED else ""
            report.transition(step, by=None, public_note="ตัวอย่าง: ขั้นตอนการดำเนินการ", outcome=outcome)
        if message:
            services.add_message(report, ReportMessage.Kind.TO_REPORTER, message)
    stdout.write(f"เรื่องร้องเรียนตัวอย่าง {len(SAMPLES)} เรื่อง")
    stdout.write(f"รหัสติดตามตัวอย่าง (ใช้ที่ /complaints/track/): {crypto.format_receipt(demo_receipt())}")
