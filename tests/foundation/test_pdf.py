"""The one PDF maker lays out Thai text so it can be read back whole, word by word."""
import unicodedata

import pytest

from kpp_portal import pdf
from kpp_portal.pdf import html_to_pdf
from tests.pdftext import assert_no_word_split, boundaries, pdf_lines, pdftotext

PARAGRAPH = (
    "เทศบาลเมืองกำแพงเพชรประกาศเผยแพร่แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ "
    "เพื่อให้ประชาชนตรวจสอบการใช้จ่ายงบประมาณได้อย่างโปร่งใส "
) * 6


# SARA AM (ำ) first, then SARA AA (า) alone, a tone mark tied with an ำ's circle (น้ำ), in both weights.
SARA_AM_THEN_AA = "กำแพงเพชร ตามมาตรา ทำงาน น้ำ ทางการ ค่ำ ป้ำ"


def test_thai_lines_break_between_words(tmp_path):
    data = html_to_pdf(f"<html><body style='width: 9cm'><p>{PARAGRAPH}</p>"
                       f"<p>{SARA_AM_THEN_AA * 4}</p><p><b>{SARA_AM_THEN_AA * 4}</b></p></body></html>")
    assert data.startswith(b"%PDF")
    lines = pdf_lines(data, tmp_path)
    assert len(lines) > 8, "the paragraphs should wrap over several lines"
    assert_no_word_split(lines)


def test_sara_aa_never_reads_back_as_sara_am(tmp_path):
    # HarfBuzz draws ำ as a NIKHAHIT and a SARA AA: the text layer gives each glyph its own letter,
    # so the page reads back as typed, ำ as its compatibility decomposition (ํ + า).
    data = html_to_pdf(f"<html><body><p>{SARA_AM_THEN_AA}</p><p><b>{SARA_AM_THEN_AA}</b></p></body></html>")
    lines = [line.strip() for line in pdftotext(data, tmp_path).splitlines() if line.strip()]
    assert lines == [unicodedata.normalize("NFKC", SARA_AM_THEN_AA)] * 2
    assert all("\u0e33" not in line for line in lines)  # never ำ itself, so never a SARA AA read as one
    assert pdf_lines(data, tmp_path) == [SARA_AM_THEN_AA] * 2


def test_the_text_layer_finds_the_thai_glyphs_by_the_fonts_names():
    # The finisher reads WeasyPrint's PDF objects and Sarabun's glyph names: if either changes,
    # this fails here rather than leaving the text layer wrong without a word.
    thai = [path for family, *_rest, path in pdf._font_files() if family == pdf.FAMILIES["thai"]]
    # The Thai weights are told apart by nothing the finisher reads: they must number glyphs alike.
    assert len(thai) == 2 and pdf._face(thai[0]) == pdf._face(thai[1])
    cmap, texts = pdf._face(thai[0])
    assert texts[cmap[0x0E32]] == "\u0e32" and texts[cmap[0x0E4D]] == "\u0e4d"
    assert "\u0e49\u0e4d" in texts.values()  # NIKHAHIT tied with MAI THO, as typed: tone first
    found = []

    def finisher(document, written):
        before = {id(stream): list(stream.stream) for stream in written.objects if hasattr(stream, "stream")}
        pdf.thai_text_layer(document, written)
        found.extend(stream for stream in written.objects
                     if hasattr(stream, "stream") and before[id(stream)] != stream.stream)

    from weasyprint import HTML
    HTML(string=f"<html><style>{pdf.font_css()} body {{ font-family: {pdf.FONT_STACK} }}</style>"
                f"<body>{SARA_AM_THEN_AA}</body></html>").write_pdf(finisher=finisher)
    assert len(found) == 1 and b"beginbfchar" in b"\n".join(found[0].stream)


def test_a_line_split_inside_a_word_is_seen(tmp_path):
    # The check above can fail: a break forced inside a word is found.
    lines = ["ประกาศเผยแพร่แผนการจัดซื้อจัด", "จ้างประจำปี"]
    assert len(lines[0]) not in boundaries("".join(lines))
    with pytest.raises(AssertionError, match="a word is split"):
        assert_no_word_split(lines)
    with pytest.raises(AssertionError, match="a word is split"):
        assert_no_word_split(["เทศบาลเมืองกำแพง", "เพชร"])  # a name cut into two words
    # libthai's break where PyThaiNLP reads ประจำ|ปีงบประมาณ: the same text read another way.
    assert_no_word_split(["แผนการจัดซื้อจัดจ้าง ประจำปี", "งบประมาณ พ.ศ. 2569"])


def test_latin_text_reads_back_as_written(tmp_path):
    # Sarabun's Latin and Thai subsets are two families: as one, some Latin letters read back
    # as Thai ones (an address as "exเmple"), which copying and screen readers would get.
    data = html_to_pdf("<html><body><p>ติดต่อ example@kppmu.go.th Example ABC xyz 2569</p></body></html>")
    text = " ".join(pdf_lines(data, tmp_path))
    assert "example@kppmu.go.th Example ABC xyz 2569" in text
