"""The text inside published files: seconds per page to read a text layer and to OCR a scan, and
what the text of 10,000 documents adds to the search index.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpp_docs_bench   # a scratch database
    .venv/bin/python -m bench.documents [--documents 10000] [--pages 5] [--scans 3]
    .venv/bin/python -m bench.documents --reuse --runs 15   # the searches again, on what a run built

1. Reading: Thai PDFs made by the portal's PDF maker (one or two pages each, as the demo's), read
   as the worker does (pdftotext in the budget's child process, normalised, cut into words),
   and the same text as a DOCX; seconds per page.
2. OCR: scans of the same PDFs (pictures at 200 dpi, no text layer) through OCRmyPDF in Thai and
   English; seconds per page (one job: the worker runs one file at a time, niced).
3. The index: --documents published documents, each with --pages pages of read text (the pages
   of step 1, numbered apart so no two documents are the same), the index rebuilt; the size of
   the search tables before and after the text is added, the rebuild's time, and the median of
   a few searches that find words inside the files (--reuse: only these, on the index a previous
   run built).
Asserts nothing; prints the figures and writes them to bench/results/.
"""
import argparse
import statistics
import time

from bench.common import setup_django, write_result

# Words in every document's file (the worst case: the bench's files share their pages), and one
# document's own number.
QUERIES = ["ขุดลอกคลองระบายน้ำ", "ไข้เลือดออก", "ศูนย์พัฒนาเด็กเล็ก", "คอนกรีตเสริมเหล็ก ซอยเทศบาล", "ฉบับที่ 4711"]


def _pdfs(count):
    from kpp_portal.demofiles import STYLE, document_html
    from kpp_portal.pdf import html_to_pdf

    return [html_to_pdf(document_html(f"รายงานผลการดำเนินงาน ฉบับที่ {number}"), stylesheets=[STYLE])
            for number in range(count)]


