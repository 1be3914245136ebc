import datetime

import pytest
import time_machine
from django.urls import reverse

from municipality.models import Division, Page, Person
from tests.conftest import PASSWORD

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _page(**extra):
    values = {"kind": Page.Kind.POWERS, "title": "อำนาจหน้าที่", "body": "ฉบับแรก", "is_published": True}
    values.update(extra)
    page = Page.objects.create(**values)
    page.record_version()
    return page


def test_published_page_shows_last_update_and_earlier_versions(client):
    with time_machine.travel(NOW, tick=False):
        page = _page()
    with time_machine.travel(NOW + datetime.timedelta(days=40), tick=False):
        page.body = "ฉบับที่สอง: เพิ่มหน้าที่ใหม่"
        page.save()
        page.record_version()
        page.record_version()  # saving without a change adds no version
    assert page.versions.count() == 2
    html = client.get(reverse("municipality:powers")).content.decode()
    assert "ปรับปรุงล่าสุด" in html and "4 มกราคม 2570" in html
    assert "ฉบับที่สอง" in html
    old = page.versions.last()
    assert old.get_absolute_url() in html
    old_html = client.get(old.get_absolute_url()).content.decode()
    assert "ฉบับแรก" in old_html and "ฉบับเดิม" in old_html and "ฉบับที่สอง" not in old_html


def test_unpublished_page_is_hidden_and_previewed_by_editors_only(client, editor, refused_staff):
    _page(is_published=False, body="ร่างยังไม่เผยแพร่")
    assert client.get(reverse("municipality:powers")).status_code == 404
    preview = reverse("municipality:page_preview", args=["powers"])
    assert client.get(preview).status_code == 302
    client.login(username=refused_staff.username, password=PASSWORD)
    assert client.get(preview).status_code == 403
    client.login(username=editor.username, password=PASSWORD)
    response = client.get(preview)
    assert response.status_code == 200 and "ร่างยังไม่เผยแพร่" in response.content.decode()


def test_versions_of_another_page_are_not_served_under_this_one(client):
    powers = _page()
    _page(kind=Page.Kind.LAWS, title="กฎหมาย", body="กฎหมาย")
    version = powers.versions.first()
    assert client.get(reverse("municipality:page_version", args=["laws", version.pk])).status_code == 404
    assert client.get(reverse("municipality:page_version", args=["powers", 999999])).status_code == 404


def test_page_body_is_text_with_clickable_links(client):
    _page(kind=Page.Kind.LAWS, body='<img src=x onerror=alert(1)>\nดูที่ https://www.krisdika.go.th/')
    html = client.get(reverse("municipality:laws")).content.decode()
    assert "<img src=x" not in html and "&lt;img" in html
    assert 'href="https://www.krisdika.go.th/"' in html


def test_structure_is_one_query_and_a_nested_list(client, django_assert_max_num_queries):
    root = Division.objects.create(name="เทศบาล", kind=Division.Kind.OTHER)
    office = Division.objects.create(name="สำนักปลัดเทศบาล", kind=Division.Kind.OFFICE, parent=root)
    for number in range(15):
        Division.objects.create(name=f"งานที่ {number}", kind=Division.Kind.UNIT, parent=office)
    client.get("/")
    with django_assert_max_num_queries(1):
        html = client.get(reverse("municipality:structure")).content.decode()
    assert html.count("<ul>") == 3  # root list, office under root, units under office
    assert html.index("สำนักปลัดเทศบาล") < html.index("งานที่ 14")


def test_a_unit_cannot_sit_under_its_own_subunit():
    from django.core.exceptions import ValidationError

    top = Division.objects.create(name="กองช่าง")
    child = Division.objects.create(name="ฝ่ายโยธา", parent=top)
    top.parent = child
    with pytest.raises(ValidationError):
        top.full_clean()


