"""E-Service demo: two units, four services (a general petition, an official-information
request, a public-works fault report with location and photos, a building-permit
pre-application), the public holidays of 2569, the legal grounds of sections 14 and 15 of the
Official Information Act with the appeal route, and a few sample requests in every state.
Idempotent. The requests are marked as samples; the holiday list must be checked against the
cabinet's announcement before real use."""
import datetime
import io

from django.utils import timezone
from PIL import Image

from disclosures.models import Document
from kpp_portal.demo import sample_pdf
from kpp_portal.uploads import PreparedFile

from . import personal_data, submission
from .models import (
    UNIT_GROUP_PREFIX,
    AppealRoute,
    FieldKind,
    Holiday,
    Outcome,
    RefusalGround,
    RequestType,
    ServiceRequest,
    ServiceUnit,
)
from .workdays import WorkingCalendar

SAMPLE = "(ตัวอย่าง)"

UNITS = (("สำนักปลัดเทศบาล", 1), ("กองช่าง", 2))
# demo_accounts logs one officer into each unit's queue (each sees only its own unit's requests).
ACCOUNTS = (("office", f"{UNIT_GROUP_PREFIX}สำนักปลัดเทศบาล"), ("works", f"{UNIT_GROUP_PREFIX}กองช่าง"))

# วันหยุดราชการประจำปี พ.ศ. 2569 (ค.ศ. 2026) as announced for government offices; a
# municipality checks it against the cabinet's announcement (and adds วันพืชมงคล, whose date
# is set each year) in Admin › วันหยุดราชการ.
HOLIDAYS_2569 = (
    ("2026-01-01", "วันขึ้นปีใหม่"),
    ("2026-03-03", "วันมาฆบูชา"),
    ("2026-04-06", "วันพระบาทสมเด็จพระพุทธยอดฟ้าจุฬาโลกมหาราชและวันที่ระลึกมหาจักรีบรมราชวงศ์"),
    ("2026-04-13", "วันสงกรานต์"),
    ("2026-04-14", "วันสงกรานต์"),
    ("2026-04-15", "วันสงกรานต์"),
    ("2026-05-04", "วันฉัตรมงคล"),
    ("2026-06-01", "ชดเชยวันวิสาขบูชา (ตรงกับวันอาทิตย์ที่ 31 พฤษภาคม)"),
    ("2026-06-03", "วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าฯ พระบรมราชินี"),
    ("2026-07-28", "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว"),
    ("2026-07-29", "วันอาสาฬหบูชา"),
    ("2026-07-30", "วันเข้าพรรษา"),
    ("2026-08-12", "วันเฉลิมพระชนมพรรษาสมเด็จพระบรมราชชนนีพันปีหลวงและวันแม่แห่งชาติ"),
    ("2026-10-13", "วันนวมินทรมหาราช"),
    ("2026-10-23", "วันปิยมหาราช"),
    ("2026-12-07", "ชดเชยวันพ่อแห่งชาติ (ตรงกับวันเสาร์ที่ 5 ธันวาคม)"),
    ("2026-12-10", "วันรัฐธรรมนูญ"),
    ("2026-12-31", "วันสิ้นปี"),
)

APPEAL = {
    "title": "อุทธรณ์ต่อคณะกรรมการวินิจฉัยการเปิดเผยข้อมูลข่าวสาร",
    "instructions": (
        "ผู้ขอมีสิทธิอุทธรณ์คำสั่งมิให้เปิดเผยข้อมูลข่าวสารตามมาตรา 14 หรือมาตรา 15 ต่อคณะกรรมการวินิจฉัย"
        "การเปิดเผยข้อมูลข่าวสาร (มาตรา 18) โดยทำเป็นหนังสือ ระบุคำสั่งที่อุทธรณ์และเหตุผล ยื่นต่อ"
        "สำนักงานคณะกรรมการข้อมูลข่าวสารของราชการ สำนักงานปลัดสำนักนายกรัฐมนตรี หรือยื่นผ่านเทศบาล"
    ),
    "days_to_appeal": 15,
    "url": "https://www.oic.go.th/",
}

