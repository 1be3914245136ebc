"""What the privacy notice (/privacy/) says about the questions board."""
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.privacy import Channel


def channels():
    return [
        Channel(
            _("กระดานถาม-ตอบ"),
            reverse("municipality:questions"),
            _("คำถาม และชื่อผู้ถาม (ไม่บังคับ แสดงพร้อมคำถาม)"),
            _("ตอบคำถามและเผยแพร่คำตอบให้ผู้อื่นได้ประโยชน์"),
            _("คำถามที่ตอบแล้วเผยแพร่เป็นบันทึกสาธารณะ ขอให้ลบชื่อได้ตามช่องทางติดต่อด้านล่าง"),
            _("งานธุรการและผู้ดูแลเนื้อหาของเทศบาล"),
        ),
    ]
