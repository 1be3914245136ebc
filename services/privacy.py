"""What the privacy notice (/privacy/) says about the E-Service requests."""
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.privacy import Channel

from .models import RequestType


def channels():
    return [
        Channel(
            _("บริการออนไลน์ (E-Service)"),
            reverse("services:index"),
            _(
                "เรื่องและรายละเอียดคำร้อง ข้อมูลที่บริการนั้นถาม (เช่น ที่อยู่หรือตำแหน่งที่ตั้ง ภาพถ่ายที่ลบข้อมูลตำแหน่งแล้ว "
                "ไฟล์แนบ) ชื่อ โทรศัพท์ และอีเมล รายละเอียดของแต่ละบริการแสดงในแบบคำร้องของบริการนั้น"
            ),
            _("ดำเนินการตามคำร้อง แจ้งความคืบหน้าและผล และทำสถิติการให้บริการโดยไม่มีข้อมูลส่วนบุคคล"),
            _(
                "เก็บเป็นหลักฐานการให้บริการของเทศบาลตามระยะเวลาเก็บเอกสารของทางราชการ "
                "ทะเบียนคำขอข้อมูลข่าวสารที่เผยแพร่ไม่แสดงผู้ยื่น และไม่แสดงคำร้องของผู้ที่ขอไม่ให้แสดง"
            ),
            _("เฉพาะเจ้าหน้าที่ของหน่วยงานที่รับผิดชอบบริการนั้น"),
        ),
    ]


def rights_requests():
    """{right: request form} for the active request types that carry a data subject's right."""
    return {request_type.personal_data_right: request_type.get_absolute_url()
            for request_type in RequestType.objects.active().exclude(personal_data_right="").only(
                "slug", "personal_data_right")}