GROUNDS = (
    ("มาตรา 14", "อาจก่อความเสียหายต่อสถาบันพระมหากษัตริย์",
     "ข้อมูลข่าวสารของราชการที่อาจก่อให้เกิดความเสียหายต่อสถาบันพระมหากษัตริย์จะเปิดเผยมิได้"),
    ("มาตรา 15 (1)", "ความมั่นคงของประเทศ",
     "การเปิดเผยจะก่อให้เกิดความเสียหายต่อความมั่นคงของประเทศ ความสัมพันธ์ระหว่างประเทศ "
     "หรือความมั่นคงในทางเศรษฐกิจหรือการคลังของประเทศ"),
    ("มาตรา 15 (2)", "การบังคับใช้กฎหมาย",
     "การเปิดเผยจะทำให้การบังคับใช้กฎหมายเสื่อมประสิทธิภาพ หรือไม่อาจสำเร็จตามวัตถุประสงค์ได้"),
    ("มาตรา 15 (3)", "ความเห็นหรือคำแนะนำภายใน",
     "ความเห็นหรือคำแนะนำภายในหน่วยงานของรัฐในการดำเนินการเรื่องหนึ่งเรื่องใด ไม่รวมถึงรายงานทางวิชาการ "
     "รายงานข้อเท็จจริง หรือข้อมูลข่าวสารที่นำมาใช้ในการทำความเห็นหรือคำแนะนำภายในดังกล่าว"),
    ("มาตรา 15 (4)", "อันตรายต่อชีวิตหรือความปลอดภัยของบุคคล",
     "การเปิดเผยจะก่อให้เกิดอันตรายต่อชีวิตหรือความปลอดภัยของบุคคลหนึ่งบุคคลใด"),
    ("มาตรา 15 (5)", "ข้อมูลส่วนบุคคล",
     "รายงานการแพทย์หรือข้อมูลข่าวสารส่วนบุคคลซึ่งการเปิดเผยจะเป็นการรุกล้ำสิทธิส่วนบุคคลโดยไม่สมควร"),
    ("มาตรา 15 (6)", "กฎหมายคุ้มครองหรือผู้ให้ข้อมูลไม่ประสงค์ให้เปิดเผย",
     "ข้อมูลข่าวสารของราชการที่มีกฎหมายคุ้มครองมิให้เปิดเผย หรือข้อมูลข่าวสารที่มีผู้ให้มาโดยไม่ประสงค์"
     "ให้ทางราชการนำไปเปิดเผยต่อผู้อื่น"),
    ("มาตรา 15 (7)", "กรณีอื่นตามพระราชกฤษฎีกา", "กรณีอื่นตามที่กำหนดในพระราชกฤษฎีกา"),
)

PDPA_GENERAL = (
    "เทศบาลเก็บชื่อ ช่องทางติดต่อ และข้อมูลในคำร้องเพื่อพิจารณาและตอบคำร้องนี้เท่านั้น (ฐานการปฏิบัติหน้าที่"
    "ในการใช้อำนาจรัฐ) ผู้เห็นคำร้องคือเจ้าหน้าที่ของหน่วยงานที่รับผิดชอบ เก็บเป็นหลักฐานการให้บริการตามระยะเวลา"
    "เก็บเอกสารของทางราชการ ท่านขอดู แก้ไข หรือขอลบข้อมูลของท่านได้โดยติดต่อเทศบาล"
)
PDPA_INFORMATION = (
    "เทศบาลเก็บชื่อและช่องทางติดต่อเพื่อส่งข้อมูลข่าวสารที่ขอและแจ้งผลการพิจารณาเท่านั้น เรื่องที่ขอ "
    "(หลังเจ้าหน้าที่ตัดข้อมูลส่วนบุคคลออก) วันที่ และผลการพิจารณา แสดงในทะเบียนคำขอข้อมูลข่าวสารสาธารณะ "
    "โดยไม่แสดงชื่อหรือช่องทางติดต่อของท่าน และท่านเลือกไม่ให้แสดงได้"
)
PDPA_FAULT = (
    "เทศบาลใช้ตำแหน่ง ภาพถ่าย และช่องทางติดต่อ (ถ้าให้) เพื่อออกไปตรวจและซ่อมแซมจุดที่แจ้งเท่านั้น ภาพถ่าย"
    "ถูกลบข้อมูลที่ซ่อนในภาพก่อนบันทึก ผู้เห็นคือเจ้าหน้าที่กองช่าง ไม่ต้องระบุชื่อ"
)
PDPA_PERMIT = (
    "เทศบาลใช้ชื่อ ที่อยู่ ที่ตั้งอาคาร และเอกสารที่แนบเพื่อตรวจความครบถ้วนของคำขออนุญาตก่อสร้างเบื้องต้นเท่านั้น "
    "ตามพระราชบัญญัติควบคุมอาคาร พ.ศ. 2522 ผู้เห็นคือเจ้าหน้าที่กองช่าง เก็บไว้ตามอายุของเรื่องอนุญาตก่อสร้าง"
)

