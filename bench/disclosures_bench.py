"""Server time and query counts of the disclosures pages with many documents.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpp_disclosures \
        .venv/bin/python -m bench.disclosures_bench [--documents 10000] [--runs 30]

Adds the documents with bulk_create inside a transaction that is rolled back at the end, so
the database (migrated, with `load_oit_items` or `load_demo` run) is left as it was. Server
time is the time Django takes to answer in-process (middleware, view, queries, template),
measured with the test client: no network, no web server. Prints medians; asserts nothing.
"""
import argparse
import time

from bench.common import measure_page, setup_django

setup_django()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from disclosures.models import AssessmentYear, Category, Document, OITItem  # noqa: E402
from disclosures.oit_lists import load_all  # noqa: E402

# Thai titles built like the municipality's: one sentence, no spaces between words.
PREFIXES = ["ประกาศเทศบาลเมืองกำแพงเพชรเรื่อง", "รายงานผลการดำเนินงาน", "คู่มือการปฏิบัติงาน",
            "แผนการดำเนินงานโครงการ", "สรุปผลการประชุมคณะกรรมการเกี่ยวกับ"]
TOPICS = ["การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง", "การซ่อมแซมถนนคอนกรีตเสริมเหล็ก", "การจัดการขยะมูลฝอยชุมชน",
          "การบริหารตลาดสดเทศบาล", "การป้องกันโรคไข้เลือดออก", "การพัฒนาคุณภาพชีวิตผู้สูงอายุ",
          "การบำบัดน้ำเสียในเขตเมือง", "การจัดงานประเพณีนบพระเล่นเพลง", "การขุดลอกคูคลองระบายน้ำ",
          "การติดตั้งไฟฟ้าส่องสว่างสาธารณะ", "การจัดซื้อวัสดุสำนักงาน", "การอบรมพนักงานเรื่องผลประโยชน์ทับซ้อน",
          "การรับฟังความคิดเห็นของประชาชน", "การส่งเสริมการท่องเที่ยวเมืองมรดกโลก", "การจัดทำแผนพัฒนาท้องถิ่น",
          "การปรับปรุงสวนสาธารณะ", "การควบคุมอาคาร", "การเบี้ยยังชีพผู้พิการ", "การศึกษาปฐมวัย",
          "การป้องกันและบรรเทาสาธารณภัย"]

PAGES = [
    ("catalogue, page 1", "/disclosures/"),
    ("catalogue, category + year", "/disclosures/?category=report&year=2567"),
    ("Thai search, common word (5%)", "/disclosures/?q=ภาษีที่ดิน"),
    ("Thai search, rare word", "/disclosures/?q=นบพระเล่นเพลง ฉบับที่ 777"),
    ("Thai search + category", "/disclosures/?q=ขยะมูลฝอย&category=announcement"),
    ("checklist 2564", "/disclosures/ita/2564/"),
    ("ITA export 2564 (xlsx)", "/disclosures/ita/2564/export.xlsx"),
]


def add_documents(count):
    categories = list(Category.objects.all())
    Document.objects.bulk_create(
        (
            Document(
                title=f"{PREFIXES[n % len(PREFIXES)]}{TOPICS[n % len(TOPICS)]}"
                f"ประจำปีงบประมาณ {2560 + n % 10} ฉบับที่ {n}",
                summary=f"สาระสำคัญของ{TOPICS[(n * 7) % len(TOPICS)]}สำหรับประชาชนในเขตเทศบาล",
                category=categories[n % len(categories)],
                fiscal_year=2560 + n % 10,
                publication_date=f"{2017 + n % 9}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                is_published=n % 17 != 0,  # a few drafts, spread over every topic
                external_url="https://www.kppmu.go.th/",
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    # Editors link about one document in ten to an item of the 2564 list.
    items = list(OITItem.objects.filter(assessment_year=2564))
    through = Document.oit_items.through
    ids = Document.objects.order_by("-pk").values_list("pk", flat=True)[:count:10]
    through.objects.bulk_create(
        [through(document_id=pk, oititem_id=items[i % len(items)].pk) for i, pk in enumerate(ids)],
        ignore_conflicts=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}")
    with transaction.atomic():
        if not OITItem.objects.exists():
            load_all()
        # The public sees a confirmed year only; the demo confirms 2564, a bare load does not.
        for year in AssessmentYear.objects.filter(year=2564, confirmed_at__isnull=True):
            year.confirm(None, "benchmark")
        start = time.perf_counter()
        add_documents(args.documents)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE disclosures_document")
        total = Document.objects.count()
        print(f"{args.documents} documents added in {time.perf_counter() - start:.1f} s ({total} in all); "
              f"{args.runs} runs per page\n")
        print(f"{'page':34} {'median ms':>10} {'max ms':>8} {'queries':>8}")
        for label, path in PAGES:
            median, worst, count = measure_page(client, path, args.runs)
            print(f"{label:34} {median:10.1f} {worst:8.1f} {count:8d}")
        transaction.set_rollback(True)  # leave the database as it was


if __name__ == "__main__":
    main()
