"""Demo content from the municipality's measures document (/work/shared/seed): the six measures,
the ITA 2564 analysis table and the training indicator are the document's own words and numbers;
documents, dates and the risk register are invented and marked ตัวอย่าง. Idempotent."""
import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from kpp_portal import thai
from kpp_portal.demo import SAMPLE, TRAINING_DAY, day_in, sample_pdf
from kpp_portal.uploads import content_type

from . import newsletter
from .categories import ensure_default_categories
from .demo_seed import ANALYSIS_2564, DOCUMENTS, MEASURES, MULTI_YEAR, NO_GIFT_2568, RISKS, UPDATES
from .models import (
    AssessmentYear,
    Category,
    Document,
    EITSurvey,
    EthicsActivity,
    EthicsAssessment,
    GiftRecord,
    GiftYearStatement,
    Indicator,
    IndicatorValue,
    IntegrityMeasure,
    ITAAnalysis,
    ITAAnalysisRow,
    MeasureUpdate,
    NoGiftDeclaration,
    OITItem,
    RiskEntry,
)
from .oit_lists import load_all


def _documents(stdout):
    ensure_default_categories(Category)
    categories = {category.slug: category for category in Category.objects.all()}
    items = {(item.assessment_year_id, item.code): item for item in OITItem.objects.all()}
    created = 0
    for slug, title, year, date, summary, codes in DOCUMENTS:
        valid_until = MULTI_YEAR.get(title)
        title = f"{title} {SAMPLE}"
        document, was_created = Document.objects.get_or_create(
            title=title,
            defaults={"category": categories[slug], "fiscal_year": year, "publication_date": date,
                      "summary": summary, "is_published": True, "valid_until": valid_until},
        )
        if was_created:
            content = sample_pdf(title)
            document.attachment.save(f"sample-{document.pk}.pdf", ContentFile(content), save=False)
            document.original_filename = f"{slug}-{year}.pdf"
            document.content_type = content_type("pdf")
            document.file_size = len(content)
            document.save()
            created += 1
        document.oit_items.add(*[items[(assessment_year, code)]
                                 for assessment_year, year_codes in codes.items() for code in year_codes])
    stdout.write(f"เอกสารเผยแพร่ตัวอย่าง: เพิ่ม {created} รายการ")


# The seed document answers the ITA 2564 list, and a newcomer should see a current year: the
# demo confirms both. A real deployment confirms a year only after checking the NACC manual.
DEMO_CONFIRMED = {
    2564: "ตัวอย่าง: รายการที่เทศบาลใช้ตอบการประเมิน ITA 2564 (เอกสารมาตรการของเทศบาล)",
    2568: "ตัวอย่าง: ยืนยันโดยข้อมูลสาธิต ไม่ได้ตรวจกับคู่มือ ป.ป.ช. ฉบับจริง (พบ 24 ข้อจากแหล่งสาธารณะ ไม่พบ O6 และ O7)",
}


def _confirm_demo_years(stdout):
    for year in AssessmentYear.objects.filter(year__in=DEMO_CONFIRMED, confirmed_at__isnull=True):
        year.confirm(None, DEMO_CONFIRMED[year.year])
        stdout.write(f"รายการตรวจ ITA ปี {year.year}: ยืนยันแล้ว (ข้อมูลสาธิต)")


def _analysis():
    analysis, _created = ITAAnalysis.objects.get_or_create(
        assessment_year=2564,
        defaults={"summary": "ตารางวิเคราะห์จากเอกสารมาตรการส่งเสริมความโปร่งใสและป้องกันการทุจริต"
                             "ภายในหน่วยงานของเทศบาล"})
    for order, row in enumerate(ANALYSIS_2564, start=1):
        guideline, recommendation, timeframe, actions, responsible = row
        ITAAnalysisRow.objects.get_or_create(
            analysis=analysis, order=order,
            defaults={"guideline": guideline, "recommendation": recommendation, "timeframe": timeframe,
                      "actions": actions, "responsible": responsible})


