"""Sample procurement for FY 2564 and the last two fiscal years,
so that plans, สขร.1, OCDS and charts show figures.

Seed measure 5: the plan is published with terms of reference. Projects, bidders and prices
are invented and marked ตัวอย่าง; bidders are sample companies, never real people.
Idempotent: every object is found by its natural key before it is created.
"""
import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from kpp_portal import thai
from kpp_portal.demo import sample_pdf

from .models import (
    Announcement,
    AnnouncementKind,
    Award,
    Bid,
    CommitteeMember,
    CommitteeRole,
    ContractProgress,
    HearingComment,
    PlanItem,
    PlanRevision,
    ProcurementMethod,
    ProcurementPlan,
    ProcurementProject,
    ProcurementTraining,
    ProcurementYearReview,
    SourceOfFunds,
)

M = ProcurementMethod
DIVISIONS = ("กองช่าง", "กองสาธารณสุขและสิ่งแวดล้อม", "กองการศึกษา", "สำนักปลัดเทศบาล", "กองคลัง")
# (title, budget, method, month offset from October, division index, source)
ITEMS = (
    ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอยเทศบาล 3 (ตัวอย่าง)", "4850000.00", M.E_BIDDING, 1, 0,
     SourceOfFunds.ANNUAL_BUDGET),
    ("ปรับปรุงระบบบำบัดน้ำเสียรวม (ตัวอย่าง)", "7200000.00", M.E_BIDDING, 3, 1, SourceOfFunds.GRANT),
    ("จัดซื้อครุภัณฑ์คอมพิวเตอร์สำหรับโรงเรียนในสังกัด (ตัวอย่าง)", "780000.00", M.E_MARKET, 2, 2,
     SourceOfFunds.ANNUAL_BUDGET),
    ("จัดซื้อรถบรรทุกขยะแบบอัดท้าย (ตัวอย่าง)", "2400000.00", M.PRICE_INQUIRY, 4, 1,
     SourceOfFunds.ACCUMULATED),
    ("จ้างซ่อมแซมอาคารศูนย์พัฒนาคุณภาพชีวิตผู้สูงอายุ (ตัวอย่าง)", "1350000.00", M.SELECTION, 5, 0,
     SourceOfFunds.ANNUAL_BUDGET),
    ("จัดซื้อวัสดุสำนักงาน (ตัวอย่าง)", "185000.00", M.SPECIFIC, 1, 3, SourceOfFunds.ANNUAL_BUDGET),
    ("จ้างเหมาทำความสะอาดตลาดเทศบาล (ตัวอย่าง)", "480000.00", M.SPECIFIC, 2, 1, SourceOfFunds.ANNUAL_BUDGET),
    ("จัดซื้อวัสดุไฟฟ้าและวิทยุ (ตัวอย่าง)", "470000.00", M.SPECIFIC, 6, 0, SourceOfFunds.ANNUAL_BUDGET),
    ("จัดซื้ออาหารเสริม (นม) โรงเรียน (ตัวอย่าง)", "2950000.00", M.E_MARKET, 0, 2, SourceOfFunds.GRANT),
    ("จ้างจัดอบรมเจ้าหน้าที่พัสดุด้านการจัดซื้อจัดจ้าง (ตัวอย่าง)", "95000.00", M.SPECIFIC, 7, 4,
     SourceOfFunds.ANNUAL_BUDGET),
)
BIDDERS = ("บริษัท ตัวอย่างก่อสร้าง จำกัด", "ห้างหุ้นส่วนจำกัด ตัวอย่างการช่าง", "บริษัท ตัวอย่างพาณิชย์ จำกัด")


def _announce(project, kind, title, day, **extra):
    announcement, created = Announcement.objects.get_or_create(
        project=project, kind=kind, defaults={"title": title, "announced_on": day, **extra})
    if created:
        # A page of Thai text about it (the search reads it), never a scan: 77 scans would keep
        # the demo's OCR busy for minutes.
        content = sample_pdf(title, scan=False)
        announcement.document.save(f"{project.egp_number}-{kind}.pdf", ContentFile(content))
    return announcement


