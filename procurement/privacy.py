"""What the privacy notice (/privacy/) says about comments on draft terms of reference (TOR)."""
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.privacy import Channel


def channels():
    return [
        Channel(
            _("ความคิดเห็นต่อร่างขอบเขตของงาน (TOR)"),
            reverse("procurement:announcements"),
            _("ความคิดเห็น ชื่อและช่องทางติดต่อ (ไม่บังคับ)"),
            _("ปรับปรุงร่างขอบเขตของงานตามระเบียบการจัดซื้อจัดจ้างและชี้แจงผล"),
            _("เก็บพร้อมแฟ้มการจัดซื้อจัดจ้างตามระยะเวลาเก็บเอกสารของทางราชการ"),
            _("เฉพาะเจ้าหน้าที่พัสดุ"),
        ),
    ]