def _ethics_and_no_gift():
    """The seed's conflict-of-interest training (FY 2564, its date invented) and samples for FY 2568."""
    training, created = EthicsActivity.objects.get_or_create(
        kind=EthicsActivity.Kind.TRAINING, title="อบรมพนักงานเรื่องผลประโยชน์ทับซ้อน",
        defaults={"held_on": TRAINING_DAY, "audience": "พนักงานเทศบาล ลูกจ้างประจำ พนักงานจ้าง",
                  "description": "ก่อนอบรมผู้เข้าร่วมมีความรู้ระดับปานกลาง ร้อยละ 32 หลังอบรมมีความรู้ระดับมากที่สุด "
                                 "ร้อยละ 86 (ผลจากเอกสารมาตรการของเทศบาล วันที่เป็นตัวอย่าง)"})
    if created:
        plan = Document.objects.filter(category__slug="anti-corruption-plan", fiscal_year=2564)
        training.documents.set(plan)
    # The training's test is the one assessment of staff the seed reports: knowledge of managing
    # conflicts of interest, one of the code of ethics' standards.
    EthicsAssessment.objects.get_or_create(fiscal_year=2564, defaults={
        "assessed_on": TRAINING_DAY, "score": 86,
        "method": "แบบทดสอบความรู้เรื่องการบริหารจัดการผลประโยชน์ทับซ้อน ก่อนและหลังการอบรมพนักงานเทศบาล "
                  "ลูกจ้างประจำ และพนักงานจ้าง",
        "result": "ก่อนอบรมผู้เข้าร่วมมีความรู้ระดับปานกลาง ร้อยละ 32 หลังอบรมมีความรู้ระดับมากที่สุด ร้อยละ 86 "
                  "พนักงานปฏิบัติงานตามหลักเกณฑ์และนโยบายการป้องกันผลประโยชน์ทับซ้อนได้ "
                  "(ผลจากเอกสารมาตรการของเทศบาล วันที่เป็นตัวอย่าง)"})
    EthicsActivity.objects.get_or_create(
        kind=EthicsActivity.Kind.TRAINING, title=f"อบรมประมวลจริยธรรมสำหรับพนักงานใหม่ {SAMPLE}",
        defaults={"held_on": datetime.date(2025, 2, 14), "participants": 42, "audience": "พนักงานจ้างที่บรรจุใหม่"})
    EthicsActivity.objects.get_or_create(
        kind=EthicsActivity.Kind.NO_GIFT, title=f"ประชาสัมพันธ์งดให้ของขวัญช่วงปีใหม่ {SAMPLE}",
        defaults={"held_on": datetime.date(2024, 12, 20), "participants": None,
                  "description": "ติดประกาศ ณ จุดบริการและเผยแพร่ทางเฟซบุ๊กของสำนักงาน"})
    document = Document.objects.filter(title=f"{NO_GIFT_2568} {SAMPLE}").first()
    if document:
        NoGiftDeclaration.objects.get_or_create(fiscal_year=2568, defaults={
            "declared_on": datetime.date(2024, 10, 1), "signatory_name": f"นายกเทศมนตรี {SAMPLE}",
            "signatory_position": "นายกเทศมนตรีเมืองกำแพงเพชร", "document": document})
    GiftRecord.objects.get_or_create(
        received_on=datetime.date(2025, 1, 3), giver=f"บริษัท ตัวอย่างพาณิชย์ จำกัด {SAMPLE}",
        defaults={"recipient_position": "ผู้อำนวยการกองคลัง", "occasion": "วันขึ้นปีใหม่",
                  "description": "กระเช้าผลไม้", "estimated_value": 1500, "action": GiftRecord.Action.RETURNED,
                  "action_note": "ส่งคืนพร้อมหนังสือแจ้งนโยบาย No Gift"})
    GiftYearStatement.objects.get_or_create(fiscal_year=2567, defaults={
        "stated_on": datetime.date(2024, 10, 15), "stated_by": "หัวหน้าสำนักปลัดเทศบาล",
        "note": f"ตรวจสอบทะเบียนแล้ว ไม่มีการรับของขวัญในปีงบประมาณ 2567 {SAMPLE}"})


def _eit_survey():
    """Open from a week ago for two months, so the home page shows the invitation."""
    today = timezone.localdate()
    EITSurvey.objects.get_or_create(assessment_year=thai.fiscal_year_of(today), defaults={
        "url": "https://itas.nacc.go.th/", "opens_on": today - datetime.timedelta(days=7),
        "closes_on": today + datetime.timedelta(days=60),
        "note": f"{SAMPLE} ลิงก์นี้ชี้ไปที่หน้าแรกของระบบ ITAS ของสำนักงาน ป.ป.ช. "
                "เทศบาลจะได้ลิงก์แบบสำรวจจริงจากระบบ ITAS"})


