"""Sample content for the about pages, news and Q&A, so O1–O9 show as met on the checklist.

Built from the seed document; people appear by position only (no real names), and everything
invented says ตัวอย่าง. Running it twice changes nothing."""
import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from kpp_portal.demo import TRAINING_DAY
from kpp_portal.thai import current_fiscal_year, fiscal_year_range

from .models import Division, NewsCategory, NewsItem, Page, Person, Question

SAMPLE = "ข้อมูลตัวอย่าง: ไม่ระบุชื่อบุคคล"

STRUCTURE = [
    ("เทศบาลเมืองกำแพงเพชร (โครงสร้างตัวอย่าง)", Division.Kind.MUNICIPALITY, "ปลัดเทศบาล", [
        ("สำนักปลัดเทศบาล", Division.Kind.OFFICE, "หัวหน้าสำนักปลัดเทศบาล", [
            ("ฝ่ายบริหารงานทั่วไป", Division.Kind.SECTION, "หัวหน้าฝ่ายบริหารงานทั่วไป", [
                ("งานธุรการ", Division.Kind.UNIT, "", []),
                ("งานการเจ้าหน้าที่", Division.Kind.UNIT, "", []),
            ]),
            ("ฝ่ายนิติการ", Division.Kind.SECTION, "หัวหน้าฝ่ายนิติการ", [
                ("งานรับเรื่องร้องเรียนการทุจริต", Division.Kind.UNIT, "", []),
            ]),
            ("ฝ่ายป้องกันและบรรเทาสาธารณภัย", Division.Kind.SECTION, "หัวหน้าฝ่ายป้องกันและบรรเทาสาธารณภัย", []),
        ]),
        ("กองคลัง", Division.Kind.DIVISION, "ผู้อำนวยการกองคลัง", [
            ("ฝ่ายพัสดุและทรัพย์สิน", Division.Kind.SECTION, "หัวหน้าฝ่ายพัสดุและทรัพย์สิน", []),
        ]),
        ("กองช่าง", Division.Kind.DIVISION, "ผู้อำนวยการกองช่าง", []),
        ("กองสาธารณสุขและสิ่งแวดล้อม", Division.Kind.DIVISION, "ผู้อำนวยการกองสาธารณสุขและสิ่งแวดล้อม", [
            ("งานระบบบำบัดน้ำเสีย", Division.Kind.UNIT, "", []),
        ]),
        ("กองการศึกษา", Division.Kind.DIVISION, "ผู้อำนวยการกองการศึกษา", []),
        ("กองยุทธศาสตร์และงบประมาณ", Division.Kind.DIVISION, "ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ", [
            ("งานประชาสัมพันธ์", Division.Kind.UNIT, "", []),
        ]),
        ("กองสวัสดิการสังคม", Division.Kind.DIVISION, "ผู้อำนวยการกองสวัสดิการสังคม", []),
        ("หน่วยตรวจสอบภายใน", Division.Kind.OTHER, "", []),
    ]),
]

PEOPLE = [
    (Person.Body.EXECUTIVE, "นายกเทศมนตรีเมืองกำแพงเพชร"),
    (Person.Body.EXECUTIVE, "รองนายกเทศมนตรี (คนที่ 1)"),
    (Person.Body.EXECUTIVE, "รองนายกเทศมนตรี (คนที่ 2)"),
    (Person.Body.EXECUTIVE, "เลขานุการนายกเทศมนตรี"),
    (Person.Body.EXECUTIVE, "ที่ปรึกษานายกเทศมนตรี"),
    (Person.Body.COUNCIL, "ประธานสภาเทศบาล"),
    (Person.Body.COUNCIL, "รองประธานสภาเทศบาล"),
    (Person.Body.COUNCIL, "เลขานุการสภาเทศบาล"),
    (Person.Body.COUNCIL, "สมาชิกสภาเทศบาล เขต 1"),
    (Person.Body.COUNCIL, "สมาชิกสภาเทศบาล เขต 2"),
    (Person.Body.COUNCIL, "สมาชิกสภาเทศบาล เขต 3"),
    (Person.Body.OFFICIAL, "ปลัดเทศบาล"),
    (Person.Body.OFFICIAL, "รองปลัดเทศบาล"),
]

