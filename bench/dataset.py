"""A realistic, repeatable data set for the benchmarks, built through the models in bulk.

    python -m bench.dataset [--scale 1.0] [--seed 8]

Empties the benchmark database (DATABASE_URL, default kpp_load; it refuses a database whose
name does not contain "load" or "bench" unless --force), migrates, loads the demo content, then
adds with bulk_create (seeded, so two runs give the same rows):

  disclosures  10,000 published documents over 10 fiscal years (2560–2569), Thai titles
  procurement  one plan per fiscal year, 5,000 plan items, a project for every second item
               with its announcements (invitation, winner, contract), bids and an award
  committees   50 committees, a term each, 600 members, 2,000 meetings
  complaints   20,000 corruption reports (encrypted at rest like real ones) with messages,
               status changes and a valid hash-chained audit trail
  services     50,000 E-Service requests over five fiscal years (this one included) with their
               timeline steps: most closed, many rated, the recent ones open (some overdue),
               information requests answered and a share of them in the public register

Sections whose models are not on this branch are reported as missing and skipped. --scale
multiplies every count (0.1 for a quick run). Invented rows are marked ตัวอย่าง.
"""
import argparse
import datetime
import os
import random
import sys
import time
from decimal import Decimal

from django.apps import apps

from bench.common import DEFAULT_DATABASE_URL, production_env

FISCAL_YEARS = range(2560, 2570)
TOPICS = ["งบประมาณ", "แผนพัฒนาท้องถิ่น", "ประกาศ", "รายงานผลการดำเนินงาน", "คำสั่ง", "การจัดซื้อจัดจ้าง",
          "ข้อบัญญัติ", "การประชุมสภา", "ถนนและทางระบายน้ำ", "สาธารณสุข", "การศึกษา", "สิ่งแวดล้อม"]
PLACES = ["ห้องประชุมสำนักงานเทศบาล", "ศาลาประชาคมชุมชน", "หอประชุมเทศบาล", "อาคารอเนกประสงค์"]
DIVISIONS = ("กองช่าง", "กองสาธารณสุขและสิ่งแวดล้อม", "กองการศึกษา", "สำนักปลัดเทศบาล", "กองคลัง")
BATCH = 2000


def fiscal_year_start(fiscal_year):
    return datetime.date(fiscal_year - 543 - 1, 10, 1)


def day_in_fiscal_year(rng, fiscal_year):
    return fiscal_year_start(fiscal_year) + datetime.timedelta(days=rng.randrange(365))


def aware(date, hour=10):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))


def model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def build_disclosures(rng, scale):
    Category, Document = model("disclosures.Category"), model("disclosures.Document")
    categories = list(Category.objects.all()) or [
        Category.objects.create(name="เอกสารเผยแพร่ (ตัวอย่าง)", slug="bench-documents")
    ]
    # One small PDF in storage shared by every generated document: the pages link to it.
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    pdf = default_storage.save(
        "disclosures/bench/sample.pdf", ContentFile(b"%PDF-1.4\n% bench sample\n%%EOF\n")
    )
    today = datetime.date.today()
    documents = []
    for number in range(int(10_000 * scale)):
        year = FISCAL_YEARS[number % len(FISCAL_YEARS)]
        topic, other = rng.choice(TOPICS), rng.choice(TOPICS)
        published = min(day_in_fiscal_year(rng, year), today)
        documents.append(Document(
            category=categories[number % len(categories)], fiscal_year=year, publication_date=published,
            title=f"{topic}เรื่อง{other} ฉบับที่ {number + 1}/{year} (ตัวอย่าง)",
            summary=f"สาระสำคัญโดยย่อของเอกสารเกี่ยวกับ{other}และ{topic} ประจำปีงบประมาณ {year} (ตัวอย่าง)",
            attachment=pdf, original_filename=f"document-{number + 1}.pdf", content_type="application/pdf",
            file_size=32, is_published=True,
        ))
    Document.objects.bulk_create(documents, batch_size=BATCH)
    return {"documents": len(documents)}


