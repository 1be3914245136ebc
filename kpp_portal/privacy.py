"""What the portal's privacy notice (/privacy/) says about each channel that collects personal data.

One entry per form a citizen can fill in: what it collects, why, how long it is kept (read from
the retention settings, so the notice cannot drift from what the purge commands do) and who
reads it. A new channel that collects personal data adds its entry here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass
class Channel:
    name: str
    url: str
    collects: str
    purpose: str
    retention: str
    readers: str


def _days(days):
    years, rest = divmod(days, 365)
    if years and not rest:
        return _("%(years)s ปี") % {"years": years}
    return _("%(days)s วัน") % {"days": days}


def channels():
    contact_days = _days(settings.PARTICIPATION_CONTACT_RETENTION_DAYS)
    return [
        Channel(
            _("แจ้งเรื่องร้องเรียนการทุจริต"),
            reverse("complaints:index"),
            _(
                "รายละเอียดเรื่อง เจ้าหน้าที่ที่ถูกร้องเรียน เวลาและสถานที่ ไฟล์หลักฐาน (ลบข้อมูลแฝงในไฟล์ เช่น ตำแหน่ง GPS "
                "และชื่อผู้สร้างเอกสาร ก่อนบันทึก) ชื่อและช่องทางติดต่อเฉพาะเมื่อผู้แจ้งเลือกให้ ไม่บันทึกหมายเลข IP "
                "หรือข้อมูลเบราว์เซอร์"
            ),
            _("ตรวจสอบข้อเท็จจริงและดำเนินการตามกฎหมายว่าด้วยการป้องกันและปราบปรามการทุจริต และแจ้งผลให้ผู้แจ้งทราบ"),
            _("เก็บแบบเข้ารหัส เมื่อยุติเรื่องแล้ว %(period)s ระบบลบเนื้อหาและข้อมูลผู้แจ้งออก คงไว้เฉพาะตัวเลขสถิติ")
            % {"period": _days(settings.COMPLAINT_RETENTION_DAYS)},
            _("เฉพาะฝ่ายนิติการ และผู้บังคับบัญชาที่ได้รับรายงานเรื่องนั้น ทุกการเปิดดูถูกบันทึกไว้"),
        ),
        Channel(
            _("แสดงความคิดเห็น/ติดต่อเสนอแนะทั่วไป"),
            reverse("feedback:index"),
            _("เรื่องที่ติดต่อ ข้อความ และชื่อ อีเมล โทรศัพท์ (ไม่บังคับ)"),
            _("พิจารณาและตอบเรื่องที่ท่านติดต่อ"),
            _("ชื่อและช่องทางติดต่อถูกลบเมื่อตอบหรือปิดเรื่องแล้ว %(period)s ข้อความเก็บเป็นหลักฐานการดำเนินงาน")
            % {"period": contact_days},
            _("งานธุรการของเทศบาล"),
        ),
        Channel(
            _("ความคิดเห็นต่อเรื่องที่เทศบาลเปิดรับฟัง"),
            reverse("committees:consultations"),
            _("ความคิดเห็น ชื่อ (ไม่บังคับ แสดงพร้อมความคิดเห็นที่เผยแพร่) และช่องทางติดต่อ (ไม่บังคับ ไม่เผยแพร่)"),
            _("ประกอบการตัดสินใจของเทศบาลและเผยแพร่ผลการรับฟังความคิดเห็น"),
            _("ช่องทางติดต่อถูกลบเมื่อครบ %(period)s ความคิดเห็นที่เผยแพร่แล้วคงอยู่เป็นบันทึกสาธารณะ")
            % {"period": contact_days},
            _("งานธุรการตรวจก่อนเผยแพร่ ช่องทางติดต่อเห็นเฉพาะเจ้าหน้าที่"),
        ),
        Channel(
            _("กระดานถาม-ตอบ"),
            reverse("municipality:questions"),
            _("คำถาม และชื่อผู้ถาม (ไม่บังคับ แสดงพร้อมคำถาม)"),
            _("ตอบคำถามและเผยแพร่คำตอบให้ผู้อื่นได้ประโยชน์"),
            _("คำถามที่ตอบแล้วเผยแพร่เป็นบันทึกสาธารณะ ขอให้ลบชื่อได้ตามช่องทางติดต่อด้านล่าง"),
            _("งานธุรการและผู้ดูแลเนื้อหาของเทศบาล"),
        ),
        Channel(
            _("ความคิดเห็นต่อร่างขอบเขตของงาน (TOR)"),
            reverse("procurement:announcements"),
            _("ความคิดเห็น ชื่อและช่องทางติดต่อ (ไม่บังคับ)"),
            _("ปรับปรุงร่างขอบเขตของงานตามระเบียบการจัดซื้อจัดจ้างและชี้แจงผล"),
            _("เก็บพร้อมแฟ้มการจัดซื้อจัดจ้างตามระยะเวลาเก็บเอกสารของทางราชการ"),
            _("เฉพาะเจ้าหน้าที่พัสดุ"),
        ),
    ]
