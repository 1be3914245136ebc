"""Reading a PDF back as text, and checking that no Thai word is split across two lines."""
import subprocess
import unicodedata

from pythainlp.tokenize import word_tokenize


def pdf_lines(data, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    # -raw: in the order WeasyPrint wrote the text, so bold Thai marks (placed apart) stay on their line.
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    # pdftotext gives SARA AM back as its two parts, and sometimes only the second.
    text = unicodedata.normalize("NFKC", text).replace("\u0e4d\u0e32", "\u0e33")
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
        assert len(before) in boundaries(before + after), f"a word is split between {before!r} and {after!r}"
