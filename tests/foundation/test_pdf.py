"""The one PDF maker lays out Thai text so it can be read back whole, word by word."""
import pytest

from kpp_portal.pdf import html_to_pdf
from tests.pdftext import assert_no_word_split, boundaries, pdf_lines

PARAGRAPH = (
    "เทศบาลเมืองกำแพงเพชรประกาศเผยแพร่แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ "
    "เพื่อให้ประชาชนตรวจสอบการใช้จ่ายงบประมาณได้อย่างโปร่งใส "
) * 6


def test_thai_lines_break_between_words(tmp_path):
    data = html_to_pdf(f"<html><body style='width: 9cm'><p>{PARAGRAPH}</p></body></html>")
    assert data.startswith(b"%PDF")
    lines = pdf_lines(data, tmp_path)
    assert len(lines) > 5, "the paragraph should wrap over several lines"
    assert_no_word_split(lines)


def test_a_line_split_inside_a_word_is_seen(tmp_path):
    # The check above can fail: a break forced inside a word is found.
    lines = ["ประกาศเผยแพร่แผนการจัดซื้อจัด", "จ้างประจำปี"]
    assert len(lines[0]) not in boundaries("".join(lines))
    with pytest.raises(AssertionError, match="a word is split"):
        assert_no_word_split(lines)


def test_latin_text_reads_back_as_written(tmp_path):
    # Sarabun's Latin and Thai subsets are two families: as one, some Latin letters read back
    # as Thai ones (an address as "exเmple"), which copying and screen readers would get.
    data = html_to_pdf("<html><body><p>ติดต่อ example@kppmu.go.th Example ABC xyz 2569</p></body></html>")
    text = " ".join(pdf_lines(data, tmp_path))
    assert "example@kppmu.go.th Example ABC xyz 2569" in text