POWERS = (
    """เทศบาลเมืองกำแพงเพชรมีอำนาจหน้าที่ตามพระราชบัญญัติเทศบาล พ.ศ. 2496 """
    """และพระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น พ.ศ. 2542 โดยสรุปดังนี้

หน้าที่ที่ต้องทำในเขตเทศบาล (มาตรา 50 และมาตรา 53 แห่งพระราชบัญญัติเทศบาล พ.ศ. 2496)
- รักษาความสงบเรียบร้อยของประชาชน
- ให้มีและบำรุงทางบกและทางน้ำ
- รักษาความสะอาดของถนนหรือทางเดินและที่สาธารณะ รวมทั้งการกำจัดมูลฝอยและสิ่งปฏิกูล
- ป้องกันและระงับโรคติดต่อ
- ให้มีเครื่องใช้ในการดับเพลิง
- ให้ราษฎรได้รับการศึกษาอบรม
- ส่งเสริมการพัฒนาสตรี เด็ก เยาวชน ผู้สูงอายุ และผู้พิการ
- บำรุงศิลปะ จารีตประเพณี ภูมิปัญญาท้องถิ่น และวัฒนธรรมอันดีของท้องถิ่น
- ให้มีน้ำสะอาดหรือการประปา โรงฆ่าสัตว์ ทางระบายน้ำ และสุขาและส้วมสาธารณะ

การเผยแพร่ข้อมูลข่าวสารและการมีส่วนร่วม
เทศบาลเปิดเผยข้อมูลข่าวสารตามพระราชบัญญัติข้อมูลข่าวสารของทางราชการ พ.ศ. 2540 """
    """และพระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546 """
    """และจัดเวทีประชาคมเพื่อรับฟังความคิดเห็นของประชาชน"""
)

LAWS = """กฎหมายหลักที่เทศบาลเมืองกำแพงเพชรใช้ในการปฏิบัติงาน

- พระราชบัญญัติเทศบาล พ.ศ. 2496 และที่แก้ไขเพิ่มเติม
- พระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น พ.ศ. 2542
- พระราชบัญญัติข้อมูลข่าวสารของทางราชการ พ.ศ. 2540
- พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546
- พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560
- พระราชบัญญัติประกอบรัฐธรรมนูญว่าด้วยการป้องกันและปราบปรามการทุจริต พ.ศ. 2561
- พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562

อ่านตัวบทกฎหมายฉบับเต็มได้จากแหล่งทางการด้านล่าง"""

ETHICS_CODE = """ตัวอย่าง: เทศบาลเผยแพร่ประมวลจริยธรรมฉบับที่ประกาศใช้จริงแทนข้อความนี้

มาตรฐานทางจริยธรรมตามพระราชบัญญัติมาตรฐานทางจริยธรรม พ.ศ. 2562 มาตรา 5
- ยึดมั่นในสถาบันหลักของประเทศ อันได้แก่ ชาติ ศาสนา พระมหากษัตริย์ และการปกครองระบอบประชาธิปไตยอันมีพระมหากษัตริย์ทรงเป็นประมุข
- ซื่อสัตย์สุจริต มีจิตสำนึกที่ดี และรับผิดชอบต่อหน้าที่
- กล้าตัดสินใจและกระทำในสิ่งที่ถูกต้องชอบธรรม
- คิดถึงประโยชน์ส่วนรวมมากกว่าประโยชน์ส่วนตัว และมีจิตสาธารณะ
- มุ่งผลสัมฤทธิ์ของงาน
- ปฏิบัติหน้าที่อย่างเป็นธรรมและไม่เลือกปฏิบัติ
- ดำรงตนเป็นแบบอย่างที่ดีและรักษาภาพลักษณ์ของทางราชการ"""

