"""Demo content: the five committees named in the seed document (measure 1), with sample
members by constituency (no real persons' names), past and upcoming forums and one open
consultation. Idempotent: every object is found by a natural key before it is created."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from kpp_portal.demo import day_in
from kpp_portal.thai import fiscal_year_of

from .models import (
    Committee,
    CommitteeRole,
    CommitteeTerm,
    Constituency,
    Consultation,
    Meeting,
    MeetingKind,
    MeetingPhoto,
    Member,
    ModerationStatus,
    Opinion,
)

SAMPLE = "(ตัวอย่าง)"
PLAN_REGULATION = "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2548 และที่แก้ไขเพิ่มเติม"

# (name, mandate, legal basis) — names from the seed; mandates are sample text.
COMMITTEES = (
    (
        "คณะกรรมการพัฒนาเทศบาลเมืองกำแพงเพชร",
        f"{SAMPLE} ร่วมจัดทำร่างแผนพัฒนาท้องถิ่น กำหนดแนวทางการพัฒนา และติดตามผลการพัฒนาเทศบาล",
        PLAN_REGULATION,
    ),
    (
        "คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาเทศบาลเมืองกำแพงเพชร",
        f"{SAMPLE} รวบรวมปัญหาและความต้องการจากเวทีประชาคม จัดทำร่างแผนพัฒนาเสนอคณะกรรมการพัฒนาเทศบาล",
        PLAN_REGULATION,
    ),
    (
        "คณะกรรมการบริหารตลาด",
        f"{SAMPLE} กำกับการบริหารตลาดสดเทศบาล ความสะอาด ความปลอดภัย และการจัดสรรแผงค้าอย่างเป็นธรรม",
        "",
    ),
    (
        "คณะกรรมการบริหารศูนย์พัฒนาคุณภาพชีวิตและส่งเสริมผู้สูงอายุ",
        f"{SAMPLE} วางแผนและติดตามกิจกรรมของศูนย์ฯ ส่งเสริมสุขภาพและการมีส่วนร่วมของผู้สูงอายุ",
        "",
    ),
    (
        "คณะกรรมการกำกับบริหารจัดการระบบบำบัดน้ำเสีย",
        f"{SAMPLE} กำกับการดำเนินงานระบบบำบัดน้ำเสียรวมของเทศบาล ติดตามคุณภาพน้ำทิ้ง และรายงานผลต่อประชาชน",
        "",
    ),
)

# Seats of a sample term, in the order an appointment order lists them.
CURRENT_SEATS = (
    (Constituency.EXECUTIVE, CommitteeRole.CHAIR, "นายกเทศมนตรี"),
    (Constituency.EXECUTIVE, CommitteeRole.VICE_CHAIR, "รองนายกเทศมนตรี"),
    (Constituency.GOVERNMENT, CommitteeRole.MEMBER, "ผู้แทนส่วนราชการในพื้นที่"),
    (Constituency.EXPERT, CommitteeRole.MEMBER, "ผู้ทรงคุณวุฒิ"),
    (Constituency.COMMUNITY, CommitteeRole.MEMBER, "ประธานชุมชน"),
    (Constituency.COMMUNITY, CommitteeRole.MEMBER, "ผู้แทนประชาคม"),
    (Constituency.COMMUNITY, CommitteeRole.MEMBER, "ผู้แทนประชาคม"),
    (Constituency.STAFF, CommitteeRole.SECRETARY, "ปลัดเทศบาล"),
    (Constituency.STAFF, CommitteeRole.ASSISTANT_SECRETARY, "หัวหน้าฝ่ายแผนงาน"),
)
PAST_SEATS = CURRENT_SEATS[:2] + CURRENT_SEATS[3:5] + CURRENT_SEATS[7:8]


def _term(committee, starts_on, ends_on, order_number, seats):
    term, created = CommitteeTerm.objects.get_or_create(
        committee=committee,
        starts_on=starts_on,
        defaults={"ends_on": ends_on, "order_number": order_number, "order_date": starts_on},
    )
    if created:
        Member.objects.bulk_create(
            Member(
                term=term,
                order_in_appointment=number,
                name=f"กรรมการตัวอย่าง ลำดับที่ {number}",
                position=f"{position} {SAMPLE}",
                organisation="เทศบาลเมืองกำแพงเพชร"
                if constituency in (Constituency.EXECUTIVE, Constituency.STAFF)
                else "",
                constituency=constituency,
                role=role,
            )
            for number, (constituency, role, position) in enumerate(seats, start=1)
        )
    return created


def _sample_picture():
    """A plain generated picture (no real photo of real people), run through the normal upload path."""
    image = Image.linear_gradient("L").resize((960, 640)).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG")
    return ContentFile(out.getvalue(), name="sample-forum.jpg")


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def load(stdout):
    today = timezone.localdate()
    created_terms = 0
    committees = []
    for number, (name, mandate, legal_basis) in enumerate(COMMITTEES, start=1):
        committee, _ = Committee.objects.get_or_create(
            name=name, defaults={"mandate": mandate, "legal_basis": legal_basis, "display_order": number}
        )
        committees.append(committee)
        created_terms += _term(
            committee,
            datetime.date(2025, 1, 1),
            datetime.date(2028, 12, 31),
            f"{number}/2568 {SAMPLE}",
            CURRENT_SEATS,
        )
        created_terms += _term(
            committee,
            datetime.date(2021, 1, 1),
            datetime.date(2024, 12, 31),
            f"{number}/2564 {SAMPLE}",
            PAST_SEATS,
        )

    past_forum, _ = Meeting.objects.get_or_create(
        title=f"เวทีประชาคมจัดทำแผนพัฒนาท้องถิ่น {SAMPLE}",
        defaults={
            "kind": MeetingKind.FORUM,
            "committee": committees[1],
            "starts_at": _at(today - datetime.timedelta(days=60), 9),
            "ends_at": _at(today - datetime.timedelta(days=60), 12),
            "place": "ห้องประชุมสำนักงานเทศบาลเมืองกำแพงเพชร",
            "agenda": "1. ชี้แจงขั้นตอนการจัดทำแผนพัฒนาท้องถิ่น\n2. รับฟังปัญหาและความต้องการของชุมชน\n"
            "3. จัดลำดับความสำคัญของโครงการ",
            "attendance": 120,
            "attendance_note": "ผู้แทนชุมชน ผู้แทนส่วนราชการ และประชาชนทั่วไป",
            "resolutions": "ที่ประชุมเห็นชอบให้บรรจุโครงการปรับปรุงรางระบายน้ำและไฟส่องสว่างไว้ในร่างแผนพัฒนา",
        },
    )
    # A forum with resolutions in the current and the previous fiscal year (the OIT's results of
    # participation), dated by the day the demo is loaded.
    current = fiscal_year_of(today)
    for year in (current - 1, current):
        day = day_in(year, 6)
        Meeting.objects.get_or_create(
            title=f"เวทีประชาคมทบทวนแผนพัฒนาท้องถิ่น ปีงบประมาณ {year} {SAMPLE}",
            defaults={"kind": MeetingKind.FORUM, "committee": committees[1], "starts_at": _at(day, 8),
                      "ends_at": _at(day, 9), "place": "ห้องประชุมสำนักงานเทศบาลเมืองกำแพงเพชร",
                      "agenda": "1. ทบทวนโครงการในแผนพัฒนา\n2. รับฟังความต้องการของชุมชน", "attendance": 85,
                      "resolutions": "ที่ประชุมเห็นชอบให้ปรับลำดับโครงการซ่อมถนนในชุมชนขึ้นก่อน"})
    if not past_forum.photos.exists():
        photo = MeetingPhoto(meeting=past_forum, caption=f"ภาพประกอบเวทีประชาคม {SAMPLE}")
        photo.set_picture(_sample_picture())
        photo.save()
    upcoming_forum, _ = Meeting.objects.get_or_create(
        title=f"เวทีประชาคมรับฟังความคิดเห็นเรื่องการบริหารตลาดสดเทศบาล {SAMPLE}",
        defaults={
            "kind": MeetingKind.FORUM,
            "committee": committees[2],
            "starts_at": _at(today + datetime.timedelta(days=14), 9),
            "ends_at": _at(today + datetime.timedelta(days=14), 12),
            "place": "ศาลาประชาคม ตลาดสดเทศบาล",
            "agenda": "1. รายงานผลการบริหารตลาด\n2. รับฟังความคิดเห็นเรื่องความสะอาดและที่จอดรถ",
        },
    )
    Meeting.objects.get_or_create(
        title=f"การประชุมคณะกรรมการกำกับบริหารจัดการระบบบำบัดน้ำเสีย ครั้งที่ 1 {SAMPLE}",
        defaults={
            "kind": MeetingKind.MEETING,
            "committee": committees[4],
            "starts_at": _at(today + datetime.timedelta(days=30), 13),
            "place": "ห้องประชุมกองช่าง",
            "agenda": "1. ผลการตรวจคุณภาพน้ำทิ้ง\n2. แผนบำรุงรักษาระบบ",
        },
    )
    consultation, _ = Consultation.objects.get_or_create(
        title=f"รับฟังความคิดเห็น: การปรับปรุงตลาดสดเทศบาล {SAMPLE}",
        defaults={
            "description": "เทศบาลขอรับฟังความคิดเห็นเรื่องการจัดโซนแผงค้า ความสะอาด และที่จอดรถของตลาดสดเทศบาล "
            "ก่อนเวทีประชาคม ความคิดเห็นจะนำเสนอคณะกรรมการบริหารตลาด",
            "meeting": upcoming_forum,
            "opens_on": today - datetime.timedelta(days=7),
            "closes_on": today + datetime.timedelta(days=21),
        },
    )
    Opinion.objects.get_or_create(
        consultation=consultation,
        body=f"อยากให้เพิ่มจุดทิ้งขยะแยกประเภทในตลาด {SAMPLE}",
        defaults={
            "status": ModerationStatus.PUBLISHED,
            "response": "ขอบคุณสำหรับข้อเสนอ เทศบาลจะเสนอเรื่องนี้ต่อคณะกรรมการบริหารตลาด (ตัวอย่าง)",
        },
    )
    stdout.write(
        f"คณะกรรมการ: {len(committees)} คณะ, วาระใหม่ {created_terms}, เวทีประชาคม/การประชุม: "
        f"{Meeting.objects.count()}, การรับฟังความคิดเห็นที่เปิดอยู่: {Consultation.objects.open_now().count()}"
    )
