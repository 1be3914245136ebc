"""The services a search names, shown above its results. Running it twice changes nothing."""
from django.urls import reverse

from .models import ServiceShortcut

# (title, English title, description, English description, URL name and arguments, keywords)
SHORTCUTS = (
    ("ร้องเรียนการทุจริตและประพฤติมิชอบ", "Report corruption or misconduct",
     "แจ้งเรื่องทุจริตของเจ้าหน้าที่เทศบาล ไม่ต้องระบุชื่อ", "Report a municipal official's wrongdoing, "
     "anonymously if you wish", ("complaints:index",), "ร้องเรียน\nทุจริต\nแจ้งเบาะแส\nประพฤติมิชอบ"),
    ("คำร้องทั่วไป", "General petition", "ยื่นคำร้องขอรับความช่วยเหลือหรือขอให้เทศบาลดำเนินการ",
     "Ask the municipality for help or action", ("services:request_form", "general-petition"),
     "ร้องเรียน\nคำร้อง\nยื่นคำร้อง\nร้องทุกข์"),
    ("แจ้งเหตุไฟฟ้าส่องสว่าง ท่อระบายน้ำ หรือถนนชำรุด", "Report a street light, drain or road fault",
     "แจ้งจุดชำรุดพร้อมตำแหน่งและภาพถ่าย ให้กองช่างไปแก้ไข", "Send the place and a photo to the "
     "works division", ("services:request_form", "public-works-fault"),
     "แจ้งเหตุ\nไฟดับ\nไฟฟ้าส่องสว่าง\nถนนชำรุด\nท่ออุดตัน"),
    ("ขอข้อมูลข่าวสารของราชการ", "Request official information",
     "ขอดูหรือขอสำเนาข้อมูลข่าวสารตามมาตรา 11", "See or copy official information (section 11)",
     ("services:request_form", "information-request"), "ขอข้อมูลข่าวสาร\nขอข้อมูล\nขอสำเนา"),
    ("ชำระภาษีที่ดินและสิ่งปลูกสร้าง ภาษีป้าย", "Paying land, building and signboard tax",
     "เวลาและช่องทางชำระภาษีท้องถิ่น", "When and where to pay local taxes", ("municipality:contact",),
     "จ่ายภาษี\nชำระภาษี\nภาษีที่ดิน\nภาษีป้าย"),
)


def load(stdout):
    for order, (title, title_en, text, text_en, (name, *args), keywords) in enumerate(SHORTCUTS):
        ServiceShortcut.objects.get_or_create(title=title, defaults={
            "title_en": title_en, "description": text, "description_en": text_en,
            "url": reverse(name, args=args), "keywords": keywords, "order": order})
    stdout.write(f"บริการที่แสดงก่อนผลการค้นหา: {len(SHORTCUTS)} รายการ")
