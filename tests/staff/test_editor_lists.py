"""Editors: the published/draft state said on save, long titles shortened between words."""
import re

import pytest
from django.contrib.messages import get_messages

from disclosures.models import Category, Document
from kpp_portal.thai import shorten
from municipality.models import Question
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/disclosures/document/add/"
LONG_TITLE = ("ประกาศเทศบาลเมืองกำแพงเพชรเรื่องการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้างประจำปีงบประมาณ 2569 "
              "และการขยายระยะเวลาการชำระภาษีสำหรับผู้ได้รับผลกระทบจากอุทกภัยในเขตเทศบาล")


def _form(**extra):
    return {"title": "แผนการดำเนินงาน", "category": Category.objects.get(slug="operational-plan").pk,
            "fiscal_year": 2569, "publication_date": "01/11/2568", "summary": "",
            "external_url": "https://www.kppmu.go.th/plan", **extra}


@pytest.fixture
def editor_client(client, editor):
    client.login(username="editor", password=PASSWORD)
    return client


@pytest.mark.parametrize("published, expected, level", [
    (True, "เผยแพร่บนเว็บไซต์แล้ว ประชาชนเห็นเอกสารนี้", "success"),
    (False, "เป็นฉบับร่าง ยังไม่เผยแพร่ ประชาชนยังไม่เห็นเอกสารนี้", "warning"),
])
def test_saving_a_new_document_says_whether_the_public_sees_it(editor_client, published, expected, level):
    data = _form(is_published="on") if published else _form()
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302
    said = [(m.message, m.level_tag) for m in get_messages(response.wsgi_request)]
    assert any(expected in text and tag == level for text, tag in said), said
    # Django's own confirmation is Thai too (the project's catalogue), not "was added successfully".
    plain = [re.sub(r"<[^>]+>", "", str(text)) for text, _ in said]
    assert "เพิ่มเอกสารเผยแพร่ “แผนการดำเนินงาน” เรียบร้อยแล้ว" in plain, plain
    assert not any("successfully" in text for text, _ in said)
    assert Document.objects.get().is_published is published


def test_the_document_list_shortens_long_titles_between_words(editor_client):
    from tests.disclosures.conftest import make_document

    make_document(LONG_TITLE)
    page = editor_client.get("/admin/disclosures/document/").content.decode()
    short = shorten(LONG_TITLE, 90)
    assert short.endswith("…") and len(short) <= 91
    assert f'<span title="{LONG_TITLE}">{short}</span>' in page


def test_shorten_cuts_between_thai_words_never_inside_one():
    question = "ขอสอบถามเรื่องการขออนุญาตก่อสร้างอาคารพาณิชย์ในเขตเทศบาลว่าต้องใช้เอกสารอะไรบ้างและใช้เวลานานเท่าใด"
    short = shorten(question, 60)
    assert short == "ขอสอบถามเรื่องการขออนุญาตก่อสร้างอาคารพาณิชย์ในเขตเทศบาลว่า…"
    assert question[:60] != short[:-1]  # a plain cut at 60 characters ends inside a word
    assert shorten("สั้น ๆ", 60) == "สั้น ๆ"


def test_a_question_is_listed_by_whole_words(editor_client):
    text = "ขอสอบถามเรื่องการขออนุญาตก่อสร้างอาคารพาณิชย์ในเขตเทศบาลว่าต้องใช้เอกสารอะไรบ้างและใช้เวลานานเท่าใด"
    question = Question.objects.create(asker_name="ประชาชน", question=text)
    assert str(question) == shorten(text, 60)
