"""Pages of the portal that are themselves evidence for ITA/OIT items.

Each app may define `<app>/ita.py` with

    def evidence(fiscal_year):  # BE fiscal year of the assessment
        return {"procurement-plan": [(title, url_path), ...], ...}

listing only what exists (published) for that fiscal year and no other: documents dated in it,
reports whose period is it, records of it with an outcome, or pages in force and working in it,
keyed by the stable topics below. An OIT item says which fiscal year its evidence must belong to
(the assessed one or the one before), so the same topic serves every year's wording. Each
year's items name the topics that prove them (an item merged from several older ones names
several, and is met when each has evidence), so a new assessment year with renumbered or
merged items is data alone. Each evidence() runs a constant number of queries.

A module may also define `gaps(fiscal_year)` -> {topic: why it is missing}, saying more than
"none in that year" (e.g. "the manual has no promulgation date"), and `FIX_URLS` {topic: URL
name of the admin page where staff fix it}.
"""
from .discovery import app_modules

TOPICS = {
    "structure": "โครงสร้างหน่วยงาน",
    "executives": "ข้อมูลผู้บริหาร",
    "powers": "อำนาจหน้าที่",
    "contact": "ข้อมูลการติดต่อ",
    "laws": "กฎหมายที่เกี่ยวข้อง",
    "news": "ข่าวประชาสัมพันธ์",
    "qa": "ถาม-ตอบ (Q&A)",
    "social": "Social Network",
    "procurement-plan": "แผนการจัดซื้อจัดจ้าง",
    "procurement-announcements": "ประกาศเกี่ยวกับการจัดซื้อจัดจ้าง",
    "procurement-monthly": "สรุปผลการจัดซื้อจัดจ้างรายเดือน",
    "procurement-annual-report": "รายงานผลการจัดซื้อจัดจ้างประจำปี",
    "complaint-manual": "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต",
    "corruption-channel": "ช่องทางแจ้งเรื่องร้องเรียนการทุจริต",
    "complaint-stats": "สถิติเรื่องร้องเรียนการทุจริต",
    "opinion-channel": "ช่องทางการรับฟังความคิดเห็น",
    "participation": "การเปิดโอกาสให้เกิดการมีส่วนร่วม",
    "participation-results": "ผลการเปิดโอกาสให้มีส่วนร่วม (เวทีที่มีมติหรือข้อสรุป)",
    "executive-declaration": "เจตจำนงสุจริตของผู้บริหาร",
    "risk-assessment": "การประเมินความเสี่ยงการทุจริต",
    "risk-actions": "การดำเนินการเพื่อจัดการความเสี่ยงการทุจริต",
    "integrity-measures": "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "integrity-actions": "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "ita-analysis": "การวิเคราะห์ผลการประเมิน ITA และการนำไปพัฒนาองค์กร",
    "privacy": "นโยบายคุ้มครองข้อมูลส่วนบุคคล",
    "procurement-progress": "ความก้าวหน้าการจัดซื้อจัดจ้าง",
    "hr-plan": "แผนการบริหารและพัฒนาทรัพยากรบุคคล",
    "hr-rules": "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล",
    "hr-report": "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี",
    "anti-corruption-plan": "แผนปฏิบัติการป้องกันการทุจริต",
    "anti-corruption-report": "รายงานผลการดำเนินการป้องกันการทุจริต",
    "ethics-code": "ประมวลจริยธรรม",
    "ethics-guide": "แนวทางปฏิบัติตามประมวลจริยธรรม (Do's & Don'ts)",
    "ethics-promotion": "การขับเคลื่อนจริยธรรม",
    "ethics-assessment": "การประเมินจริยธรรมเจ้าหน้าที่ของรัฐ",
    "no-gift-declaration": "ประกาศเจตนารมณ์นโยบาย No Gift Policy",
    "no-gift-culture": "การสร้างวัฒนธรรม No Gift Policy",
    "no-gift-report": "รายงานการรับของขวัญและประโยชน์อื่นใด",
    "e-service": "ระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service)",
    "service-statistics": "ข้อมูลเชิงสถิติการให้บริการ",
    "budget-plan": "งบประมาณรายจ่ายประจำปี (เทศบัญญัติ)",
    "budget-half-report": "รายงานผลการใช้จ่ายงบประมาณ รอบ 6 เดือน",
    "budget-annual-report": "รายงานผลการใช้จ่ายงบประมาณประจำปี (รอบ 12 เดือน)",
}


def portal_evidence(fiscal_year):
    """{topic: [(title, url_path), …]} from every app that has an ita.py, and the portal's own
    privacy notice (it always exists)."""
    from django.urls import reverse

    merged = {"privacy": [("นโยบายคุ้มครองข้อมูลส่วนบุคคล", reverse("privacy"))]}
    for app, module in app_modules("ita"):
        if module.__name__ == __name__:  # this contract module itself
            continue
        for topic, links in module.evidence(fiscal_year).items():
            if topic not in TOPICS:
                raise KeyError(f"{app}.ita names an unknown topic {topic!r}")
            merged.setdefault(topic, []).extend(links)
    return merged


def portal_gaps(fiscal_year):
    """{topic: (why it is missing or None, admin URL where staff fix it or None)}."""
    from django.urls import NoReverseMatch, reverse

    found = {}
    for _app, module in app_modules("ita"):
        if module.__name__ == __name__:
            continue
        reasons = module.gaps(fiscal_year) if hasattr(module, "gaps") else {}
        for topic in set(reasons) | set(getattr(module, "FIX_URLS", {})):
            try:
                fix = reverse(module.FIX_URLS[topic]) if topic in getattr(module, "FIX_URLS", {}) else None
            except NoReverseMatch:
                fix = None
            found[topic] = (reasons.get(topic), fix)
    return found