def _project(item, number, today, quick=False):
    """The full chain: draft TOR (general invitation only), invitation, bids, winner, contract.
    A quick purchase (specific method, from the first days of the year) is contracted within
    days, by today at the latest, so the current year has a monthly result from its first day."""
    month = item.planned_month
    project, _created = ProcurementProject.objects.get_or_create(
        egp_number=number, defaults={
            "plan_item": item, "title": item.title, "method": item.method,
            "reference_price": (item.budget * Decimal("0.98")).quantize(Decimal("0.01")),
            "reference_price_basis": "ราคาที่ได้จากการสืบราคาจากท้องตลาด 3 ราย (ตัวอย่าง)",
            "category": _category(item.title), "bids_close_on": month + datetime.timedelta(days=14)})
    _committees(project, missing_declaration=number.endswith("0000002"))
    general = item.method in (M.E_BIDDING, M.E_MARKET, M.PRICE_INQUIRY)
    if general:
        _announce(project, AnnouncementKind.DRAFT_TOR, f"ร่างขอบเขตของงาน {item.title}", month,
                  hearing_opens_on=month, hearing_closes_on=month + datetime.timedelta(days=3))
    days = datetime.timedelta(days=2 if quick else 7)
    invitation_day = min(month + days, today) if quick else month + days
    if invitation_day > today:
        return
    _announce(project, AnnouncementKind.INVITATION, f"ประกาศเชิญชวน {item.title}", invitation_day)
    if not project.bids.exists():
        count = 3 if general else 1
        for rank in range(count):
            Bid.objects.create(project=project, bidder_name=BIDDERS[rank],
                               amount=(project.reference_price * (Decimal("0.95") + Decimal("0.02") * rank))
                               .quantize(Decimal("0.01")))
    contract_day = invitation_day if quick else month + datetime.timedelta(days=25)
    if contract_day > today:
        return
    winner = project.bids.order_by("amount").first()
    _announce(project, AnnouncementKind.WINNER, f"ประกาศผู้ชนะการเสนอราคา {item.title}",
              contract_day if quick else month + datetime.timedelta(days=20))
    award, _created = Award.objects.get_or_create(project=project, defaults={
        "winning_bid": winner, "contract_amount": winner.amount, "contract_date": contract_day,
        "contract_end": contract_day + datetime.timedelta(days=CONTRACT_DAYS),
        "contract_number": f"{number[-4:]}/{thai.be_year(contract_day.year)}"})
    _announce(project, AnnouncementKind.CONTRACT, f"สาระสำคัญของสัญญา {item.title}", contract_day)
    _progress(award, today)


# Sample committee members (positions, not real people): (name, position, trained).
MEMBERS = (
    ("นาย ตัวอย่าง ใจดี", "ผู้อำนวยการกองช่าง", True),
    ("นาง ตัวอย่าง รักงาน", "นักวิชาการพัสดุชำนาญการ", True),
    ("นางสาว ตัวอย่าง มีสุข", "นายช่างโยธาอาวุโส", False),
)


def _committees(project, missing_declaration):
    """Three members in each committee; one project keeps a member who has not yet declared and
    an inspection committee with nobody trained, so the red flags show what they look for."""
    if project.committee.exists():
        return
    declaration = sample_pdf("แบบแสดงความบริสุทธิ์ใจในการจัดซื้อจัดจ้าง", scan=False)  # one form, made once
    for role in CommitteeRole.values:
        people = MEMBERS if role != CommitteeRole.INSPECTION or not missing_declaration else MEMBERS[2:]
        for rank, (name, position, _trained) in enumerate(people):
            declared = not (missing_declaration and rank == len(people) - 1)
            member = CommitteeMember(project=project, role=role, name=name, position=position,
                                     declared_on=project.plan_item.planned_month if declared else None)
            if declared:
                member.declaration.save(f"{project.egp_number}-{role}-{rank}.pdf", ContentFile(declaration),
                                        save=False)
            member.save()


def _training(current):
    for name, position, trained in MEMBERS:
        if trained:
            ProcurementTraining.objects.get_or_create(
                name=name, course="การจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ (ตัวอย่าง)", defaults={
                "position": position, "hours": Decimal("12"), "organiser": "กรมบัญชีกลาง (ตัวอย่าง)",
                "attended_on": thai.fiscal_year_range(current - 1)[0] + datetime.timedelta(days=40)})


