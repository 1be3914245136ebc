"""Sample messages through the general channel, the first of the two channels the seed document's
ITA 2564 analysis asks for ("ช่องทางแรก เป็นการติดต่อ/เสนอแนะเรื่องทั่วไป"), about what the
document says the municipality publishes: the "ซากังราว" newspaper, the service manuals on the
board at the ground-floor information point, and forms to download before coming to the office.
Invented and marked ตัวอย่าง, with no contact details. Filed through FeedbackMessage.submit, as
the public form files them; idempotent by subject."""
import datetime

from django.utils import timezone

from .models import FeedbackKind, FeedbackMessage, FeedbackStatus

SAMPLE = "(ตัวอย่าง)"
# (days ago, kind, subject, message, status, the municipality's reply)
MESSAGES = (
    (12, FeedbackKind.QUESTION, "อ่านหนังสือพิมพ์ \"ซากังราว\" ฉบับย้อนหลังได้ที่ใด",
     "อยากอ่านหนังสือพิมพ์ประชาสัมพันธ์ข่าวสารเทศบาล \"ซากังราว\" ฉบับเดือนก่อน ๆ "
     "มีให้อ่านบนเว็บไซต์หรือต้องไปรับที่สำนักงาน",
     FeedbackStatus.ANSWERED,
     "อ่านฉบับย้อนหลังได้ที่หน้าเอกสารเผยแพร่ของเว็บไซต์นี้ หมวดหนังสือพิมพ์ประชาสัมพันธ์ \"ซากังราว\" "
     "และขอรับฉบับพิมพ์ได้ที่จุดประชาสัมพันธ์ชั้น 1 สำนักงานเทศบาล"),
    (5, FeedbackKind.SUGGESTION, "ขอให้ติดคู่มือการขออนุญาตก่อสร้างอาคารที่จุดบริการกองช่างด้วย",
     "บอร์ดประชาสัมพันธ์ชั้น 1 มีคู่มือสำหรับประชาชนแล้ว แต่ที่จุดบริการของกองช่างยังไม่มี "
     "ผู้มายื่นคำขอต้องเดินกลับไปดูขั้นตอนและเอกสารที่ต้องใช้",
     FeedbackStatus.IN_PROGRESS, ""),
    (1, FeedbackKind.REQUEST, "ขอแบบคำร้องขอรับความช่วยเหลือทั่วไปเป็นไฟล์ที่กรอกบนคอมพิวเตอร์ได้",
     "แบบคำร้องที่ดาวน์โหลดได้เป็นไฟล์ PDF ต้องพิมพ์ออกมาเขียน อยากได้ไฟล์ที่กรอกในเครื่องแล้วพิมพ์ได้เลย",
     FeedbackStatus.RECEIVED, ""),
)


def load(stdout):
    now = timezone.now()
    created = 0
    for days_ago, kind, subject, message, status, reply in MESSAGES:
        subject = f"{subject} {SAMPLE}"
        if FeedbackMessage.objects.filter(subject=subject).exists():
            continue
        sent, _code = FeedbackMessage.submit(kind=kind, subject=subject, message=message)
        sent_at = now - datetime.timedelta(days=days_ago)
        # Sent and answered days ago: written as the admin's reply would leave them.
        FeedbackMessage.objects.filter(pk=sent.pk).update(
            created_at=sent_at, status=status, reply=f"{reply} {SAMPLE}" if reply else "",
            answered_at=sent_at + datetime.timedelta(days=2) if reply else None)
        created += 1
    stdout.write(f"ความคิดเห็น/ข้อเสนอแนะทั่วไปตัวอย่าง: เพิ่ม {created} เรื่อง")
