"""What the privacy notice (/privacy/) says about e-mail alerts. The alerts' addresses carry the
confirmation and leave tokens in their paths: as private paths, no log line keeps them."""
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.privacy import Channel

PRIVATE_PATHS = ("/alerts/",)


def channels():
    return [
        Channel(
            _("รับแจ้งเตือนทางอีเมล"),
            reverse("alerts:subscribe"),
            _("อีเมล และเรื่องที่ท่านเลือกติดตาม"),
            _("ส่งการแจ้งเตือนรายการใหม่ที่ท่านเลือก ทันทีหรือสรุปรายวัน"),
            _("ลบทันทีเมื่อท่านกดเลิกรับในอีเมลฉบับใดก็ได้ คำขอที่ไม่ได้ยืนยันลบภายใน %(period)s"),
            _("ผู้ดูแลระบบของเทศบาล"),
            keeps_days=settings.ALERTS_UNCONFIRMED_DAYS,
        ),
    ]