def build_procurement(rng, scale):
    Plan, Item = model("procurement.ProcurementPlan"), model("procurement.PlanItem")
    Project, Announcement = model("procurement.ProcurementProject"), model("procurement.Announcement")
    Bid, Award = model("procurement.Bid"), model("procurement.Award")
    from procurement.models import AnnouncementKind, ProcurementMethod

    methods = ProcurementMethod.values
    plans = {}
    for year in FISCAL_YEARS:
        start = fiscal_year_start(year)
        plans[year], _ = Plan.objects.get_or_create(fiscal_year=year, defaults={
            "budget_approved_on": start - datetime.timedelta(days=20),
            "published_on": start - datetime.timedelta(days=10), "note": "ตัวอย่างชุดทดสอบภาระงาน"})
    items = []
    for number in range(int(5_000 * scale)):
        year = FISCAL_YEARS[number % len(FISCAL_YEARS)]
        month = fiscal_year_start(year).replace(day=1)
        month = (month + datetime.timedelta(days=31 * rng.randrange(12))).replace(day=1)
        items.append(
            Item(
                plan=plans[year],
                title=f"{rng.choice(TOPICS)} โครงการที่ {number + 1} (ตัวอย่าง)",
                budget=Decimal(rng.randrange(20_000, 5_000_000)) + Decimal("0.50"),
                method=methods[number % len(methods)],
                planned_month=month,
                division=DIVISIONS[number % len(DIVISIONS)],
            )
        )
    items = Item.objects.bulk_create(items, batch_size=BATCH)
    projects = Project.objects.bulk_create([
        Project(plan_item=item, egp_number=f"B{number:011d}", title=item.title, method=item.method,
                reference_price=item.budget, reference_price_basis="สืบราคาจากท้องตลาด (ตัวอย่าง)")
        for number, item in enumerate(items[::2])
    ], batch_size=BATCH)
    announcements, bids = [], []
    for project in projects:
        month = project.plan_item.planned_month
        for kind, day in (
            (AnnouncementKind.INVITATION, 2),
            (AnnouncementKind.WINNER, 20),
            (AnnouncementKind.CONTRACT, 25),
        ):
            announcements.append(
                Announcement(
                    project=project,
                    kind=kind,
                    title=f"{kind.label} {project.title}",
                    announced_on=month.replace(day=day),
                )
            )
        for rank in range(3):
            bids.append(
                Bid(
                    project=project,
                    bidder_name=f"บริษัท ตัวอย่างที่ {rank + 1} จำกัด",
                    amount=(project.reference_price * Decimal(95 + rank) / 100).quantize(Decimal("0.01")),
                )
            )
    Announcement.objects.bulk_create(announcements, batch_size=BATCH)
    bids = Bid.objects.bulk_create(bids, batch_size=BATCH)
    Award.objects.bulk_create(
        [
            Award(
                project=project,
                winning_bid=bids[number * 3],
                contract_number=f"{number + 1}/ตัวอย่าง",
                contract_amount=bids[number * 3].amount,
                contract_date=project.plan_item.planned_month.replace(day=25),
            )
            for number, project in enumerate(projects)
        ],
        batch_size=BATCH,
    )
    return {"plan items": len(items), "projects": len(projects), "announcements": len(announcements),
            "bids": len(bids), "awards": len(projects)}