ETHICS_GUIDE = """ตัวอย่าง: เทศบาลปรับรายการนี้ให้ตรงกับประมวลจริยธรรมที่ประกาศใช้

ควรทำ (Do's)
- ให้บริการประชาชนตามลำดับคำขอและตามคู่มือการให้บริการ
- ปฏิเสธของขวัญจากผู้มาติดต่อ และแจ้งนโยบาย No Gift Policy
- รายงานผู้บังคับบัญชาเมื่อมีผลประโยชน์ทับซ้อนในเรื่องที่ได้รับมอบหมาย

ไม่ควรทำ (Don'ts)
- รับเงินหรือประโยชน์เพื่อเร่งหรือเปลี่ยนผลการพิจารณา
- ใช้ทรัพย์สินของทางราชการเพื่อประโยชน์ส่วนตัว
- เปิดเผยข้อมูลส่วนบุคคลของประชาชนโดยไม่มีอำนาจ"""

LAW_SOURCES = [
    ("ระบบกลางทางกฎหมาย (ค้นหาตัวบทกฎหมายทุกฉบับ)", "https://www.law.go.th/"),
    ("สำนักงานคณะกรรมการกฤษฎีกา", "https://www.krisdika.go.th/"),
    ("สำนักงานคณะกรรมการข้อมูลข่าวสารของราชการ", "https://www.oic.go.th/"),
]

CATEGORIES = [("ข่าวกิจกรรม", "activities"), ("ประกาศ", "announcements")]