def test_executives_by_position_with_term(client):
    Person.objects.create(body=Person.Body.EXECUTIVE, position="นายกเทศมนตรี",
                          term_start=datetime.date(2025, 5, 11), term_end=datetime.date(2029, 5, 10))
    Person.objects.create(body=Person.Body.COUNCIL, position="ประธานสภาเทศบาล")
    html = client.get(reverse("municipality:executives")).content.decode()
    assert "คณะผู้บริหาร" in html and "สมาชิกสภาเทศบาล" in html
    assert "11 พ.ค. 2568" in html and "10 พ.ค. 2572" in html


def test_contact_and_social_come_from_the_identity_record(client):
    from kpp_portal.models import MunicipalityProfile

    profile = MunicipalityProfile.current()
    profile.line_url = "https://line.me/R/ti/p/@kppmu"
    profile.save()
    contact = client.get(reverse("municipality:contact")).content.decode()
    assert profile.phone in contact and profile.opening_hours in contact and profile.map_url in contact
    assert "<iframe" not in contact
    social = client.get(reverse("municipality:social")).content.decode()
    assert profile.facebook_url in social and "https://line.me/R/ti/p/@kppmu" in social
    assert "<iframe" not in social and "<script src=\"http" not in social


@pytest.mark.parametrize("count", [2, 25])
def test_executives_and_board_queries_do_not_grow(client, count, django_assert_max_num_queries):
    from municipality.models import Question

    for number in range(count):
        Person.objects.create(body=Person.Body.COUNCIL, position=f"สมาชิกสภาเทศบาล คนที่ {number}")
        Question.objects.create(
            question=f"คำถามที่ {number}", answer="คำตอบ", is_published=True, answered_at=NOW
        )
    client.get("/")
    with django_assert_max_num_queries(1):
        assert client.get(reverse("municipality:executives")).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(reverse("municipality:questions")).status_code == 200


def test_laws_page_lists_links_and_documents(client):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from municipality.models import PageReference

    page = _page(kind=Page.Kind.LAWS, title="กฎหมายที่เกี่ยวข้อง", body="กฎหมายหลัก")
    page.references.create(title="พระราชบัญญัติเทศบาล พ.ศ. 2496", url="https://www.law.go.th/")
    page.references.create(title="เทศบัญญัติงบประมาณ", document=SimpleUploadedFile("b.pdf", b"%PDF-1.4 x"))
    html = client.get(reverse("municipality:laws")).content.decode()
    assert "พระราชบัญญัติเทศบาล พ.ศ. 2496" in html and 'href="https://www.law.go.th/"' in html
    assert "/media/pages/b" in html
    with pytest.raises(ValidationError):  # neither a link nor a document
        PageReference(page=page, title="ไม่มีอะไรเลย").full_clean()
    with pytest.raises(ValidationError):  # a "PDF" that is not one
        PageReference(
            page=page, title="ปลอม", document=SimpleUploadedFile("x.pdf", b"MZ\x90\x00")
        ).full_clean()


def test_the_chart_names_the_municipality_not_another_unit(client):
    root = Division.objects.create(name="เทศบาลเมืองกำแพงเพชร", kind=Division.Kind.MUNICIPALITY)
    Division.objects.create(name="กองช่าง", kind=Division.Kind.DIVISION, parent=root)
    html = client.get(reverse("municipality:structure")).content.decode()
    assert "เทศบาลเมืองกำแพงเพชร" in html and "หน่วยงานอื่น" not in html
    assert '<span class="org-kind">กอง</span>' in html


def test_executives_show_the_office_phone_and_email(client):
    Person.objects.create(body=Person.Body.EXECUTIVE, position="นายกเทศมนตรี", phone="0 5571 1111",
                          email="mayor@example.com")
    html = client.get(reverse("municipality:executives")).content.decode()
    assert "0 5571 1111" in html
    assert '<a href="mailto:mayor@example.com">mayor@example.com</a>' in html
