"""What E-Service holds about a person (see kpp_portal.personal_data), and the request types that
carry the rights of a data subject (PDPA 2562), installed by `manage.py setup_personal_data_requests`
and by the demo."""
from kpp_portal.personal_data import is_theirs, matching

from .models import PersonalDataRight, RequestType, ServiceRequest

SECTION = "คำร้องออนไลน์ (E-Service)"
# Thirty days from receipt (s. 30 para. 3, and the other rights by the Committee's rules).
TIME_LIMIT_DAYS = 30
NOTICE = ("เทศบาลใช้ชื่อ อีเมล และโทรศัพท์ที่ท่านให้ไว้เพื่อตรวจสอบตัวตนและดำเนินการตามคำขอใช้สิทธิ "
          "ไม่เก็บสำเนาบัตรประจำตัวประชาชน คำขอเก็บเป็นหลักฐานการดำเนินการตามกฎหมาย")
DETAILS_HELP = ("ระบุข้อมูลหรือช่องทางที่เกี่ยวข้อง เช่น เลขที่คำร้องหรือเลขที่อ้างอิงเดิม "
                "ห้ามแนบภาพบัตรประจำตัวประชาชน เจ้าหน้าที่จะติดต่อเพื่อตรวจสอบตัวตน")
SUMMARIES = {
    PersonalDataRight.ACCESS: "ขอดูและขอรับสำเนาข้อมูลส่วนบุคคลของท่านที่เทศบาลเก็บในเว็บไซต์นี้",
    PersonalDataRight.PORTABILITY: "ขอรับข้อมูลของท่านเป็นไฟล์ที่อ่านได้ด้วยเครื่องมืออัตโนมัติ (JSON)",
    PersonalDataRight.OBJECTION: "คัดค้านการเก็บ ใช้ หรือเปิดเผยข้อมูลส่วนบุคคลของท่าน",
    PersonalDataRight.DELETION: "ขอให้ลบ ทำลาย หรือทำให้ข้อมูลไม่สามารถระบุตัวท่านได้",
    PersonalDataRight.RESTRICTION: "ขอให้ระงับการใช้ข้อมูลส่วนบุคคลของท่านไว้ชั่วคราว",
    PersonalDataRight.CORRECTION: "ขอให้แก้ไขข้อมูลส่วนบุคคลของท่านให้ถูกต้องและเป็นปัจจุบัน",
    PersonalDataRight.WITHDRAWAL: "ถอนความยินยอมที่ให้ไว้ เช่น การรับแจ้งข่าวทางอีเมล",
}


def install(unit, order=200):
    """One request type per right, handled by `unit`; an existing type (by slug) is left as
    staff edited it. Returns the types."""
    types = []
    for offset, right in enumerate(PersonalDataRight):
        request_type, created = RequestType.objects.get_or_create(slug=f"pdpa-{right.value}", defaults={
            "title": f"คำขอใช้สิทธิ: {right.label}", "summary": SUMMARIES[right], "unit": unit,
            "time_limit_days": TIME_LIMIT_DAYS, "counts_calendar_days": True, "personal_data_right": right,
            "name_required": True, "details_label": "ข้อมูลที่ขอใช้สิทธิ",
            "details_label_en": "What your request is about",
            "details_help": DETAILS_HELP, "pdpa_notice": NOTICE, "order": order + offset})
        if created:
            request_type.fields.create(kind="email", label="อีเมลที่ใช้กับเว็บไซต์นี้",
                                       label_en="E-mail you used on this site", order=1)
            request_type.fields.create(kind="phone", label="โทรศัพท์ที่ใช้กับเว็บไซต์นี้",
                                       label_en="Phone number you used on this site", required=True, order=2)
        types.append(request_type)
    return types


def records(email, phone):
    """The requests filed with this e-mail or phone (the personal-data requests themselves too)."""
    rows = ServiceRequest.objects.filter(matching(email, phone, "email", "phone")).select_related(
        "request_type").order_by("received_at")
    return {SECTION: [
        {"reference": row.reference, "type": row.request_type.title, "received_at": row.received_at,
         "subject": row.subject, "details": row.details, "answers": row.answers, "name": row.requester_name,
         "phone": row.phone, "email": row.email, "location": row.location_text,
         "status": row.get_status_display(), "outcome": row.get_outcome_display()}
        for row in rows if is_theirs(email, phone, row.email, row.phone)]}