def build_committees(rng, scale):
    Committee, Term = model("committees.Committee"), model("committees.CommitteeTerm")
    Member, Meeting = model("committees.Member"), model("committees.Meeting")
    from committees.models import CommitteeRole, Constituency, MeetingKind

    committees = Committee.objects.bulk_create([
        Committee(name=f"คณะกรรมการ{rng.choice(TOPICS)} ชุดที่ {number + 1} (ตัวอย่าง)",
                  mandate="อำนาจหน้าที่ตามคำสั่งแต่งตั้ง (ตัวอย่าง)", display_order=100 + number)
        for number in range(max(1, int(50 * scale)))
    ])
    terms = Term.objects.bulk_create([
        Term(committee=committee, starts_on=datetime.date(2024, 10, 1), ends_on=datetime.date(2028, 9, 30),
             order_number=f"{number + 1}/2567 (ตัวอย่าง)")
        for number, committee in enumerate(committees)
    ])
    constituencies, members = Constituency.values, []
    for number in range(int(600 * scale)):
        term = terms[number % len(terms)]
        position = number // len(terms) + 1
        role = CommitteeRole.CHAIR if position == 1 else CommitteeRole.MEMBER
        members.append(
            Member(
                term=term,
                order_in_appointment=position,
                name=f"กรรมการตัวอย่าง {number + 1}",
                position="ตัวอย่าง",
                constituency=constituencies[number % len(constituencies)],
                role=role,
            )
        )
    Member.objects.bulk_create(members, batch_size=BATCH)
    meetings = []
    for number in range(int(2_000 * scale)):
        committee = committees[number % len(committees)]
        day = day_in_fiscal_year(rng, FISCAL_YEARS[number % len(FISCAL_YEARS)])
        meetings.append(
            Meeting(
                kind=MeetingKind.MEETING,
                committee=committee,
                title=f"การประชุม{committee.name} ครั้งที่ {number + 1}",
                starts_at=aware(day),
                place=rng.choice(PLACES),
                agenda="ระเบียบวาระการประชุม (ตัวอย่าง)",
                resolutions="มติที่ประชุม (ตัวอย่าง)",
                attendance=rng.randrange(5, 40),
                is_published=True,
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    return {"committees": len(committees), "members": len(members), "meetings": len(meetings)}


def build_complaints(rng, scale):
    from django.db.models import Max
    from django.utils import timezone

    from complaints import recipients
    from complaints.models import (
        REFERENCE_PREFIX,
        AuditEntry,
        Category,
        CorruptionReport,
        ReportMessage,
        Status,
        StatusChange,
    )
    from kpp_portal.thai import fiscal_year_of

    now = timezone.now()
    # References continue each fiscal year's numbering (the demo's reports come first).
    sequences = dict(CorruptionReport.objects.values_list("fiscal_year").annotate(last=Max("sequence")))
    categories, reports = Category.values, []
    for number in range(int(20_000 * scale)):
        received = now - datetime.timedelta(days=rng.randrange(3 * 365), minutes=rng.randrange(1440))
        report = CorruptionReport(
            category=categories[number % len(categories)],
            received_on=timezone.localtime(received).date(),
            description=f"รายละเอียดเรื่องร้องเรียนตัวอย่างที่ {number + 1}",
            when_where="ตัวอย่าง",
            status=Status.RECEIVED,
            receipt_hash=f"bench-receipt-{number}",  # a unique placeholder: no receipt opens it
            is_sample=True,
        )
        report.set_deadlines()
        # Its own data key, as every report has (open only in this process: the load figures
        # need the metadata, never the text).
        recipients.start_data_key(report)
        report.fiscal_year = fiscal_year_of(received)
        report.sequence = sequences[report.fiscal_year] = sequences.get(report.fiscal_year, 0) + 1
        report.reference = f"{REFERENCE_PREFIX}-{report.fiscal_year}-{report.sequence:04d}"
        if number % 3:  # two in three have been acknowledged, one in three of those concluded
            report.status = Status.ACKNOWLEDGED
            report.acknowledged_at = received + datetime.timedelta(days=3)
        reports.append(report)
    reports = CorruptionReport.objects.bulk_create(reports, batch_size=BATCH)
    messages, changes, audit = [], [], []
    head = AuditEntry.objects.order_by("-pk").first()
    previous = head.entry_hash if head else AuditEntry.GENESIS
    for report in reports:
        messages.append(ReportMessage(report=report, kind=ReportMessage.Kind.TO_REPORTER,
                                      body="ได้รับเรื่องแล้ว อยู่ระหว่างตรวจสอบ (ตัวอย่าง)",
                                      sent_on=report.received_on + datetime.timedelta(days=2)))
        if report.status == Status.ACKNOWLEDGED:
            changes.append(
                StatusChange(
                    report=report,
                    from_status=Status.RECEIVED,
                    to_status=Status.ACKNOWLEDGED,
                    changed_at=report.acknowledged_at,
                )
            )
            entry = AuditEntry(
                created_at=report.acknowledged_at,
                actor="legal-bench",
                action=AuditEntry.Action.STATUS,
                report_reference=report.reference,
                detail="received → acknowledged",
                previous_hash=previous,
            )
            entry.entry_hash = previous = entry.compute_hash()
            audit.append(entry)
    ReportMessage.objects.bulk_create(messages, batch_size=BATCH)
    StatusChange.objects.bulk_create(changes, batch_size=BATCH)
    AuditEntry.objects.bulk_create(audit, batch_size=BATCH)
    return {"reports": len(reports), "messages": len(messages), "status changes": len(changes),
            "audit entries": len(audit)}


SERVICE_SUBJECTS = {
    "public-works-fault": ["ไฟฟ้าส่องสว่างดับ", "ท่อระบายน้ำอุดตัน", "ถนนชำรุดเป็นหลุม", "ฝาท่อระบายน้ำแตก"],
    "general-petition": ["ขอตัดแต่งกิ่งไม้ริมทาง", "ขอรถน้ำดับเพลิงช่วยล้างถนน", "ขอป้ายจราจรในซอย"],
    "information-request": ["ขอสำเนาสัญญาจ้างซ่อมถนน", "ขอรายงานการประชุมสภาเทศบาล", "ขอแผนการจัดเก็บขยะ"],
    "building-permit-precheck": ["ตรวจแบบบ้านพักอาศัย 2 ชั้น", "ตรวจแบบอาคารพาณิชย์", "ตรวจแบบต่อเติมครัว"],
}
# Share of requests per service; the demo's four services.
SERVICE_WEIGHTS = {"public-works-fault": 50, "general-petition": 25, "information-request": 15,
                   "building-permit-precheck": 10}


def build_services(rng, scale):
    """50,000 requests through the demo's services, numbered after the demo's own (EB-<year>-n
    per calendar year, counters moved on), deadlines and working days from the real calendar."""
    from django.utils import timezone

    from kpp_portal.models import ReferenceCounter
    from kpp_portal.thai import be_year, current_fiscal_year, fiscal_year_of
    from services.models import (
        REFERENCE_PREFIX,
        Outcome,
        RefusalGround,
        RequestEvent,
        RequestType,
        ServiceRequest,
        Status,
        _follow_up_digest,
    )
    from services.workdays import WorkingCalendar

    types = {request_type.slug: request_type for request_type in RequestType.objects.select_related("unit")}
    slugs = [slug for slug, weight in SERVICE_WEIGHTS.items() for _ in range(weight)]
    today = timezone.localdate()
    first_day = fiscal_year_start(current_fiscal_year() - 4)
    calendar = WorkingCalendar.covering(first_day, today + datetime.timedelta(days=400))
    count = int(50_000 * scale)
    received_days = sorted(first_day + datetime.timedelta(days=rng.randrange((today - first_day).days + 1))
                           for _ in range(count))
    counters = dict(ReferenceCounter.objects.filter(scope=REFERENCE_PREFIX).values_list(
        "year_be", "last_number"))
    requests = []
    for number, received_on in enumerate(received_days):
        request_type = types[rng.choice(slugs)]
        year = be_year(received_on.year)
        counters[year] = counters.get(year, 0) + 1
        received_at = aware(received_on, 8 + rng.randrange(9))
        item = ServiceRequest(
            reference=f"{REFERENCE_PREFIX}-{year}-{counters[year]:04d}", request_type=request_type,
            follow_up_digest=_follow_up_digest(f"B{number:09d}"), unit=request_type.unit,
            fiscal_year=fiscal_year_of(received_on), received_at=received_at,
            due_date=calendar.add(received_on, request_type.time_limit_days),
            subject=f"{rng.choice(SERVICE_SUBJECTS[request_type.slug])} รายการที่ {number + 1} (ตัวอย่าง)",
            details="รายละเอียดคำร้องตัวอย่างสำหรับชุดทดสอบภาระงาน (ตัวอย่าง)", is_sample=True,
        )
        # Most requests close within or a little past their limit; the last weeks' are still open.
        taken = rng.randrange(int(request_type.time_limit_days * 1.6) + 1)
        closed_on = calendar.add(received_on, taken)
        if closed_on < today and rng.random() < 0.97:
            item.status, item.closed_at = Status.CLOSED, aware(closed_on, 15)
            item.working_days_taken, item.closed_on_time = taken, closed_on <= item.due_date
            if request_type.is_information_request:
                item.outcome = rng.choice([Outcome.DISCLOSED_FULL] * 12 + [Outcome.DISCLOSED_PART] * 5
                                          + [Outcome.REFUSED] * 3)
                if rng.random() < 0.7:
                    item.register_subject = item.subject
                    item.register_published_at = item.closed_at
            else:
                item.outcome = Outcome.COMPLETED if rng.random() < 0.9 else Outcome.DECLINED
            if rng.random() < 0.6:
                item.rating = rng.choice((5, 5, 4, 4, 4, 3, 2, 1))
                item.rated_at = item.closed_at
        elif rng.random() < 0.6:
            item.status = Status.IN_PROGRESS
        requests.append(item)
    requests = ServiceRequest.objects.bulk_create(requests, batch_size=BATCH)
    for year, last in counters.items():
        ReferenceCounter.objects.update_or_create(scope=REFERENCE_PREFIX, year_be=year,
                                                  defaults={"last_number": last})
    events = []
    for item in requests:
        events.append(RequestEvent(request=item, kind=RequestEvent.Kind.SUBMITTED, is_public=True,
                                   created_at=item.received_at))
        if item.closed_at:
            events.append(RequestEvent(request=item, kind=RequestEvent.Kind.CLOSED, is_public=True,
                                       created_at=item.closed_at, outcome=item.outcome,
                                       body="ดำเนินการแล้ว (ตัวอย่าง)"))
    RequestEvent.objects.bulk_create(events, batch_size=BATCH)
    ground = RefusalGround.objects.filter(code="มาตรา 15 (5)").first()
    through = ServiceRequest.refusal_grounds.through
    withheld = [through(servicerequest_id=item.pk, refusalground_id=ground.pk) for item in requests
                if ground and item.outcome in (Outcome.DISCLOSED_PART, Outcome.REFUSED)]
    through.objects.bulk_create(withheld, batch_size=BATCH)
    return {"requests": len(requests), "timeline steps": len(events),
            "closed": sum(1 for item in requests if item.closed_at),
            "in the register": sum(1 for item in requests if item.register_published_at)}


SECTIONS = [
    ("disclosures", ["disclosures.Document"], build_disclosures),
    ("procurement", ["procurement.PlanItem", "procurement.Award"], build_procurement),
    ("committees", ["committees.Committee", "committees.Member", "committees.Meeting"], build_committees),
    ("complaints", ["complaints.CorruptionReport", "complaints.AuditEntry"], build_complaints),
    ("services", ["services.ServiceRequest"], build_services),
]


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--force", action="store_true", help="empty a database whose name lacks load/bench")
    args = parser.parse_args(argv)

    os.environ.update(production_env())
    database = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL).rsplit("/", 1)[-1]
    if not any(word in database for word in ("load", "bench")) and not args.force:
        sys.exit(f"refusing to empty {database!r}: use a database named *load* or *bench*, or --force")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from kpp_portal import pagecache

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    print(f"emptied {database}, migrated, demo content loaded ({time.monotonic() - started:.1f} s)")
    rng = random.Random(args.seed)
    for section, labels, build in SECTIONS:
        missing = [label for label in labels if model(label) is None]
        if missing:
            print(f"{section:<12} MISSING on this branch ({', '.join(missing)}): skipped")
            continue
        section_started = time.monotonic()
        with transaction.atomic():
            counts = build(rng, args.scale)
        print(f"{section:<12} {', '.join(f'{value:,} {name}' for name, value in counts.items())} "
              f"({time.monotonic() - section_started:.1f} s)")
    started_index = time.monotonic()
    call_command("rebuild_search_index", stdout=open(os.devnull, "w"))  # bulk_create sends no signal
    print(f"{'search':<12} index rebuilt ({time.monotonic() - started_index:.1f} s)")
    pagecache.invalidate()  # bulk_create sends no signal: cached pages must not outlive the data
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give later
            cursor.execute("ANALYZE")
    print(f"done in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
