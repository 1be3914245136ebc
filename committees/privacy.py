"""What the privacy notice (/privacy/) says about opinions on public consultations."""
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.privacy import Channel


def channels():
    return [
        Channel(
            _("ความคิดเห็นต่อเรื่องที่เทศบาลเปิดรับฟัง"),
            reverse("committees:consultations"),
            _("ความคิดเห็น ชื่อ (ไม่บังคับ แสดงพร้อมความคิดเห็นที่เผยแพร่) และช่องทางติดต่อ (ไม่บังคับ ไม่เผยแพร่)"),
            _("ประกอบการตัดสินใจของเทศบาลและเผยแพร่ผลการรับฟังความคิดเห็น"),
            _("ช่องทางติดต่อถูกลบเมื่อครบ %(period)s ความคิดเห็นที่เผยแพร่แล้วคงอยู่เป็นบันทึกสาธารณะ"),
            _("งานธุรการตรวจก่อนเผยแพร่ ช่องทางติดต่อเห็นเฉพาะเจ้าหน้าที่"),
            keeps_days=settings.PARTICIPATION_CONTACT_RETENTION_DAYS,
        ),
    ]