def _news(now):
    """(slug, category, title, summary, body, publish_at): recent fiscal years and 2564, one scheduled."""
    start, _end = fiscal_year_range(current_fiscal_year())
    previous_year = timezone.make_aware(
        datetime.datetime.combine(start, datetime.time(10))
    ) - datetime.timedelta(days=60)
    return [
        ("community-forum", "activities", "เทศบาลจัดเวทีประชาคมรับฟังความคิดเห็นประชาชน (ตัวอย่าง)",
         "รับฟังความคิดเห็น ปัญหา และความต้องการของประชาชนเพื่อนำไปจัดทำแผนพัฒนาเทศบาล",
         "เทศบาลเมืองกำแพงเพชรจัดเวทีประชาคมร่วมกับผู้แทนชุมชน ส่วนราชการ และผู้ทรงคุณวุฒิ "
         "เพื่อรับฟังความคิดเห็น แลกเปลี่ยนปัญหา และความต้องการของประชาชนในเขตเทศบาล\n\n"
         "ข้อมูลที่ได้จะนำไปใช้ในการจัดทำแผนพัฒนาเทศบาลต่อไป (ข่าวตัวอย่าง)",
         now - datetime.timedelta(hours=2)),
        ("procurement-plan", "announcements", "ประกาศเผยแพร่แผนการจัดซื้อจัดจ้างประจำปี (ตัวอย่าง)",
         "ประชาชนตรวจสอบแผนการจัดซื้อจัดจ้างได้ที่หน้าการจัดซื้อจัดจ้าง",
         "เทศบาลเมืองกำแพงเพชรประกาศเผยแพร่แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ "
         "พร้อมขอบเขตงานและรายละเอียดคุณลักษณะเฉพาะของพัสดุ (ข่าวตัวอย่าง)",
         now - datetime.timedelta(days=3)),
        # The seed's training belongs to FY 2564 (the day is the demo's, as in disclosures.demo).
        ("conflict-of-interest-training", "activities",
         "อบรมพนักงานเรื่องผลประโยชน์ทับซ้อน ปีงบประมาณ 2564 (ตัวอย่าง)",
         "ผลทดสอบหลังอบรม ผู้เข้าอบรมมีความรู้ระดับมากที่สุดร้อยละ 86",
         "เทศบาลจัดอบรมพนักงานเทศบาล ลูกจ้างประจำ และพนักงานจ้าง เรื่องการขัดกันระหว่างประโยชน์ส่วนตน"
         "และประโยชน์ส่วนรวม ก่อนอบรมผู้เข้าอบรมมีความรู้ระดับปานกลางร้อยละ 32 "
         "หลังอบรมมีความรู้ระดับมากที่สุดร้อยละ 86 (ข่าวตัวอย่าง)",
         timezone.make_aware(datetime.datetime.combine(TRAINING_DAY + datetime.timedelta(days=3),
                                                       datetime.time(10)))),
        ("two-channels", "announcements", "แยกช่องทางร้องเรียนการทุจริตออกจากช่องทางทั่วไป (ตัวอย่าง)",
         "ผู้แจ้งเบาะแสการทุจริตได้รับความคุ้มครองข้อมูล ไม่ต้องเปิดเผยตัวตน",
         "ตามผลการวิเคราะห์การประเมิน ITA เทศบาลแยกช่องทางแจ้งเรื่องร้องเรียนการทุจริตออกจาก"
         "ช่องทางติดต่อ/เสนอแนะทั่วไป เพื่อคุ้มครองข้อมูลของผู้แจ้งเบาะแส (ข่าวตัวอย่าง)",
         previous_year - datetime.timedelta(days=90)),
        # The seed document answers the ITA 2564 assessment: that year's checklist needs news (O7).
        ("integrity-declaration-2564", "announcements",
         "ผู้บริหารประกาศเจตจำนงสุจริตในการบริหารงาน ปีงบประมาณ 2564 (ตัวอย่าง)",
         "ผู้บริหารเทศบาลเมืองกำแพงเพชรประกาศเจตจำนงสุจริตเพื่อเป็นหลักเกณฑ์ในการดำเนินงานของบุคลากร",
         "เทศบาลเมืองกำแพงเพชรสนับสนุนการบริหารจัดการที่ดีในทุกระดับ มีความโปร่งใสและสามารถตรวจสอบได้ "
         "จึงได้มีการประกาศเจตจำนงในการบริหารงานของผู้บริหาร เพื่อให้บุคลากรใช้เป็นหลักเกณฑ์ในการดำเนินงาน"
         "ให้เป็นไปอย่างเป็นรูปธรรม ชัดเจน และมีประสิทธิภาพ (ข่าวตัวอย่าง)",
         timezone.make_aware(datetime.datetime.combine(fiscal_year_range(2564)[0], datetime.time(10)))
         + datetime.timedelta(days=100)),
        ("loy-krathong-schedule", "activities", "กำหนดการงานประเพณีประจำปี (ตัวอย่าง: ตั้งเวลาเผยแพร่ล่วงหน้า)",
         "ข่าวนี้ตั้งเวลาเผยแพร่ไว้ล่วงหน้า จึงยังไม่แสดงต่อประชาชน",
         "ตัวอย่างข่าวที่ผู้ดูแลเนื้อหาตั้งเวลาเผยแพร่ไว้ล่วงหน้า (ข่าวตัวอย่าง)",
         now + datetime.timedelta(days=14)),
    ]


QUESTIONS = [
    ("ขอทราบเวลาเปิดให้บริการชำระภาษีที่ดินและสิ่งปลูกสร้างครับ (ตัวอย่าง)",
     "ชำระได้ที่กองคลัง สำนักงานเทศบาล ในวันและเวลาราชการ 08.30–16.30 น. (คำตอบตัวอย่าง)", True, 20),
    ("จะดาวน์โหลดแบบฟอร์มคำร้องก่อนมาติดต่อได้ที่ไหนคะ (ตัวอย่าง)",
     "ดาวน์โหลดแบบฟอร์มได้ที่หน้าข้อมูลสาธารณะของเว็บไซต์นี้ (คำตอบตัวอย่าง)", True, 12),
    ("ไฟฟ้าส่องสว่างในซอยชำรุด แจ้งซ่อมได้ช่องทางใดบ้าง (ตัวอย่าง: ยังไม่ได้ตอบ)", "", False, 10),
]


def _sample_picture():
    """A plain drawn picture (no photo of anyone) to show the image sizes at work."""
    image = Image.new("RGB", (1600, 900), "#1d3c5e")
    draw = ImageDraw.Draw(image)
    draw.rectangle((200, 300, 1400, 800), fill="#f1b434")
    draw.polygon([(150, 320), (800, 60), (1450, 320)], fill="#b23a2b")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="sample.jpg")


