"""One behaviour for the public forms: a wrong code is "not found" (nothing to correct in a
field), empty fields get Thai messages from the server, and a question with set answers offers
them instead of asking them to be typed."""
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kpp_portal.forms import issue_token
from services.models import FieldKind, ServiceRequest

pytestmark = pytest.mark.django_db


def _summary(response):
    html = response.content.decode()
    return html[html.index('id="form-errors"'):].split("</div>")[0]


@pytest.mark.parametrize(("url", "data", "said"), [
    ("services:track", {"reference": "EB-2569-0099", "code": "ABCDEFGHJK"}, "ไม่พบคำร้อง"),
    ("feedback:follow_up", {"reference": "คร-2569-0099", "code": "ABCDEFGHJK"}, "ไม่พบเรื่อง"),
    ("complaints:track", {"receipt": "1234 5678 9012 3456 7890 12345"}, "ไม่พบเรื่อง"),
])
def test_a_wrong_code_is_said_to_be_not_found(client, url, data, said):
    summary = _summary(client.post(reverse(url), data))
    assert said in summary and "ยังส่งไม่ได้" not in summary and "แก้ไขรายการ" not in summary


def test_empty_fields_of_a_lookup_are_still_listed_to_correct(client):
    summary = _summary(client.post(reverse("services:track"), {}))
    assert "กรุณากรอกเลขที่คำร้อง" in summary and "แก้ไขรายการต่อไปนี้" in summary


@pytest.fixture
def kind_question(fault_type):
    question = fault_type.fields.get(kind=FieldKind.TEXT)
    question.kind, question.options = FieldKind.CHOICE, "ไฟฟ้าส่องสว่าง\nท่อระบายน้ำ\nถนน\n"
    question.save()
    return question


def _post(client, fault_type, question, answer):
    data = {"form_token": issue_token(), "subject": "ไฟดับ", "details": "ดับสามต้น",
            "location_text": "หน้าตลาด", f"answer_{question.pk}": answer}
    return client.post(fault_type.get_absolute_url(), data)


def test_the_kind_of_fault_is_offered_as_options(client, fault_type, kind_question):
    page = client.get(fault_type.get_absolute_url()).content.decode()
    offered = re.findall(rf'<input type="radio"[^>]* name="answer_{kind_question.pk}" value="([^"]*)"', page)
    assert offered == ["ไฟฟ้าส่องสว่าง", "ท่อระบายน้ำ", "ถนน"]
    assert "กรุณาเลือกประเภทเหตุ" in _post(client, fault_type, kind_question, "").content.decode()
    refused = _post(client, fault_type, kind_question, "ไฟไหม้")
    assert refused.status_code == 400 and not ServiceRequest.objects.exists()
    assert _post(client, fault_type, kind_question, "ถนน").status_code == 302
    assert ServiceRequest.objects.get().answers == [{"label": "ประเภทเหตุ", "kind": "choice", "value": "ถนน"}]


def test_a_choice_question_needs_its_options(fault_type):
    question = fault_type.fields.create(kind=FieldKind.CHOICE, label="ขนาด", options=" \n")
    with pytest.raises(ValidationError, match="ตัวเลือก"):
        question.full_clean()


def test_the_demo_offers_the_kinds_of_fault(demo_content):
    from services.models import RequestType

    question = RequestType.objects.get(slug="public-works-fault").fields.get(label="ประเภทเหตุ")
    assert question.kind == FieldKind.CHOICE and "ไฟฟ้าส่องสว่าง" in question.options_list()
