"""The supervisor report prints as a Thai official memo (บันทึกข้อความ) on A4 in Sarabun."""
import re
import threading

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from kpp_portal.models import OutgoingDocument, StaffProfile
from kpp_portal.thai import format_be, format_thai_date
from tests.complaints.conftest import verify_second_factor

pytestmark = pytest.mark.django_db


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_memo_has_every_part_and_the_signature_of_the_officer(client, escalated_report, legal_officer,
                                                                  supervisor):
    StaffProfile.objects.create(user=legal_officer, full_name="นางสาวสมใจ ใจดี", position="นิติกรชำนาญการ")
    StaffProfile.objects.create(user=supervisor, full_name="นายสมชาย รักดี", position="ปลัดเทศบาล")
    verify_second_factor(client, supervisor)
    response = client.get(reverse("admin:complaints_corruptionreport_print", args=[escalated_report.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    text = _text(page)
    assert "<h1>บันทึกข้อความ</h1>" in page
    assert re.search(r'<dt>ส่วนราชการ</dt><dd id="memo-unit">ฝ่ายนิติการ', page)
    # "ที่" comes from the register of outgoing documents (the municipality's prefix / number).
    entry = OutgoingDocument.objects.get(source=f"complaints.memo:{escalated_report.pk}")
    assert f'<dd id="memo-number">กพ 52001/{entry.number}</dd>' in page
    today = format_thai_date(timezone.localdate(), long=True)
    assert f'<dd id="memo-date">{today}</dd>' in page and int(today.split()[-1]) > 2500  # BE
    assert f"รายงานเรื่องร้องเรียนการทุจริต เลขที่ {escalated_report.reference}" in text
    assert "เรียน ปลัดเทศบาล" in text
    assert "จึงเรียนมาเพื่อโปรดทราบและพิจารณา" in text
    signature = _text(page.split('id="memo-signature"')[1])
    assert "(นางสาวสมใจ ใจดี)" in signature and "นิติกรชำนาญการ" in signature
    # The reporter's contact never reaches the memo.
    assert "081-000-0000" not in page
    # A print button (script from our own static files) and the A4 print style in Sarabun.
    assert 'class="js-print"' in page and "js/portal.js" in page
    assert "vendor/sarabun/sarabun.css" in page and "complaints/memo.css" in page
    css = open(finders.find("complaints/memo.css"), encoding="utf-8").read()
    assert "size: A4" in css and '"Sarabun"' in css and "@media print" in css


def test_without_profiles_the_memo_falls_back_to_account_names(client, escalated_report, legal_officer,
                                                               supervisor):
    verify_second_factor(client, legal_officer)
    page = client.get(reverse("admin:complaints_corruptionreport_print", args=[escalated_report.pk])).content
    text = _text(page.decode())
    assert "เรียน supervisor" in text  # the account name until a profile gives the position
    assert "(legal)" in text


def test_the_demo_accounts_have_signatures(settings, staff_roles):
    import io

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("demo_accounts", stdout=io.StringIO())
    assert StaffProfile.objects.get(user__username="legal").position.startswith("นิติกร")
    assert StaffProfile.objects.get(user__username="supervisor").position.startswith("ปลัดเทศบาล")


def test_general_affairs_keeps_the_signatures_and_others_are_refused(client, general_affairs, editor,
                                                                      legal_officer):
    from tests.conftest import PASSWORD

    client.login(username="general", password=PASSWORD)
    add = reverse("admin:kpp_portal_staffprofile_add")
    form = client.get(add).content.decode()
    assert f'<option value="{legal_officer.pk}">legal</option>' in form
    response = client.post(add, {"user": legal_officer.pk, "full_name": "นางสาวสมใจ ใจดี",
                                 "position": "นิติกรชำนาญการ"})
    assert response.status_code == 302
    assert StaffProfile.signature_of(legal_officer) == ("นางสาวสมใจ ใจดี", "นิติกรชำนาญการ")
    client.login(username="editor", password=PASSWORD)
    assert client.get(add).status_code == 403


def test_assign_menus_timelines_and_the_memo_name_staff_by_full_name_and_position(
        client, escalated_report, legal_officer, supervisor):
    """Not the user names ("legal", "boss"): the person's full name and position (StaffProfile)."""
    StaffProfile.objects.create(user=legal_officer, full_name="นางสาวสมใจ ใจดี", position="นิติกรชำนาญการ")
    StaffProfile.objects.create(user=supervisor, full_name="นายสมชาย รักดี", position="ปลัดเทศบาล")
    officer = "นางสาวสมใจ ใจดี (นิติกรชำนาญการ)"
    verify_second_factor(client, legal_officer)
    case = client.get(reverse("admin:complaints_corruptionreport_change", args=[escalated_report.pk]))
    page = case.content.decode()
    assign = page.split('name="assigned_to"')[1].split("</select>")[0]
    assert f">{officer}</option>" in assign and f">{legal_officer.username}</option>" not in assign
    timeline = _text(page.split("case-timeline")[1].split("</table>")[0])
    assert officer in timeline and f" {legal_officer.username} " not in timeline
    assert "นายสมชาย รักดี (ปลัดเทศบาล)" in _text(page)  # the supervisor the case went to
    escalated_report.assigned_to = legal_officer
    escalated_report.save(update_fields=["assigned_to"])
    queue = client.get(reverse("admin:complaints_corruptionreport_changelist")).content.decode()
    assert f'<td class="field-assigned_display">{officer}</td>' in queue
    client.logout()
    verify_second_factor(client, supervisor)
    memo = client.get(reverse("admin:complaints_corruptionreport_print", args=[escalated_report.pk]))
    assert officer in _text(memo.content.decode())
    assert f"<td>{legal_officer.username}</td>" not in memo.content.decode()


def test_the_eservice_assign_menu_and_timeline_name_staff_by_full_name_and_position(client,
                                                                                     django_user_model):
    import io

    from services import demo
    from services.models import ServiceRequest, ServiceUnit
    from tests.conftest import PASSWORD
    demo.load(io.StringIO())
    unit = ServiceUnit.objects.get(name="กองช่าง")
    officer = django_user_model.objects.create_user(username="works", password=PASSWORD, is_staff=True)
    officer.groups.add(unit.group)
    StaffProfile.objects.create(user=officer, full_name="นายช่าง ซ่อมดี", position="นายช่างโยธาชำนาญงาน")
    item = ServiceRequest.objects.filter(unit=unit, closed_at__isnull=True).first()
    item.assign(officer, by=officer)
    client.force_login(officer)
    page = client.get(reverse("admin:services_servicerequest_change", args=[item.pk])).content.decode()
    named = "นายช่าง ซ่อมดี (นายช่างโยธาชำนาญงาน)"
    assign = page.split('name="assigned_to"')[1].split("</select>")[0]
    assert f">{named}</option>" in assign and ">works</option>" not in assign
    assert f'<td id="case-assigned">{named}</td>' in page
    assert f"<td>{named}</td>" in page and "<td>works</td>" not in page  # the timeline's actor
    queue = client.get(reverse("admin:services_servicerequest_changelist")).content.decode()
    assert f'<td class="field-assigned_display">{named}</td>' in queue


def test_the_memo_takes_its_number_once_and_keeps_it_on_reprint(client, escalated_report, legal_officer,
                                                                supervisor):
    from complaints.models import AuditEntry

    OutgoingDocument.issue(subject="หนังสือก่อนหน้า", recipient="จังหวัดกำแพงเพชร", user=legal_officer)
    verify_second_factor(client, supervisor)
    url = reverse("admin:complaints_corruptionreport_print", args=[escalated_report.pk])
    first = re.search(r'<dd id="memo-number">([^<]+)</dd>', client.get(url).content.decode()).group(1)
    again = re.search(r'<dd id="memo-number">([^<]+)</dd>', client.get(url).content.decode()).group(1)
    assert first == again == "กพ 52001/2"
    entry = OutgoingDocument.objects.get(number=2)
    assert (entry.issued_by, entry.recipient) == (supervisor, "supervisor")
    assert entry.issued_on == timezone.localdate()
    # The register, kept by general affairs, names neither the case nor its reference.
    assert escalated_report.reference not in entry.subject
    assert AuditEntry.objects.filter(action="print", report_reference=escalated_report.reference).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_first_prints_at_once_share_one_number(monkeypatch):
    """Both find the memo without a number, then both number it: one number, none lost."""
    from django.db import connection

    both_looked = threading.Barrier(2, timeout=30)
    assign = OutgoingDocument.assign_number

    def once_both_looked(entry, user):
        both_looked.wait()
        assign(entry, user)

    monkeypatch.setattr(OutgoingDocument, "assign_number", once_both_looked)
    entries, errors = [], []

    def first_print():
        try:
            entries.append(OutgoingDocument.issue(subject="บันทึกรายงาน", recipient="ปลัดเทศบาล", user=None,
                                                  source="complaints.memo:1"))
        except Exception as error:  # noqa: BLE001 - the test reports what either print met
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first_print) for _print in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [entry.number for entry in entries] == [1, 1] and OutgoingDocument.objects.count() == 1
    monkeypatch.undo()
    # The number the second print took was given back: the register stays gap-free.
    assert OutgoingDocument.issue(subject="หนังสือถัดไป", recipient="จังหวัด", user=None).number == 2


def test_the_memo_as_a_pdf_is_audited_never_stored_and_breaks_thai_lines_by_word(
        client, escalated_report, legal_officer, supervisor, tmp_path, settings):
    from complaints.models import AuditEntry
    from tests.pdftext import assert_no_word_split, pdf_lines

    verify_second_factor(client, supervisor)
    files_before = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    response = client.get(reverse("admin:complaints_corruptionreport_print_pdf", args=[escalated_report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and response.content.startswith(b"%PDF")
    (tmp_path / "read").mkdir()
    lines = pdf_lines(response.content, tmp_path / "read")
    text = " ".join(lines)
    assert "บันทึกข้อความ" in text and "จึงเรียนมาเพื่อโปรดทราบและพิจารณา" in text
    assert "กพ 52001/1" in text
    # The memo's prose (the table cells and account names are checked by the page tests).
    start = next(n for n, line in enumerate(lines) if line.startswith("ด้วยฝ่ายนิติการ"))
    paragraph = lines[start:start + 4]
    assert len(paragraph) == 4
    assert_no_word_split(paragraph)
    assert AuditEntry.objects.filter(action="print", detail="pdf").count() == 1
    # Nothing was written to the media folder.
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file() and "read" not in p.parts) == files_before


def test_staff_outside_the_case_cannot_get_the_pdf(client, escalated_report, editor):
    from tests.conftest import PASSWORD

    client.login(username="editor", password=PASSWORD)
    response = client.get(reverse("admin:complaints_corruptionreport_print_pdf", args=[escalated_report.pk]))
    assert response.status_code in (302, 403)
    assert not OutgoingDocument.objects.exists()


def test_general_affairs_keeps_the_register_and_numbers_are_taken_on_save(client, general_affairs, editor):
    from tests.conftest import PASSWORD

    client.login(username="general", password=PASSWORD)
    add = reverse("admin:kpp_portal_outgoingdocument_add")
    form = client.get(add).content.decode()
    assert "เรื่อง" in form and "ถึง" in form
    day = timezone.localdate()
    for subject in ("ขอเชิญประชุม", "ขอความอนุเคราะห์"):
        response = client.post(add, {"issued_on": format_be(day), "subject": subject,
                                     "recipient": "นายอำเภอเมืองกำแพงเพชร"})
    entries = list(OutgoingDocument.objects.order_by("number"))
    assert [e.number for e in entries] == [1, 2] and entries[0].issued_by == general_affairs, response
    changelist = client.get(reverse("admin:kpp_portal_outgoingdocument_changelist")).content.decode()
    assert "ทะเบียนหนังสือส่ง" in changelist and "กพ 52001/2" in changelist
    client.login(username="editor", password=PASSWORD)
    assert client.get(add).status_code == 403