# (slug, title, summary, unit, days, information?, name required, details label, details help,
#  documents, form document title, manual document title, PDPA,
#  fields [(kind, label, required, help[, options one a line])])
TYPES = (
    ("general-petition", "คำร้องทั่วไป", "ยื่นคำร้องขอรับความช่วยเหลือหรือขอให้เทศบาลดำเนินการในเรื่องทั่วไป",
     "สำนักปลัดเทศบาล", 15, False, True, "รายละเอียดคำร้อง", "สิ่งที่ต้องการให้เทศบาลดำเนินการ และเหตุผล",
     "สำเนาบัตรประจำตัวประชาชน (ถ้ามี)\nเอกสารประกอบคำร้อง (ถ้ามี)",
     "แบบคำร้องขอรับความช่วยเหลือทั่วไป", None, PDPA_GENERAL,
     ((FieldKind.PHONE, "โทรศัพท์ที่ติดต่อได้", True, ""),
      (FieldKind.EMAIL, "อีเมล (ไม่บังคับ)", False, ""),
      (FieldKind.LOCATION, "ที่อยู่ที่ติดต่อได้", False, ""),
      (FieldKind.ATTACHMENTS, "เอกสารประกอบ", False, ""))),
    ("information-request", "คำขอข้อมูลข่าวสารของราชการ (มาตรา 11)",
     "ขอดูหรือขอสำเนาข้อมูลข่าวสารที่อยู่ในความครอบครองของเทศบาล ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
     "สำนักปลัดเทศบาล", 15, True, True, "ข้อมูลข่าวสารที่ต้องการ",
     "ระบุให้เข้าใจได้ว่าต้องการข้อมูลใด เช่น ชื่อเอกสาร โครงการ หรือช่วงเวลา", "", None, None, PDPA_INFORMATION,
     ((FieldKind.TEXT, "รูปแบบที่ต้องการ", False, "เช่น สำเนา PDF ทางอีเมล หรือมารับสำเนาด้วยตนเอง"),
      (FieldKind.EMAIL, "อีเมลสำหรับรับข้อมูล", False, ""),
      (FieldKind.PHONE, "โทรศัพท์ (ไม่บังคับ)", False, ""))),
    ("public-works-fault", "แจ้งเหตุไฟฟ้าส่องสว่าง ท่อระบายน้ำ หรือถนนชำรุด",
     "แจ้งจุดที่ไฟฟ้าส่องสว่างดับ ท่อระบายน้ำอุดตัน หรือถนนชำรุด พร้อมตำแหน่งและภาพถ่าย",
     "กองช่าง", 7, False, False, "ลักษณะความชำรุด", "เช่น ไฟดับทั้งแนว 3 ต้น ท่อระบายน้ำมีน้ำขังหลังฝนตก", "", None,
     None, PDPA_FAULT,
     ((FieldKind.CHOICE, "ประเภทเหตุ", True, "", "ไฟฟ้าส่องสว่าง\nท่อระบายน้ำ\nถนน\nอื่น ๆ"),
      (FieldKind.LOCATION, "จุดที่พบ (ถนน ซอย จุดสังเกต)", True, ""),
      (FieldKind.PHOTOS, "ภาพถ่ายจุดที่ชำรุด", False, ""),
      (FieldKind.DATE, "วันที่พบ", False, ""),
      (FieldKind.PHONE, "โทรศัพท์ (ไม่บังคับ)", False, ""),
      (FieldKind.EMAIL, "อีเมล (ไม่บังคับ)", False, ""))),
    ("building-permit-precheck", "ยื่นคำขออนุญาตก่อสร้างอาคารล่วงหน้า (ตรวจเอกสารเบื้องต้น)",
     "ส่งแบบแปลนและเอกสารให้กองช่างตรวจความครบถ้วนก่อนมายื่นคำขออนุญาตก่อสร้างที่สำนักงาน ลดการเดินทางไปมา",
     "กองช่าง", 5, False, True, "รายละเอียดอาคารที่จะก่อสร้าง", "ชนิดอาคาร จำนวนชั้น พื้นที่ใช้สอยโดยประมาณ",
     "แบบคำขออนุญาตก่อสร้างอาคาร (แบบ ข.1)\nสำเนาโฉนดที่ดินหรือเอกสารสิทธิ์\nแบบแปลนและแผนผังบริเวณ\n"
     "สำเนาบัตรประจำตัวประชาชนและทะเบียนบ้าน\nหนังสือยินยอมให้ก่อสร้างในที่ดิน (กรณีไม่ใช่เจ้าของที่ดิน)",
     None, "คู่มือสำหรับประชาชน การขออนุญาตก่อสร้างอาคาร", PDPA_PERMIT,
     ((FieldKind.LOCATION, "ที่ตั้งอาคารที่จะก่อสร้าง", True, ""),
      (FieldKind.PHONE, "โทรศัพท์ที่ติดต่อได้", True, ""),
      (FieldKind.EMAIL, "อีเมล (ไม่บังคับ)", False, ""),
      (FieldKind.DATE, "วันที่ประสงค์จะเริ่มก่อสร้าง", False, ""),
      (FieldKind.ATTACHMENTS, "แบบแปลนและเอกสารประกอบ", True, ""))),
)

