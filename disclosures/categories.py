"""The document categories every deployment starts with. Slugs are stable: code, feeds and
links refer to them (e.g. "declaration" proves OIT item O34 of 2564, "hr-report" the yearly HR
report of any year). Names stay editable in admin."""

DEFAULT_CATEGORIES = [
    ("development-plan", "แผนพัฒนาท้องถิ่น", 10),
    ("operational-plan", "แผนการดำเนินงาน", 20),
    ("procurement-plan", "แผนการจัดซื้อจัดจ้าง", 30),
    ("budget", "งบประมาณรายจ่ายประจำปี", 40),
    ("financial-statement", "งบแสดงฐานะการเงิน", 50),
    ("work-manual", "คู่มือการปฏิบัติงาน", 60),
    ("service-manual", "คู่มือการให้บริการประชาชน", 70),
    ("form", "แบบฟอร์มดาวน์โหลด", 80),
    ("newsletter", "หนังสือพิมพ์ประชาสัมพันธ์ \"ซากังราว\"", 90),
    ("declaration", "เจตจำนงสุจริตของผู้บริหาร", 100),
    ("announcement", "ประกาศ", 110),
    ("report", "รายงาน", 120),
    # Items only a document proves (disclosures/ita.py DOCUMENT_TOPICS reads these slugs).
    ("hr-plan", "แผนการบริหารและพัฒนาทรัพยากรบุคคล", 130),
    ("hr-rules", "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", 131),
    ("hr-report", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี", 132),
    ("anti-corruption-plan", "แผนปฏิบัติการป้องกันการทุจริต", 140),
    ("anti-corruption-report", "รายงานผลการดำเนินการป้องกันการทุจริต", 141),
    ("integrity", "คุณธรรม จริยธรรม และ No Gift Policy", 150),
]


def ensure_default_categories(category_model):
    """Create the missing ones; never rename what an editor has renamed."""
    for slug, name, order in DEFAULT_CATEGORIES:
        category_model.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