# Sample contracts run this many days; what has happened by today is recorded as progress.
CONTRACT_DAYS = 90


def _category(title):
    return "works" if title.startswith(("ก่อสร้าง", "ปรับปรุง", "จ้างซ่อม")) else \
        "services" if title.startswith("จ้าง") else "goods"


def _progress(award, today):
    """Half-way, delivered, inspected and paid, as far as the sample contract's dates have come."""
    Stage = ContractProgress.Stage
    start = award.contract_date
    steps = ((start + datetime.timedelta(days=45), Stage.IN_PROGRESS, {"percent": 50}),
             (start + datetime.timedelta(days=CONTRACT_DAYS), Stage.DELIVERED, {}),
             (start + datetime.timedelta(days=CONTRACT_DAYS + 5), Stage.INSPECTED, {}),
             (start + datetime.timedelta(days=CONTRACT_DAYS + 20), Stage.PAID,
              {"amount": award.contract_amount, "description": "เบิกจ่ายเต็มจำนวน (ตัวอย่าง)"}))
    for day, stage, extra in steps:
        if day <= today:
            ContractProgress.objects.get_or_create(award=award, stage=stage, defaults={"date": day, **extra})


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _hearing_comments(open_tor):
    """Seed measure 5: most problems came from committees drafting specifications without
    knowing the goods. On the FY 2564 sewage draft TOR, a comment against a one-brand pump and the
    response that changed the draft; on the hearing open now, one awaiting its response."""
    sewage_tor = Announcement.objects.get(
        kind=AnnouncementKind.DRAFT_TOR, project__plan_item__plan__fiscal_year=2564,
        project__title__startswith="ปรับปรุงระบบบำบัดน้ำเสียรวม")
    HearingComment.objects.get_or_create(
        announcement=sewage_tor,
        body="ร่างขอบเขตของงานระบุเครื่องสูบน้ำเสียเป็นรุ่นของผู้ผลิตรายเดียว ขอให้กำหนดเป็นสมรรถนะ "
             "(อัตราการสูบและระยะส่ง) แทน เพื่อให้ผู้ขายหลายรายเสนอราคาได้ (ตัวอย่าง)",
        defaults={
            "submitted_at": _at(sewage_tor.hearing_opens_on + datetime.timedelta(days=1), 10),
            "response": "คณะกรรมการกำหนดขอบเขตของงานปรับคุณลักษณะเครื่องสูบน้ำเสียเป็นค่าสมรรถนะขั้นต่ำ "
                        "และเผยแพร่ร่างที่แก้ไขก่อนประกาศเชิญชวน (ตัวอย่าง)",
            "responded_at": _at(sewage_tor.hearing_closes_on + datetime.timedelta(days=1), 14),
            "tor_changed": True})
    HearingComment.objects.get_or_create(
        announcement=open_tor,
        body="ขอให้ระบุมาตรฐานพื้นยางสังเคราะห์ของลานกีฬา และกำหนดระยะเวลารับประกันความชำรุดบกพร่อง"
             "ไม่น้อยกว่า 2 ปี (ตัวอย่าง)",
        defaults={"submitted_at": _at(open_tor.hearing_opens_on, 15)})


QUICK_ITEM = "จัดซื้อน้ำมันเชื้อเพลิงสำหรับรถบรรทุกขยะ ไตรมาสแรก (ตัวอย่าง)"


def _planned(index, fiscal_year):
    """Which sample items a year plans: FY 2564 all of them; other years leave out a different
    one or two, so no two years' plans are the same list."""
    return fiscal_year == 2564 or (index + fiscal_year) % 5 != 0


def _budget(amount, fiscal_year):
    """FY 2564 as invented first; later years' prices move with the year (up to +8 %)."""
    if fiscal_year == 2564:
        return Decimal(amount)
    return (Decimal(amount) * (100 + fiscal_year % 9) / 100).quantize(Decimal("1000"))