def _division(name, kind, head, children, parent, order):
    unit, _created = Division.objects.get_or_create(
        name=name, parent=parent, defaults={"kind": kind, "head_position": head, "order": order}
    )
    if unit.kind != kind:  # an earlier demo's chart, before the municipality had a kind of its own
        Division.objects.filter(pk=unit.pk).update(kind=kind)
    for index, child in enumerate(children):
        _division(*child, parent=unit, order=index)


def load(stdout):
    for index, root in enumerate(STRUCTURE):
        _division(*root, parent=None, order=index)

    term_start = datetime.date(2025, 5, 11)
    for index, (body, position) in enumerate(PEOPLE):
        person, _created = Person.objects.get_or_create(body=body, position=position, defaults={
            "order": index, "note": SAMPLE,
            "term_start": None if body == Person.Body.OFFICIAL else term_start,
            "term_end": None if body == Person.Body.OFFICIAL else datetime.date(2029, 5, 10),
        })
        if body == Person.Body.EXECUTIVE and not (person.phone or person.email):
            # Sample office contacts (OIT O2): a made-up extension and a reserved example domain.
            Person.objects.filter(pk=person.pk).update(
                phone=f"0 5500 0000 ต่อ {101 + index} (ตัวอย่าง)", email=f"executive{index + 1}@example.com")

    for kind, title, body in ((Page.Kind.POWERS, "อำนาจหน้าที่ของเทศบาลเมืองกำแพงเพชร", POWERS),
                              (Page.Kind.LAWS, "กฎหมายที่เกี่ยวข้อง", LAWS),
                              (Page.Kind.ETHICS_CODE, "ประมวลจริยธรรมของพนักงานเทศบาล (ตัวอย่าง)", ETHICS_CODE),
                              (Page.Kind.ETHICS_GUIDE, "แนวทางปฏิบัติตามประมวลจริยธรรม Do's & Don'ts (ตัวอย่าง)",
                               ETHICS_GUIDE)):
        page, created = Page.objects.get_or_create(kind=kind, defaults={"title": title, "body": body,
                                                                       "is_published": True})
        if created:
            if kind == Page.Kind.ETHICS_CODE:
                # An earlier text, so the page has a history of versions to open.
                page.versions.create(title=f"{title} ฉบับเดิม", body=body.split("\n\n")[0],
                                     created_at=timezone.now() - datetime.timedelta(days=730))
            page.record_version()
            if kind == Page.Kind.LAWS:
                for order, (source, url) in enumerate(LAW_SOURCES):
                    page.references.create(title=source, url=url, order=order)

    categories = {}
    for order, (name, slug) in enumerate(CATEGORIES):
        categories[slug], _created = NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name,
                                                                                             "order": order})
    now = timezone.now()
    for slug, category, title, summary, body, publish_at in _news(now):
        item, created = NewsItem.objects.get_or_create(slug=slug, defaults={
            "category": categories[category], "title": title, "summary": summary, "body": body,
            "publish_at": publish_at,
        })
        if created and slug == "community-forum":
            item.set_picture(_sample_picture())
            item.image_alt = "ภาพวาดตัวอย่างรูปอาคารหลังคาสีแดงบนพื้นสีน้ำเงิน"
            item.save()

    for text, answer, published, days_ago in QUESTIONS:
        Question.objects.get_or_create(question=text, defaults={
            "answer": answer, "is_published": published,
            "created_at": now - datetime.timedelta(days=days_ago),
            "answered_at": now - datetime.timedelta(days=days_ago - 2) if answer else None,
        })
    stdout.write(
        f"ข้อมูลเทศบาล: หน่วยงาน {Division.objects.count()} ผู้บริหาร/สมาชิกสภา {Person.objects.count()} "
        f"ข่าว {NewsItem.objects.count()} คำถาม {Question.objects.count()}"
    )