def _current_documents(categories, current):
    """The plans, rules and reports of the current and the previous fiscal year, titled and dated
    by the year the demo is loaded in."""
    previous = current - 1
    rows = [
        ("development-plan", f"แผนพัฒนาท้องถิ่น (พ.ศ. {previous}–{previous + 4})", previous - 1, 20,
         previous + 4),
        ("hr-rules", f"หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล พ.ศ. {previous}", previous, 10, None),
        ("work-manual", f"คู่มือการปฏิบัติงานของเจ้าหน้าที่ งานจัดเก็บรายได้ ปีงบประมาณ {previous}", previous, 12,
         None),
    ]
    for year in (previous, current):
        rows += [
            ("budget", f"เทศบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {year}", year, 0, None),
            ("operational-plan", f"แผนการดำเนินงานประจำปีงบประมาณ พ.ศ. {year}", year, 5, None),
            ("hr-plan", f"แผนการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ {year}", year, 3, None),
            ("anti-corruption-plan", f"แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {year}", year, 2, None),
            ("declaration", f"ประกาศเจตจำนงสุจริตในการบริหารงาน ปีงบประมาณ {year}", year, 0, None),
            ("integrity", f"ประกาศเจตนารมณ์ No Gift Policy ปีงบประมาณ พ.ศ. {year}", year, 0, None),
            # A year's reports come out in the next year, about the year before.
            ("hr-report", f"รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ {year - 1}", year - 1, 360,
             None),
            ("anti-corruption-report", f"รายงานผลการดำเนินการป้องกันการทุจริต ประจำปีงบประมาณ {year - 1}",
             year - 1, 360, None),
        ]
    documents = {}
    for slug, title, year, days, valid_until in rows:
        title = f"{title} {SAMPLE}"
        document, created = Document.objects.get_or_create(title=title, defaults={
            "category": categories[slug], "fiscal_year": year, "publication_date": day_in(year, days),
            "summary": "เอกสารตัวอย่างของปีงบประมาณปัจจุบันและปีก่อน วันที่ตามวันที่โหลดข้อมูลสาธิต",
            "is_published": True, "valid_until": valid_until})
        if created:
            content = sample_pdf(title)
            document.attachment.save(f"sample-{document.pk}.pdf", ContentFile(content), save=False)
            document.original_filename, document.content_type = f"{slug}-{year}.pdf", content_type("pdf")
            document.file_size = len(content)
            document.save()
        documents[(slug, year)] = document
    return documents


def _current_years(current):
    """Records of the current and previous fiscal year that the current checklist asks for."""
    categories = {category.slug: category for category in Category.objects.all()}
    documents = _current_documents(categories, current)
    measure = IntegrityMeasure.objects.order_by("number").first()
    for year in (current - 1, current):
        for number, (process, status) in enumerate(
                (("การจัดเก็บค่าธรรมเนียมเก็บขนขยะ", "done"), ("การตรวจรับงานจ้างก่อสร้าง", "in-progress")), start=1):
            RiskEntry.objects.get_or_create(
                fiscal_year=year, process=process, risk=f"ความเสี่ยงการทุจริตตัวอย่างข้อ {number} {SAMPLE}",
                defaults={"likelihood": 3, "impact": 3, "controls": "ตรวจสอบโดยผู้บังคับบัญชาทุกเดือน",
                          "owner": "กองคลัง", "status": status if year == current else "done"})
        NoGiftDeclaration.objects.get_or_create(fiscal_year=year, defaults={
            "declared_on": day_in(year, 0), "signatory_name": f"นายกเทศมนตรี {SAMPLE}",
            "signatory_position": "นายกเทศมนตรีเมืองกำแพงเพชร", "document": documents[("integrity", year)]})
        EthicsActivity.objects.get_or_create(
            kind=EthicsActivity.Kind.NO_GIFT, title=f"ประชาสัมพันธ์นโยบาย No Gift ปีงบประมาณ {year} {SAMPLE}",
            defaults={"held_on": day_in(year, 1), "description": "ติดประกาศ ณ จุดบริการและเผยแพร่ทางเฟซบุ๊ก"})
        EthicsActivity.objects.get_or_create(
            kind=EthicsActivity.Kind.TRAINING, title=f"อบรมประมวลจริยธรรม ปีงบประมาณ {year} {SAMPLE}",
            defaults={"held_on": day_in(year, 30), "participants": 60, "audience": "พนักงานเทศบาล"})
        if measure:
            MeasureUpdate.objects.get_or_create(measure=measure, date=day_in(year, 14), defaults={
                "text": f"จัดเวทีรับฟังความคิดเห็นและเผยแพร่ผลบนเว็บไซต์ ปีงบประมาณ {year} {SAMPLE}"})
    previous = current - 1
    GiftYearStatement.objects.get_or_create(fiscal_year=previous, defaults={
        "stated_on": day_in(current, 10), "stated_by": "หัวหน้าสำนักปลัดเทศบาล",
        "note": f"ตรวจสอบทะเบียนแล้ว ไม่มีการรับของขวัญในปีงบประมาณ {previous} {SAMPLE}"})
    EthicsAssessment.objects.get_or_create(fiscal_year=previous, defaults={
        "assessed_on": day_in(previous, 300), "score": 88, "method": f"แบบทดสอบความรู้ประมวลจริยธรรม {SAMPLE}",
        "result": "พนักงานร้อยละ 88 ผ่านเกณฑ์"})
    ITAAnalysis.objects.get_or_create(assessment_year=previous, defaults={
        "summary": f"วิเคราะห์ผลการประเมิน ITA ปี {previous} และแนวทางปรับปรุง {SAMPLE}",
        "analysed_on": day_in(current, 20)})


