"""The demo's documents as real PDFs: a page or two of Thai text about each title, laid out by
the portal's PDF maker, and a few of them scans with no text layer (pictures of the pages), so
a newcomer sees the search find words inside documents and the OCR at work.

WeasyPrint takes about half a second a document: the PDFs are kept in a cache folder by their
title and kind, and a second `load_demo` reads them back.
"""
import fcntl
import hashlib
import html
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from pypdf import PdfReader, PdfWriter

from .pdf import html_to_pdf

VERSION = "2"  # change to make the cached PDFs anew
SCAN_EVERY = 7  # about one document in seven is a scan
MUNICIPALITY = "เทศบาลเมืองกำแพงเพชร"
OPENINGS = [
    "{municipality} จัดทำ{title} เพื่อเผยแพร่ให้ประชาชนทราบตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 "
    "และตามหลักเกณฑ์การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
    "ด้วย{municipality} ได้ดำเนินการตามอำนาจหน้าที่ในการจัดทำ{title} "
    "โดยคำนึงถึงประโยชน์สูงสุดของประชาชนในเขตเทศบาล และการมีส่วนร่วมของชุมชน",
]
BODIES = [
    "ในปีงบประมาณนี้ เทศบาลให้ความสำคัญกับการพัฒนาโครงสร้างพื้นฐาน ได้แก่ การขุดลอกคลองระบายน้ำ "
    "การซ่อมแซมถนนคอนกรีตเสริมเหล็ก และการติดตั้งไฟฟ้าส่องสว่างสาธารณะในชุมชนต่าง ๆ",
    "การดำเนินงานด้านสาธารณสุข ประกอบด้วยการป้องกันและควบคุมโรคไข้เลือดออก การรณรงค์คัดแยกขยะมูลฝอย "
    "ที่ต้นทาง และการส่งเสริมสุขภาพผู้สูงอายุในศูนย์พัฒนาคุณภาพชีวิต",
    "ด้านการศึกษา เทศบาลสนับสนุนอาหารกลางวันและอาหารเสริม (นม) แก่เด็กนักเรียนในศูนย์พัฒนาเด็กเล็ก "
    "และโรงเรียนสังกัดเทศบาล พร้อมจัดกิจกรรมส่งเสริมการอ่าน",
    "เจ้าหน้าที่ผู้รับผิดชอบได้ตรวจสอบความถูกต้องของข้อมูล และรายงานผลต่อผู้บริหารท้องถิ่นเป็นรายไตรมาส "
    "เพื่อปรับปรุงการปฏิบัติงานให้มีประสิทธิภาพ โปร่งใส และตรวจสอบได้",
    "ประชาชนสามารถแสดงความคิดเห็นหรือสอบถามรายละเอียดเพิ่มเติมได้ที่สำนักปลัดเทศบาล "
    "ในวันและเวลาราชการ หรือทางช่องทางออนไลน์ของเทศบาล",
]
ITEMS = [("โครงการขุดลอกคลองระบายน้ำ ชุมชนนครชุม", "1,250,000"),
         ("โครงการซ่อมแซมถนนคอนกรีตเสริมเหล็ก ซอยเทศบาล 5", "890,000"),
         ("โครงการจัดซื้อครุภัณฑ์คอมพิวเตอร์ สำนักปลัด", "245,000"),
         ("โครงการฝึกอบรมคุณธรรมจริยธรรมแก่พนักงานเทศบาล", "60,000"),
         ("โครงการรณรงค์ป้องกันโรคไข้เลือดออก", "35,000")]
STYLE = ("@page { size: A4; margin: 2.2cm 2cm; } body { font-size: 15pt; line-height: 1.5; } "
         "h1 { font-size: 19pt; text-align: center; } h2 { font-size: 16pt; } "
         "table { width: 100%; border-collapse: collapse; } td { border: 1px solid #444; padding: 2pt 6pt; } "
         ".second { break-before: page; } .sign { margin-top: 2em; text-align: right; }")


def is_scan(title):
    return int(hashlib.sha256(title.encode()).hexdigest(), 16) % SCAN_EVERY == 0


def document_html(title):
    """A page or two of Thai text about TITLE, the same for the same title."""
    seed = int(hashlib.sha256(title.encode()).hexdigest(), 16)
    name = html.escape(title)
    opening = OPENINGS[seed % len(OPENINGS)].format(municipality=MUNICIPALITY, title=name)
    bodies = [BODIES[(seed >> shift) % len(BODIES)] for shift in (3, 7, 11)]
    paragraphs = "".join(f"<p>{body}</p>" for body in dict.fromkeys(bodies))
    rows = "".join(f"<tr><td>{item}</td><td>{amount} บาท</td></tr>" for item, amount in ITEMS)
    second = (f'<div class="second"><h2>รายละเอียดโครงการและงบประมาณ</h2><table>{rows}</table>'
              f"<p>{BODIES[-1]}</p></div>") if seed % 2 else ""
    return (f"<html lang='th'><body><h1>{name}</h1><p>{opening}</p>{paragraphs}"
            f"<p class='sign'>นายกเทศมนตรี{MUNICIPALITY}</p>{second}</body></html>")


def as_scan(pdf):
    """The PDF as pictures of its pages and nothing else: what a scanner gives."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(source), str(Path(folder) / "page")],
                       check=True, capture_output=True)
        pages = [Image.open(path).convert("L") for path in sorted(Path(folder).glob("page*.png"))]
        out = io.BytesIO()
        pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=200)
    return out.getvalue()


def _cache_folder():
    return Path(settings.BASE_DIR) / ".cache" / "demo-documents"


def with_title(pdf, title):
    """The PDF with TITLE in its metadata."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def sample_document(title, scan=None, label=""):
    """(PDF bytes of a document about TITLE, its metadata title TITLE and LABEL, whether it is a
    scan), from the cache when made before."""
    scan = is_scan(title) if scan is None else scan
    scan = scan and shutil.which("pdftoppm") is not None
    key = hashlib.sha256(f"{VERSION}|{scan}|{title}|{label}".encode()).hexdigest()[:32]
    cached = _cache_folder() / f"{key}.pdf"
    if cached.exists():
        return cached.read_bytes(), scan
    cached.parent.mkdir(parents=True, exist_ok=True)
    # Two processes loading the demo at once (the test run's) make each document once: the
    # second waits for the first, and reads a file only once it is whole (written, then renamed).
    with open(cached.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if cached.exists():
            return cached.read_bytes(), scan
        pdf = html_to_pdf(document_html(title), stylesheets=[STYLE])
        if scan:
            pdf = as_scan(pdf)
        pdf = with_title(pdf, f"{title} {label}".strip())
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(pdf)
        partial.replace(cached)
    return pdf, scan
