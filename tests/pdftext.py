"""Reading a PDF back as text, and checking that no Thai word is split across two lines."""
import re
import subprocess
import unicodedata

from pythainlp.tokenize import word_tokenize

SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")


def pdftotext(data, tmp_path):
    """The text layer as pdftotext gives it."""
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    # -raw: in the order WeasyPrint wrote the text, so bold Thai marks (placed apart) stay on their line.
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_lines(data, tmp_path):
    # SARA AM reads back as its two parts (NIKHAHIT, then SARA AA), as search.reading knows.
    text = SARA_AM.sub("\\1\u0e33", unicodedata.normalize("NFKC", pdftotext(data, tmp_path)))
    return [line.strip() for line in text.splitlines() if line.strip()]


def pdf_text(data, tmp_path):
    return " ".join(pdf_lines(data, tmp_path))


def boundaries(text):
    return {end for _start, end in _spans(text)}


def _spans(text):
    """(start, end) of each word of the dictionary's reading of `text`."""
    spans, at = [], 0
    for word in word_tokenize(text, engine="newmm", keep_whitespace=False):
        at = text.index(word, at)
        spans.append((at, at + len(word)))
        at += len(word)
    return spans


def _thai(char):
    return "\u0e00" <= char <= "\u0e7f"


def assert_no_word_split(lines):
    """Each line break between two Thai letters falls where the dictionary ends a word."""
    for before, after in zip(lines, lines[1:], strict=False):
        if not (before and after and _thai(before[-1]) and _thai(after[0])):
            continue  # a break at a space, a number or a table cell is not inside a Thai word
        joined, cut = before + after, len(before)
        assert cut in boundaries(joined) or _also_read_apart(joined, cut), \
            f"a word is split between {before!r} and {after!r}"


def _also_read_apart(text, cut):
    """Whether the text also reads as two dictionary words meeting at `cut`, where one of them
    crosses a boundary of the dictionary's reading: libthai breaks ประจำปี|งบประมาณ where PyThaiNLP
    reads ประจำ|ปีงบประมาณ, two readings of the same text. A compound cut into its parts
    (กำแพง|เพชร, จัดซื้อจัด|จ้าง) is no other reading: it stays a split word."""
    from pythainlp.corpus import thai_words

    words, cuts = thai_words(), sorted({at for span in _spans(text) for at in span})
    first = max(at for at in cuts if at < cut)  # where the word the break falls in starts
    last = min(at for at in cuts if at > cut)  # and where it ends
    starts = [at for at in cuts if at <= first and text[at:cut] in words]
    ends = [at for at in cuts if at >= last and text[cut:at] in words]
    return bool(starts and ends) and (min(starts) < first or max(ends) > last)