def _docx(pages):
    import io
    import zipfile

    body = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'.join(
        f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for page in pages for line in page.split("\n"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
                         f'openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    return out.getvalue()


def reading_per_page(pdfs):
    from search import reading

    reading.stored(reading.read_pages("pdf", pdfs[0]))  # the dictionaries, once per worker
    pages, seconds, all_pages = 0, {"pdf": 0.0, "docx": 0.0}, []
    for pdf in pdfs:
        start = time.perf_counter()
        read = reading.read_pages("pdf", pdf)
        reading.stored(read)
        seconds["pdf"] += time.perf_counter() - start
        docx = _docx(read)
        start = time.perf_counter()
        reading.stored(reading.read_pages("docx", docx))
        seconds["docx"] += time.perf_counter() - start
        pages += len(read)
        all_pages.extend(read)
    return {kind: value / pages for kind, value in seconds.items()}, pages, all_pages


def ocr_per_page(pdfs):
    from kpp_portal.demofiles import as_scan
    from search import reading

    pages, seconds = 0, 0.0
    for pdf in pdfs:
        scan = as_scan(pdf)
        start = time.perf_counter()
        _copy, read = reading.ocr(scan)
        seconds += time.perf_counter() - start
        pages += len(read)
    return seconds / pages, pages


def _size(cursor, table):
    cursor.execute("SELECT pg_total_relation_size(%s)", [table])
    return cursor.fetchone()[0]


def index_size(documents, pages_per_document, pages):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from disclosures.models import Category, Document
    from kpp_portal import words
    from search import index, reading
    from search.files import FileText

    category, _created = Category.objects.get_or_create(slug="bench-documents",
                                                        defaults={"name": "เอกสารเผยแพร่ (ตัวอย่าง)"})
    Document.objects.filter(category=category).delete()
    made = Document.objects.bulk_create([Document(
        category=category, fiscal_year=2568, title=f"เอกสารทดสอบการค้นหาในไฟล์ ฉบับที่ {number + 1}",
        summary="สาระสำคัญโดยย่อ", attachment=f"disclosures/bench/{number}.pdf", is_published=True)
        for number in range(documents)], batch_size=1000)
    with connection.cursor() as cursor:
        started = time.perf_counter()
        index.rebuild()
        bare_seconds = time.perf_counter() - started
        cursor.execute("VACUUM FULL ANALYZE search_searchentry")  # the sizes of the rows alone
        bare = _size(cursor, "search_searchentry")
        content_type = ContentType.objects.get_for_model(Document)
        texts = {}
        rows = []
        for number, document in enumerate(made):
            chosen = [pages[(number + offset) % len(pages)] for offset in range(pages_per_document)]
            key = tuple(chosen)
            if key not in texts:
                texts[key] = reading.stored(chosen)
            rows.append(FileText(content_type=content_type, object_id=document.pk,
                                 name=document.attachment.name, state=FileText.State.DONE,
                                 pages=pages_per_document,
                                 text=texts[key] + words.SEPARATOR + words.segment(f" ฉบับที่ {number}")))
        FileText.objects.filter(content_type=content_type).delete()
        FileText.objects.bulk_create(rows, batch_size=1000)
        started = time.perf_counter()
        index.rebuild()
        full_seconds = time.perf_counter() - started
        cursor.execute("VACUUM FULL ANALYZE search_searchentry")
        cursor.execute("VACUUM FULL ANALYZE search_filetext")
        full, file_texts = _size(cursor, "search_searchentry"), _size(cursor, "search_filetext")
    return {"bare_mb": bare / 2**20, "full_mb": full / 2**20, "file_text_mb": file_texts / 2**20,
            "rebuild_bare_s": bare_seconds, "rebuild_full_s": full_seconds, "queries_ms": searches()}


def searches(runs=5):
    """{query: (median ms, number found, more found than counted)} of find() for QUERIES."""
    from kpp_portal.words import Query
    from search.results import find

    find(Query("อุ่นเครื่อง"))  # the connection and the tokenizer, once
    timings = {}
    for query in QUERIES:
        samples = []
        for _run in range(runs):
            started = time.perf_counter()
            found = find(Query(query))
            samples.append((time.perf_counter() - started) * 1000)
        timings[query] = (statistics.median(samples), found.total(), found.has_more())
    return timings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=5, help="pages of text per document in the index")
    parser.add_argument("--pdfs", type=int, default=20)
    parser.add_argument("--scans", type=int, default=3)
    parser.add_argument("--reuse", action="store_true",
                        help="only time the searches, on the documents a previous run left in the database")
    parser.add_argument("--runs", type=int, default=5, help="runs of each search (--reuse)")
    args = parser.parse_args(argv)
    setup_django(DEBUG="false")
    from django.conf import settings

    name = settings.DATABASES["default"]["NAME"]
    if "bench" not in name and "load" not in name:
        raise SystemExit("Point DATABASE_URL at a scratch database whose name contains bench or load.")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.reuse:
        _print_searches(searches(args.runs))
        return
    pdfs = _pdfs(args.pdfs)
    per_page, pages, all_pages = reading_per_page(pdfs)
    print(f"text layer: {per_page['pdf']:.3f} s/page (PDF), {per_page['docx']:.3f} s/page (DOCX), "
          f"{pages} pages")
    ocr_seconds, ocr_pages = ocr_per_page(pdfs[:args.scans])
    print(f"OCR (tha+eng, 200 dpi): {ocr_seconds:.2f} s/page, {ocr_pages} pages")
    sizes = index_size(args.documents, args.pages, all_pages)
    print(f"index at {args.documents:,} documents: {sizes['bare_mb']:.1f} MB without the files' text, "
          f"{sizes['full_mb']:.1f} MB with {args.pages} pages each (+ {sizes['file_text_mb']:.1f} MB of read "
          f"text kept in search_filetext); rebuild {sizes['rebuild_bare_s']:.1f} s → "
          f"{sizes['rebuild_full_s']:.1f} s")
    _print_searches(sizes["queries_ms"])
    path = write_result("documents", {"per_page": per_page, "pages": pages, "ocr_s_per_page": ocr_seconds,
                                      "ocr_pages": ocr_pages, "index": sizes, "documents": args.documents,
                                      "pages_per_document": args.pages})
    print(f"written to {path}")


def _print_searches(timings):
    for query, (median, total, more) in timings.items():
        print(f"  search “{query}”: {median:.1f} ms median, {'more than ' if more else ''}{total:,} found")


if __name__ == "__main__":
    main()
