"""What the privacy notice says about the anti-corruption channel, and where it is private.

PRIVATE_PATHS: the channel's addresses, where nothing may outlive the visit: no log line, a CSRF
cookie that ends with the browser session, no shared cached copy (kpp_portal.discovery reads it
for the logging filter, the middleware and the page cache). Within them, CACHED_PAGES are the
same for every visitor and hold nothing personal: the public statistics (cached like any page)
and the entrance and manual (fixed text, kept on the server for a few minutes whatever
PAGE_CACHE_SECONDS says, so the front door stays cheap under load).
"""
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.privacy import Channel

PRIVATE_PATHS = ("/complaints/",)
# {path: None (cached like any public page) or seconds (fixed text: kept that long on the server
# whatever PAGE_CACHE_SECONDS and its own no-store header say)}
CACHED_PAGES = {"/complaints/stats/": None, "/complaints/": 300, "/complaints/manual/": 300}


def channels():
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
            _("เก็บแบบเข้ารหัส เมื่อยุติเรื่องแล้ว %(period)s ระบบลบเนื้อหาและข้อมูลผู้แจ้งออก คงไว้เฉพาะตัวเลขสถิติ"),
            _("เฉพาะฝ่ายนิติการ และผู้บังคับบัญชาที่ได้รับรายงานเรื่องนั้น ทุกการเปิดดูถูกบันทึกไว้"),
            keeps_days=settings.COMPLAINT_RETENTION_DAYS,
        ),
    ]
