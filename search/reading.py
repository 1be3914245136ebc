"""Reading the text out of a published file: pdftotext for a PDF's text layer (it keeps the page
breaks), the DOCX's XML through kpp_portal.office's parser, OCRmyPDF with Tesseract's Thai and
English data for a scan. The parsing of a file someone uploaded runs in the budget's child
process (kpp_portal.budget), as the upload checks do: a hostile file fails alone.
"""
import functools
import io
import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kpp_portal import budget, office, words

PAGE_BREAK = "\f"
# A page with fewer letters than this has no text layer worth the name (a scan, or a scan with a
# stamped page number); a file is a scan when most of its pages are.
SCAN_LETTERS_PER_PAGE = 20
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_THAI_TONE = "\u0e48-\u0e4b"
_NIKHAHIT_AA = re.compile(f"\u0e4d([{_THAI_TONE}]?)\u0e32")
_TONE_FIRST = re.compile(f"([{_THAI_TONE}])([\u0e31\u0e34-\u0e37\u0e47])")
_SPACE_BEFORE_MARK = re.compile("(?<=[\u0e01-\u0e44]) +(?=[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])|"
                                "(?<=[\u0e40-\u0e44]) +(?=[\u0e01-\u0e2e])")
_SPACE_IN_THAI = re.compile("(?<=[\u0e01-\u0e4e]) +(?=[\u0e01-\u0e4e])")
_BASE = re.compile("[\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46]")  # letters that take room on the line
_SPACES = re.compile(r"[ \t\r\v\u00a0]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def unreadable():
    return ValidationError(_("อ่านข้อความในไฟล์นี้ไม่ได้ ไฟล์อาจเสียหายหรือมีการป้องกันไว้"), code="unreadable")


# -- normalising what a text layer gives -------------------------------------------------------
@functools.cache
def _damaged():
    """{a word as a text layer or OCR damages it: the word}, for the dictionary's words whose
    damaged form is no word itself. A text layer may lose SARA AM's circle with the tone mark
    drawn above it (ดาเนิน → ดำเนิน); Tesseract's Thai model often loses a tone mark above a
    vowel (สิงปลูกสร้าง → สิ่งปลูกสร้าง). ทา and สิง stay as they are: words of their own."""
    from pythainlp.corpus import thai_words

    known = thai_words()
    damaged = {}
    for word in known:
        for form in {re.sub(f"[{_THAI_TONE}]?\u0e33", "\u0e32", word), re.sub(f"[{_THAI_TONE}]", "", word)}:
            if form != word and form not in known:
                damaged.setdefault(form, word)
    return damaged


@functools.cache
def _repair_trie():
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(set(thai_words()) | set(_damaged()))


def mend(text):
    """Damaged words replaced by the dictionary's, line by line."""
    from pythainlp.tokenize import word_tokenize

    damaged = _damaged()
    return "\n".join("".join(damaged.get(token, token)
                              for token in word_tokenize(line, custom_dict=_repair_trie(), engine="newmm"))
                      for line in text.split("\n"))


def unspaced(text):
    """OCR text with the spaces Tesseract sometimes puts between Thai letters taken out: a space
    before a mark above or below a letter, or after a leading vowel, is never typed; and a line
    whose Thai comes mostly in runs of one or two letters was spelled out letter by letter."""
    text = _SPACE_BEFORE_MARK.sub("", text)
    lines = []
    for line in text.split("\n"):
        runs = [run for run in line.split() if _is_thai(run[0])]
        if runs and sum(len(_BASE.findall(run)) <= 2 for run in runs) * 5 > len(runs) * 2:
            line = _SPACE_IN_THAI.sub("", line)
        lines.append(line)
    return "\n".join(lines)


def normalise(text, damaged=None):
    """Text from a text layer as a reader typed it. Fonts draw SARA AM (ำ) as a circle and an
    AA; pdftotext gives the two (U+0E4D U+0E32), or drops the circle and the tone mark above it
    when the font maps them to nothing (WeasyPrint's and many Word PDFs): a text with Thai and
    not one ำ has lost them, and the words are mended by the dictionary. Thai has no spaces
    between words, so a line that ends and starts in Thai was wrapped inside a sentence (often
    inside a word): the lines are joined back."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _NIKHAHIT_AA.sub("\\1\u0e33", text)
    text = _TONE_FIRST.sub("\\2\\1", text)  # a tone mark stored before the vowel above it
    text = text.replace("\u0e40\u0e40", "\u0e41")  # two SARA E drawn for one SARA AE
    joined = ""
    for line in _SPACES.sub(" ", text).split("\n"):
        line = line.strip()
        if line:
            soft = joined and _is_thai(joined[-1]) and _is_thai(line[0])
            joined += line if soft or not joined else "\n" + line
    if damaged is None:
        damaged = "\u0e33" not in joined and len(re.findall("[\u0e01-\u0e2e]", joined)) > 200
    return mend(joined) if damaged else joined


def _is_thai(character):
    return "\u0e01" <= character <= "\u0e5b"


def letters(page):
    return sum(character.isalpha() for character in page)


def looks_scanned(pages):
    return bool(pages) and sum(letters(page) < SCAN_LETTERS_PER_PAGE for page in pages) * 2 > len(pages)


def stored(pages):
    """Pages as FileText.text keeps them: segmented once here, not at every index rebuild."""
    return (words.SEPARATOR + PAGE_BREAK + words.SEPARATOR).join(words.segment(page) for page in pages)


# -- the readers (in the budget's child process) ------------------------------------------------
def pdf_pages(data):
    if shutil.which("pdftotext") is None:
        raise unreadable()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "file.pdf"
        source.write_bytes(data)
        try:
            done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-q", str(source), "-"], check=True,
                                  capture_output=True, timeout=max(0.1, budget.child_seconds_left() - 0.3))
        except (subprocess.SubprocessError, OSError):
            raise unreadable() from None
    pages = done.stdout.decode("utf-8", "replace").split(PAGE_BREAK)
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page with a break, the last one too
    return [normalise(page) for page in pages[:settings.DOCUMENT_TEXT_MAX_PAGES]]


def docx_pages(data):
    """The paragraphs of word/document.xml, pages cut where Word last broke them or the author
    put a page break."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > settings.DOCUMENT_TEXT_MAX_CHARACTERS * 20:
                raise unreadable()
            root = office.parse(archive.read(info))
    except (KeyError, zipfile.BadZipFile, OSError):
        raise unreadable() from None
    pages, lines, line = [], [], []
    for element in root.iter(f"{WORD_NS}p", f"{WORD_NS}t", f"{WORD_NS}tab", f"{WORD_NS}br",
                             f"{WORD_NS}lastRenderedPageBreak"):
        tag = element.tag.removeprefix(WORD_NS)
        if tag == "p":
            if line:
                lines.append("".join(line))
            line = []
        elif tag == "t":
            line.append(element.text or "")
        elif tag == "tab":
            line.append(" ")
        elif tag == "lastRenderedPageBreak" or element.get(f"{WORD_NS}type") == "page":
            lines.append("".join(line))
            line = []
            pages.append("\n".join(lines))
            lines = []
    lines.append("".join(line))
    pages.append("\n".join(lines))
    return [normalise(page) for page in pages if page.strip()][:settings.DOCUMENT_TEXT_MAX_PAGES]


READERS = {"pdf": pdf_pages, "docx": docx_pages}


def read_pages(kind, data):
    """The file's pages of text, read in a child process within the budget."""
    mend("ทดสอบ")  # the dictionary and the tokenizer made ready once here (seconds), not in every child
    return budget.sandboxed(READERS[kind], data)


# -- OCR ------------------------------------------------------------------------------------------
def can_ocr():
    return shutil.which("ocrmypdf") is not None


def _limits():  # pragma: no cover - runs in the child before exec
    os.nice(10)  # the pages people are reading come first
    memory = settings.DOCUMENT_OCR_MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def ocr(data):
    """(a searchable copy of the scan, its pages of text): OCRmyPDF in Thai and English, with a
    wall-clock limit and a memory limit on each of its processes."""
    if not can_ocr():
        raise ValidationError(_("เครื่องนี้ไม่มีโปรแกรม OCR (ocrmypdf)"), code="no_ocr")
    with tempfile.TemporaryDirectory() as folder:
        source, target, sidecar = (Path(folder) / name for name in ("scan.pdf", "searchable.pdf", "text.txt"))
        source.write_bytes(data)
        command = ["ocrmypdf", "--language", "tha+eng", "--jobs", "1", "--output-type", "pdf",
                   "--optimize", "0", "--skip-text", "--quiet", "--sidecar", str(sidecar),
                   str(source), str(target)]
        try:
            # Its own session: a timeout kills Tesseract and Ghostscript with it.
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                       preexec_fn=_limits, start_new_session=True,
                                       env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        except OSError:
            raise unreadable() from None
        try:
            process.communicate(timeout=settings.DOCUMENT_OCR_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise ValidationError(_("การอ่านด้วย OCR ใช้เวลาเกินกำหนด"), code="ocr_timeout") from None
        if process.returncode != 0 or not target.exists():
            raise unreadable()
        searchable, text = target.read_bytes(), sidecar.read_text("utf-8", "replace")
    # Tesseract's own text (pages apart by form feeds): pdftotext reads the Thai of OCRmyPDF's
    # invisible text layer letter by letter, with spaces between. A page that had text already
    # is read from its text layer.
    pages = text.split(PAGE_BREAK)
    if pages and not pages[-1].strip():
        pages.pop()
    if any(page.lstrip().startswith("[OCR skipped") for page in pages):
        layer = read_pages("pdf", searchable)
        pages = [layer[number] if page.lstrip().startswith("[OCR skipped") and number < len(layer)
                 else page for number, page in enumerate(pages)]
    return searchable, [normalise(unspaced(page), damaged=True)
                        for page in pages[:settings.DOCUMENT_TEXT_MAX_PAGES]]