def load(stdout):
    today = timezone.localdate()
    current = thai.current_fiscal_year()
    # FY 2564 too: the seed document answers the ITA 2564 assessment, whose checklist (O21–O24)
    # asks for that year's plan, announcements, monthly results and annual report.
    for fiscal_year in (2564, current - 1, current):
        start, _end = thai.fiscal_year_range(fiscal_year)
        approved = start - datetime.timedelta(days=20)
        plan, _created = ProcurementPlan.objects.get_or_create(fiscal_year=fiscal_year, defaults={
            "budget_approved_on": approved,
            # The earlier year's plan came out late, so the page shows what a late plan looks like.
            "published_on": approved + datetime.timedelta(days=45 if fiscal_year < current else 12),
            "note": "แผนตัวอย่างสำหรับสาธิตระบบ (ตัวอย่าง)"})
        if fiscal_year < current:
            PlanRevision.objects.get_or_create(plan=plan, number=1, defaults={
                "revised_on": start + datetime.timedelta(days=90),
                "changes": "เพิ่มโครงการจ้างจัดอบรมเจ้าหน้าที่พัสดุ และปรับวงเงินจัดซื้อวัสดุไฟฟ้า (ตัวอย่าง)"})
        for index, (title, budget, method, offset, division, source) in enumerate(ITEMS):
            if not _planned(index, fiscal_year):
                continue
            item, _created = PlanItem.objects.get_or_create(plan=plan, title=title, defaults={
                "budget": _budget(budget, fiscal_year), "method": method,
                "planned_month": thai.fiscal_months(fiscal_year)[offset],
                "division": DIVISIONS[division], "source_of_funds": source})
            # e-GP project numbers have 11 digits; these sample ones start with the year.
            _project(item, f"{fiscal_year % 100:02d}01{index + 1:07d}", today)
        if fiscal_year != 2564:
            item, _created = PlanItem.objects.get_or_create(plan=plan, title=QUICK_ITEM, defaults={
                "budget": _budget("120000.00", fiscal_year), "method": M.SPECIFIC,
                "planned_month": thai.fiscal_months(fiscal_year)[0], "division": DIVISIONS[3],
                "source_of_funds": SourceOfFunds.ANNUAL_BUDGET})
            _project(item, f"{fiscal_year % 100:02d}018000001", today, quick=True)
        # A draft TOR open for comment right now, so a visitor can try the hearing.
        item, _created = PlanItem.objects.get_or_create(
            plan=plan, title="ก่อสร้างลานกีฬาชุมชน (ตัวอย่าง รับฟังความคิดเห็น)", defaults={
                "budget": Decimal("3200000.00"), "method": M.E_BIDDING,
                "planned_month": today.replace(day=1) if thai.fiscal_year_of(today) == fiscal_year
                else thai.fiscal_months(fiscal_year)[11], "division": DIVISIONS[0]})
        if fiscal_year == current:
            project, _created = ProcurementProject.objects.get_or_create(
                egp_number=f"{fiscal_year % 100:02d}019000001", defaults={
                    "plan_item": item, "title": item.title, "method": item.method,
                    "reference_price": Decimal("3150000.00"),
                    "reference_price_basis": "ราคามาตรฐานงานก่อสร้างของกรมบัญชีกลาง (ตัวอย่าง)"})
            open_tor = _announce(project, AnnouncementKind.DRAFT_TOR, f"ร่างขอบเขตของงาน {item.title}",
                                 today - datetime.timedelta(days=2),
                                 hearing_opens_on=today - datetime.timedelta(days=2),
                                 hearing_closes_on=today + datetime.timedelta(days=5))
    _hearing_comments(open_tor)
    _training(current)
    ProcurementYearReview.objects.get_or_create(fiscal_year=current - 1, defaults={
        "problems": "มีผู้เสนอราคาน้อยรายในงานจ้างเหมาบริการ (ตัวอย่าง)",
        "obstacles": "ราคาวัสดุก่อสร้างผันผวนระหว่างปี ทำให้ต้องทบทวนราคากลางหลายครั้ง (ตัวอย่าง)",
        "recommendations": "เผยแพร่ร่างขอบเขตของงานล่วงหน้าให้นานขึ้น และจัดอบรมคณะกรรมการกำหนดราคากลาง (ตัวอย่าง)",
        "written_on": thai.fiscal_year_range(current - 1)[1] + datetime.timedelta(days=15)})
    stdout.write(f"การจัดซื้อจัดจ้าง: แผน {ProcurementPlan.objects.count()} ปี "
                 f"{PlanItem.objects.count()} รายการ สัญญา {Award.objects.count()} ฉบับ")

