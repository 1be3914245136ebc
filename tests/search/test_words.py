"""Thai segmentation: the one function both the index and the query go through."""
import pytest

from kpp_portal import words
from kpp_portal.words import Query


def indexed(text):
    return words.terms(words.segment(text))


def found(query, text):
    """Whether each phrase of QUERY occurs in TEXT, as the index matches (SQLite form)."""
    return all(f" {' '.join(phrase)} " in indexed(text) for phrase in Query(query).phrases)


@pytest.mark.parametrize("query, text", [
    ("ระบายน้ำ", "โครงการวางท่อระบายน้ำคอนกรีตเสริมเหล็ก"),  # a dictionary compound cut into its words
    ("ระบายน้ำ", "การขุดลอกคูคลองระบายน้ำ"),
    ("ที่ดิน", "ประกาศเรื่องการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง"),
    ("ภาษีที่ดิน", "การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง"),
    ("กำแพงเพชร", "เทศบาลเมืองกำแพงเพชร"),
    ("ประชาคม", "เวทีประชาคมจัดทำแผนพัฒนาท้องถิ่น"),
    ("Work Manual", "คู่มือการปฏิบัติงาน (Work Manual) การจัดการเรื่องร้องเรียน"),
    ("๒๕๖๗", "แผนการดำเนินงานประจำปีงบประมาณ พ.ศ. 2567"),
])
def test_a_word_is_found_inside_a_thai_sentence(query, text):
    assert found(query, text)


@pytest.mark.parametrize("query, text", [
    ("นา", "นายกเทศมนตรีเมืองกำแพงเพชร"),  # rice field is not inside mayor
    ("งบประมาณ", "รายงานผลการดำเนินงานประจำปีงบประมาณ 2567"),  # fiscal year is one word (but see below)
    ("นก", "ถนนคอนกรีตเสริมเหล็ก"),  # bird is not inside concrete
    ("ตา", "ตารางเวลาให้บริการ"),  # eye is not inside timetable
    ("ชุม", "รายงานการประชุมสภาเทศบาล"),  # gather is not inside meeting
    ("บาล", "เทศบาลเมืองกำแพงเพชร"),  # guard is not inside municipality
    ("ดำ", "การดำเนินงานตามแผน"),  # black is not inside carrying out
])
def test_a_substring_that_is_not_a_word_there_is_not_found(query, text):
    assert query in text  # substring matching lists it
    assert not found(query, text)


@pytest.mark.parametrize("query, compounds", [
    ("งบประมาณ", [("ปีงบประมาณ",)]),  # the budget of a fiscal year
    ("ตลาด", [("ท้องตลาด",)]),
    ("ตลาด งบประมาณ", [("ท้องตลาด",), ("ปีงบประมาณ",)]),
    ("งบประมาณรายจ่าย", [()]),  # a phrase no word kept whole holds
    ("ชุม", [()]), ("บาล", [()]), ("ดำ", [()]),  # syllables of words kept whole, not words in them
])
def test_a_word_also_finds_the_compounds_kept_whole_it_is_part_of(query, compounds):
    assert Query(query).compounds() == compounds


def test_the_words_of_a_phrase_must_be_side_by_side():
    assert not found("ระบายน้ำ", "การระบายอากาศและน้ำประปา")
    assert found("ระบาย น้ำ", "การระบายอากาศและน้ำประปา")  # typed apart: anywhere


def test_stored_text_joins_back_into_the_original():
    text = 'ประกาศเทศบาล "ซากังราว" ฉบับที่ 5/2567 (ตัวอย่าง) <b>ตัวหนา</b> & e-GP'
    segmented = words.segment(text)
    assert words.SEPARATOR in segmented
    assert words.plain(segmented) == text


def test_spaces_and_line_breaks_are_one_space_and_a_separator_typed_in_is_dropped():
    assert words.plain(words.segment("หน้าที่\n\n  ของเทศบาล\u200b")) == "หน้าที่ ของเทศบาล"


def test_a_query_is_phrases_of_lower_case_words():
    query = Query("  ระบายน้ำ   WORK-Manual ๒๕๖๗ (ตัวอย่าง) ")
    assert query.phrases == [["ระบาย", "น้ำ"], ["work", "manual"], ["2567"], ["ตัว", "อย่าง"]]
    assert query.words == ["ระบาย", "น้ำ", "work", "manual", "2567", "ตัว", "อย่าง"]


@pytest.mark.parametrize("text", ["", "   ", "!!! ... ???", "ๆ ฯ"])
def test_a_query_without_letters_or_digits_is_empty(text):
    assert not Query(text)