# The questions' English labels and hints (the English site shows them).
ENGLISH = {
    "รายละเอียดคำร้อง": "Your petition",
    "สิ่งที่ต้องการให้เทศบาลดำเนินการ และเหตุผล": "What you ask the municipality to do, and why",
    "ข้อมูลข่าวสารที่ต้องการ": "Information requested",
    "ระบุให้เข้าใจได้ว่าต้องการข้อมูลใด เช่น ชื่อเอกสาร โครงการ หรือช่วงเวลา":
        "Say clearly which information you want, e.g. a document's title, a project or a period",
    "ลักษณะความชำรุด": "What is broken",
    "เช่น ไฟดับทั้งแนว 3 ต้น ท่อระบายน้ำมีน้ำขังหลังฝนตก":
        "e.g. three street lights out in a row, a drain that floods after rain",
    "รายละเอียดอาคารที่จะก่อสร้าง": "The building you plan",
    "ชนิดอาคาร จำนวนชั้น พื้นที่ใช้สอยโดยประมาณ": "Kind of building, number of floors, approximate floor area",
    "โทรศัพท์ที่ติดต่อได้": "Phone number", "อีเมล (ไม่บังคับ)": "E-mail (optional)",
    "ที่อยู่ที่ติดต่อได้": "Contact address", "เอกสารประกอบ": "Supporting documents",
    "รูปแบบที่ต้องการ": "Form wanted", "เช่น สำเนา PDF ทางอีเมล หรือมารับสำเนาด้วยตนเอง":
        "e.g. a PDF copy by e-mail, or a paper copy collected in person",
    "อีเมลสำหรับรับข้อมูล": "E-mail to receive the information", "โทรศัพท์ (ไม่บังคับ)": "Phone (optional)",
    "ประเภทเหตุ": "Kind of fault", "ไฟฟ้าส่องสว่าง ท่อระบายน้ำ หรือถนน": "Street light, drain or road",
    "จุดที่พบ (ถนน ซอย จุดสังเกต)": "Where (road, lane, landmark)", "ภาพถ่ายจุดที่ชำรุด": "Photos of the fault",
    "วันที่พบ": "Date seen", "ที่ตั้งอาคารที่จะก่อสร้าง": "Where the building will stand",
    "วันที่ประสงค์จะเริ่มก่อสร้าง": "Planned start of construction",
    "แบบแปลนและเอกสารประกอบ": "Plans and supporting documents",
}


def _document(title):
    return Document.objects.filter(title__startswith=title).first() if title else None


def _catalogue():
    units = {}
    for name, order in UNITS:
        units[name], _created = ServiceUnit.objects.get_or_create(name=name, defaults={"order": order})
    for day, name in HOLIDAYS_2569:
        Holiday.objects.get_or_create(date=datetime.date.fromisoformat(day), defaults={"name": name})
    appeal, _created = AppealRoute.objects.get_or_create(title=APPEAL["title"], defaults=APPEAL)
    for order, (code, title, text) in enumerate(GROUNDS):
        RefusalGround.objects.get_or_create(
            code=code, defaults={"title": title, "text": text, "appeal": appeal, "order": order})
    types = {}
    for order, (slug, title, summary, unit, days, information, name_required, details_label, details_help,
                documents, form_title, manual_title, pdpa, fields) in enumerate(TYPES):
        request_type, created = RequestType.objects.get_or_create(slug=slug, defaults={
            "title": title, "summary": summary, "unit": units[unit], "time_limit_days": days,
            "is_information_request": information, "name_required": name_required,
            "details_label": details_label, "details_help": details_help, "required_documents": documents,
            "details_label_en": ENGLISH[details_label], "details_help_en": ENGLISH.get(details_help, ""),
            "form_document": _document(form_title), "manual_document": _document(manual_title),
            "pdpa_notice": pdpa, "order": order})
        if created:
            for field_order, (kind, label, required, help_text, *options) in enumerate(fields):
                request_type.fields.create(kind=kind, label=label, required=required, help_text=help_text,
                                           options="".join(options),
                                           label_en=ENGLISH[label], help_text_en=ENGLISH.get(help_text, ""),
                                           order=field_order)
        types[slug] = request_type
    for request_type in personal_data.install(units["สำนักปลัดเทศบาล"], order=len(TYPES)):
        types[request_type.slug] = request_type
    return units, types


