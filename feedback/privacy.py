"""What the privacy notice (/privacy/) says about general feedback messages."""
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.privacy import Channel


def channels():
    return [
        Channel(
            _("แสดงความคิดเห็น/ติดต่อเสนอแนะทั่วไป"),
            reverse("feedback:index"),
            _("เรื่องที่ติดต่อ ข้อความ และชื่อ อีเมล โทรศัพท์ (ไม่บังคับ)"),
            _("พิจารณาและตอบเรื่องที่ท่านติดต่อ"),
            _("ชื่อและช่องทางติดต่อถูกลบเมื่อตอบหรือปิดเรื่องแล้ว %(period)s ข้อความเก็บเป็นหลักฐานการดำเนินงาน"),
            _("งานธุรการของเทศบาล"),
            keeps_days=settings.PARTICIPATION_CONTACT_RETENTION_DAYS,
        ),
    ]
