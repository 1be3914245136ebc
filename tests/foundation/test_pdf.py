"""The one PDF maker lays out Thai text so it can be read back whole, word by word."""
import subprocess
import unicodedata

from pythainlp.tokenize import word_tokenize

from kpp_portal.pdf import html_to_pdf

PARAGRAPH = (
    "เทศบาลเมืองกำแพงเพชรประกาศเผยแพร่แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ "
    "เพื่อให้ประชาชนตรวจสอบการใช้จ่ายงบประมาณได้อย่างโปร่งใส "
) * 6


def pdf_lines(data, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext gives SARA AM back as its two parts, and sometimes only the second.
    text = unicodedata.normalize("NFKC", text).replace("\u0e4d\u0e32", "\u0e33")
    return [line.strip() for line in text.splitlines() if line.strip()]


def boundaries(text):
    cuts, at = set(), 0
    for word in word_tokenize(text, engine="newmm", keep_whitespace=False):
        at = text.index(word, at) + len(word)
        cuts.add(at)
    return cuts


def test_thai_lines_break_between_words(tmp_path):
    data = html_to_pdf(f"<html><body style='width: 9cm'><p>{PARAGRAPH}</p></body></html>")
    assert data.startswith(b"%PDF")
    lines = pdf_lines(data, tmp_path)
    assert len(lines) > 5, "the paragraph should wrap over several lines"
    for before, after in zip(lines, lines[1:], strict=False):
        joined = before + after
        assert len(before) in boundaries(joined), f"a word is split between {before!r} and {after!r}"


def test_a_line_split_inside_a_word_is_seen(tmp_path):
    # The check above can fail: a break forced inside a word is found.
    lines = ["ประกาศเผยแพร่แผนการจัดซื้อจัด", "จ้างประจำปี"]
    assert len(lines[0]) not in boundaries("".join(lines))
