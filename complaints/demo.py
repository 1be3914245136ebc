"""Sample corruption reports for a newcomer's laptop, filed through the same code path as the
public form. All invented and marked ตัวอย่าง; no real person is named. The seed document's
statement (FY 2562 full year and FY 2563 first half: no complaints) is entered as the
legal-affairs unit would, as stated figures, so /complaints/stats/ prints those zeros and no other."""
import datetime
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from kpp_portal.demo import day_in
from kpp_portal.thai import current_fiscal_year

from . import crypto, services
from .models import Category, Channel, CorruptionReport, HistoricalFigures, ReportMessage, Status

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
    now = timezone.now()
    for index, (days_ago, category, channel, description, steps, message) in enumerate(SAMPLES):
        report, _receipt = services.file_report(
            category=category, channel=channel, description=description, when_where="ตัวอย่าง",
            received_at=now - datetime.timedelta(days=days_ago), is_sample=True,
            receipt=demo_receipt() if index == 1 else None,
        )
        for step in steps:
            outcome = "duplicate" if step == Status.REJECTED else ""
            report.transition(step, by=None, public_note="ตัวอย่าง: ขั้นตอนการดำเนินการ", outcome=outcome)
        if message:
            services.add_message(report, ReportMessage.Kind.TO_REPORTER, message)
    stdout.write(f"เรื่องร้องเรียนตัวอย่าง {len(SAMPLES)} เรื่อง")
    stdout.write(f"รหัสติดตามตัวอย่าง (ใช้ที่ /complaints/track/): {crypto.format_receipt(demo_receipt())}")
