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
    cuts, at = set(), 0
    for word in word_tokenize(text, engine="newmm", keep_whitespace=False):
        at = text.index(word, at) + len(word)
        cuts.add(at)
    return cuts


def _thai(char):
    return "\u0e00" <= char <= "\u0e7f"


def assert_no_word_split(lines):
    """Each line break between two Thai letters falls where the dictionary ends a word."""
    for before, after in zip(lines, lines[1:], strict=False):
        if not (before and after and _thai(before[-1]) and _thai(after[0])):
            continue  # a break at a space, a number or a table cell is not inside a Thai word
        joined, cut = before + after, len(before)
        assert cut in boundaries(joined), f"a word is split between {before!r} and {after!r}"