def _current_list(stdout, current):
    """The checklist of the current assessment year: the newest shipped list, taken as the demo's
    list of this year when the NACC's is not shipped (a real deployment imports and confirms it)."""
    existing = AssessmentYear.objects.filter(year=current, items__isnull=False).first()
    if existing:
        if not existing.is_confirmed:
            existing.confirm(None, "ตัวอย่าง: ยืนยันโดยข้อมูลสาธิต ไม่ได้ตรวจกับคู่มือ ป.ป.ช. ฉบับจริง")
        return
    newest = AssessmentYear.objects.filter(items__isnull=False).order_by("-year").first()
    year = AssessmentYear.objects.create(year=current, source=(
        f"ตัวอย่าง: รายการปี {newest.year} ใช้แทนรายการปี {current} ในข้อมูลสาธิต"))
    OITItem.objects.bulk_create([
        OITItem(assessment_year=year, code=item.code, order=item.order, group=item.group, title=item.title,
                title_en=item.title_en, requirement=item.requirement, topics=item.topics,
                confidence=item.confidence, window=item.window, counts=item.counts,
                document_kinds=item.document_kinds)
        for item in newest.items.all()])
    year.confirm(None, f"ตัวอย่าง: ยืนยันโดยข้อมูลสาธิต (รายการปี {newest.year})")
    stdout.write(f"รายการตรวจ ITA ปี {current}: ใช้รายการปี {newest.year} (ข้อมูลสาธิต)")


def load(stdout):
    load_all(stdout)
    AssessmentYear.objects.filter(year=2568).update(source=(
        "ไฟล์ข้อมูล oit_2568.csv: 24 ข้อที่พบจากเว็บไซต์ของหน่วยงานที่เผยแพร่ ไม่พบข้อ O6 และ O7 "
        "ความเชื่อมั่นของแต่ละข้อแสดงในหน้าจัดการ"))
    _confirm_demo_years(stdout)
    _documents(stdout)
    newsletter.demo_issue()
    measures = {}
    for number, title, description in MEASURES:
        measures[number], _ = IntegrityMeasure.objects.get_or_create(
            number=number, defaults={"title": title, "description": description})
    for number, date, text in UPDATES:
        update, created = MeasureUpdate.objects.get_or_create(measure=measures[number], date=date, text=text)
        if created and number == 6:
            update.documents.set(
                Document.objects.filter(category__slug=Category.DECLARATION, fiscal_year=2564)
            )
    _analysis()
    indicator, created = Indicator.objects.get_or_create(
        measure=measures[6], fiscal_year=2564,
        title="ความรู้เรื่องการบริหารจัดการผลประโยชน์ทับซ้อนของผู้เข้ารับการอบรม")
    if created:
        IndicatorValue.objects.create(
            indicator=indicator, order=1, label="ก่อนอบรม", level="ปานกลาง", value=32
        )
        IndicatorValue.objects.create(indicator=indicator, order=2, label="หลังอบรม", level="มากที่สุด", value=86)
    for year, process, risk, likelihood, impact, controls, owner, status in RISKS:
        RiskEntry.objects.get_or_create(
            fiscal_year=year, process=process, risk=f"{risk} {SAMPLE}",
            defaults={"likelihood": likelihood, "impact": impact, "controls": controls, "owner": owner,
                      "status": status})
    _ethics_and_no_gift()
    current = thai.current_fiscal_year()
    _current_years(current)
    _current_list(stdout, current)
    _eit_survey()
    stdout.write("มาตรการ การวิเคราะห์ผล ITA 2564 ตัวชี้วัด ทะเบียนความเสี่ยง จริยธรรม No Gift และ EIT: พร้อมแล้ว")
