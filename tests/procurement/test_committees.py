"""Committees: each member's declaration of no conflict of interest, the training register, the
two red flags they feed, the public page (names and positions only) and the admin inline."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procurement.models import CommitteeMember, CommitteeRole, ProcurementTraining
from procurement.reports import annual_figures
from tests.conftest import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" \
      b"trailer<</Root 1 0 R>>\n%%EOF\n"
DAY = datetime.date(2025, 11, 1)


def _member(project, name, role=CommitteeRole.PROCUREMENT, declared=True):
    member = CommitteeMember(project=project, role=role, name=name, position="นักวิชาการพัสดุ")
    if declared:
        member.declared_on = DAY
        member.declaration.save("signed.pdf", SimpleUploadedFile("signed.pdf", PDF), save=False)
    member.save()
    return member


def _trained(name):
    return ProcurementTraining.objects.create(name=name, position="นักวิชาการพัสดุ", course="พ.ร.บ. จัดซื้อจัดจ้าง",
                                              attended_on=DAY, hours=6, organiser="กรมบัญชีกลาง")


def test_red_flags_name_undeclared_members_and_untrained_committees(make):
    project = make.project()
    _trained("นาย ก  ทดสอบ")
    _member(project, "นาย ก ทดสอบ")  # trained (spaces typed differently), declared
    undeclared = _member(project, "นาง ข ทดสอบ", declared=False)
    _member(project, "นาย ค ทดสอบ", role=CommitteeRole.INSPECTION)  # nobody trained in inspection
    flags = annual_figures(2569)["red_flags"]
    assert flags["undeclared_members"] == [undeclared]
    assert [(c["project"], c["role"]) for c in flags["untrained_committees"]] == [
        (project, CommitteeRole.INSPECTION.label)]
    _trained("นาย ค ทดสอบ")
    assert annual_figures(2569)["red_flags"]["untrained_committees"] == []


def test_annual_report_shows_the_committee_flags(client, make):
    project = make.project()
    make.announce(project)
    _member(project, "นาง ข ทดสอบ", declared=False)
    page = client.get(reverse("procurement:annual_report", args=[2569])).content.decode()
    assert 'id="flag-undeclared">1<' in page and 'id="flag-untrained">1<' in page
    assert "นาง ข ทดสอบ</span> (<span lang=\"th\">นักวิชาการพัสดุ</span>) ยังไม่ได้ลงนามแบบแสดงความบริสุทธิ์ใจ" in page


def test_a_date_without_the_signed_form_is_not_a_declaration(make):
    member = CommitteeMember(project=make.project(), role=CommitteeRole.TOR, name="นาย ง", position="ช่าง",
                             declared_on=DAY)
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "declaration" in error.value.message_dict


def test_public_page_shows_names_and_positions_but_not_the_signed_form(client, make):
    project = make.project()
    make.announce(project)
    member = _member(project, "นาย ก ทดสอบ")
    _member(project, "นาง ข ทดสอบ", declared=False)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "นาย ก ทดสอบ" in page and "นักวิชาการพัสดุ" in page and "ลงนามแล้ว" in page and "ยังไม่ลงนาม" in page
    assert member.declaration.name not in page and member.declaration.url not in page


@pytest.fixture
def officer_client(client, procurement_officer):
    client.login(username="procurement", password=PASSWORD)
    return client


def test_admin_inline_in_thai_and_the_upload_is_checked(officer_client, make):
    project = make.project()
    url = reverse("admin:procurement_procurementproject_change", args=[project.pk])
    body = officer_client.get(url).content.decode()
    assert "committee-0-role" not in body and 'id="committee-group"' in body
    assert "คณะกรรมการและการแสดงความบริสุทธิ์ใจ" in body and "แบบแสดงความบริสุทธิ์ใจที่ลงนามแล้ว" in body
    training = officer_client.get(reverse("admin:procurement_procurementtraining_add")).content.decode()
    assert "หลักสูตร" in training and "หน่วยงานผู้จัด" in training


def test_admin_refuses_a_declaration_that_is_not_a_document(officer_client, make):
    """The signed form goes through the one upload check (content, not name)."""
    member = CommitteeMember(project=make.project(), role=CommitteeRole.TOR, name="นาย ง", position="ช่าง",
                             declared_on=DAY)
    member.declaration = SimpleUploadedFile("signed.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError):
        member.full_clean()


@pytest.mark.parametrize("user_fixture", ["refused_staff", "editor"])
def test_other_staff_cannot_open_the_training_register(client, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    client.force_login(user)
    response = client.get(reverse("admin:procurement_procurementtraining_changelist"))
    assert response.status_code in (302, 403)