def _photo():
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 120, 120)).save(out, "JPEG")
    return PreparedFile("jpeg", out.getvalue(), name="sample.jpg", label="ภาพถ่ายจุดที่ชำรุด")


def _samples(types):
    """Requests in every state the queue shows: overdue, due soon, in progress, closed and
    rated, and an information request answered in part, in the public register."""
    today = timezone.localdate()
    calendar = WorkingCalendar.covering(today - datetime.timedelta(days=60), today)

    def working_days_ago(days):
        """The day with exactly `days` working days after it up to today."""
        day = today
        while days:
            days -= calendar.is_working_day(day)
            day -= datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))

    def submit(slug, days_ago, **fields):
        return submission.submit(types[slug], received_at=working_days_ago(days_ago), is_sample=True,
                                     **fields)[0]

    submit("public-works-fault", 9, subject=f"ไฟฟ้าส่องสว่างดับ ถนนราชดำเนิน {SAMPLE}",
           details="ไฟดับต่อเนื่องสามต้นหน้าตลาด", location_text="ถนนราชดำเนิน หน้าตลาดสด",
           answers=[{"label": "ประเภทเหตุ", "kind": "choice", "value": "ไฟฟ้าส่องสว่าง"}], files=[_photo()])
    submit("general-petition", 14, subject=f"ขอรับการตัดแต่งกิ่งไม้ริมทาง {SAMPLE}",
           details="กิ่งไม้บังป้ายจราจรบริเวณซอย 5", requester_name="ผู้ยื่นตัวอย่าง", phone="0812345678")
    permit = submit("building-permit-precheck", 2, subject=f"ตรวจเอกสารก่อสร้างบ้านพักอาศัย 2 ชั้น {SAMPLE}",
                    details="บ้านพักอาศัยคอนกรีตเสริมเหล็ก 2 ชั้น พื้นที่ 180 ตารางเมตร",
                    requester_name="ผู้ยื่นตัวอย่าง", phone="0812345678", location_text="ตำบลในเมือง")
    permit.reply("ได้รับเอกสารแล้ว อยู่ระหว่างตรวจความครบถ้วน", by=None)
    drain = submit("public-works-fault", 6, subject=f"ท่อระบายน้ำอุดตัน ซอยเทศบาล 3 {SAMPLE}",
                   details="น้ำขังหลังฝนตก", location_text="ซอยเทศบาล 3",
                   answers=[{"label": "ประเภทเหตุ", "kind": "choice", "value": "ท่อระบายน้ำ"}])
    drain.reply("ส่งทีมลอกท่อแล้ว", by=None)
    drain.close(Outcome.COMPLETED, by=None, body="ลอกท่อระบายน้ำเรียบร้อยแล้ว")
    drain.rate(5, "")
    information = submit("information-request", 10, subject=f"ขอสำเนาสัญญาจ้างซ่อมถนนสายหลัก ปี 2569 {SAMPLE}",
                         details="สัญญาจ้างและใบตรวจรับงานซ่อมถนน", requester_name="ผู้ขอตัวอย่าง")
    released = PreparedFile("pdf", sample_pdf(f"สำเนาสัญญาจ้าง (ปกปิดข้อมูลส่วนบุคคล) {SAMPLE}"),
                            name="contract.pdf", label="ไฟล์ข้อมูลข่าวสารที่เปิดเผย")
    information.reply("ส่งสำเนาสัญญาจ้าง โดยปกปิดเลขประจำตัวประชาชนของผู้รับจ้าง", by=None, files=[released],
                      publish_files=True)
    information.close(Outcome.DISCLOSED_PART, by=None, body="เปิดเผยบางส่วน",
                      grounds=list(RefusalGround.objects.filter(code="มาตรา 15 (5)")))
    information.set_register(f"สำเนาสัญญาจ้างซ่อมถนนสายหลัก ปี 2569 {SAMPLE}", True, by=None)


def load(stdout):
    _units, types = _catalogue()
    if not ServiceRequest.objects.filter(is_sample=True).exists():
        _samples(types)
    stdout.write(f"บริการออนไลน์: {len(types)} บริการ, คำร้องตัวอย่าง "
                 f"{ServiceRequest.objects.filter(is_sample=True).count()} เรื่อง")
