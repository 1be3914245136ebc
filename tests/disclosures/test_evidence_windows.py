"""Each OIT item's evidence must be of the kind it names and fall in its window; an item not met
says why; what the portal cannot judge staff confirm, on record."""
import csv
import datetime

import pytest
from django.utils import timezone

from disclosures.checklists import checklist_rows
from disclosures.models import EvidenceKind, EvidenceWindow, OITItem, RiskEntry
from disclosures.oit_lists import data_files

from .conftest import confirm_years, make_document, make_item

pytestmark = pytest.mark.django_db


def row_of(year, code):
    return next(row for row in checklist_rows(year) if row.item.code == code)


def test_a_document_of_the_named_kind_counts_only_inside_the_window():
    make_item(2569, "O14", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล", window=EvidenceWindow.PREVIOUS,
              counts=EvidenceKind.REPORT, document_kinds="hr-report")
    make_document("รายงาน HR ปีงบประมาณ 2569", category="hr-report", year=2569)  # the assessed year: outside
    assert not row_of(2569, "O14").is_met
    assert row_of(2569, "O14").reasons[0][0] == (
        "ไม่มีเอกสารหมวด รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี ลงวันที่ในปีงบประมาณ 2568")
    make_document("แผน HR ปีงบประมาณ 2568", category="hr-plan", year=2568)  # the window, the wrong kind
    assert not row_of(2569, "O14").is_met
    report = make_document("รายงาน HR ปีงบประมาณ 2568", category="hr-report", year=2568)
    row = row_of(2569, "O14")
    assert row.is_met and [document.pk for document in row.documents] == [report.pk]


def test_a_linked_document_outside_the_window_does_not_tick_the_item_and_is_named():
    item = make_item(2569, "O23", "แผนปฏิบัติการป้องกันการทุจริต", topics=["anti-corruption-plan"],
                     counts=EvidenceKind.DOCUMENT)
    old = make_document("แผนป้องกันการทุจริต 2567", category="anti-corruption-plan", year=2567)
    old.oit_items.add(item)
    row = row_of(2569, "O23")
    assert not row.is_met
    assert any("แผนป้องกันการทุจริต 2567" in why and "ปีงบประมาณ 2567" in why for why, _fix in row.reasons)
    make_document("แผนป้องกันการทุจริต 2569", category="anti-corruption-plan", year=2569)
    assert row_of(2569, "O23").is_met


def test_a_multi_year_plan_proves_each_year_it_covers():
    make_item(2569, "O5", "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", counts=EvidenceKind.DOCUMENT,
              document_kinds="development-plan")
    make_document("แผนพัฒนาท้องถิ่น 2561–2565", category="development-plan", year=2561, valid_until=2565)
    assert not row_of(2569, "O5").is_met
    make_document("แผนพัฒนาท้องถิ่น 2566–2570", category="development-plan", year=2566, valid_until=2570)
    assert row_of(2569, "O5").is_met


def test_a_manual_in_force_proves_the_item_but_not_one_staff_linked_to_another_item():
    """The complaint work manual proves the complaint guideline, not the staff work manual."""
    make_item(2568, "O8", "คู่มือการปฏิบัติงานของเจ้าหน้าที่", window=EvidenceWindow.IN_FORCE,
              counts=EvidenceKind.DOCUMENT, document_kinds="work-manual", order=1)
    o17 = make_item(2568, "O17", "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต", topics=["complaint-manual"],
                    window=EvidenceWindow.IN_FORCE, order=2)
    complaint_manual = make_document("คู่มือการจัดการเรื่องร้องเรียนการทุจริต", category="work-manual", year=2564)
    complaint_manual.oit_items.add(o17)
    assert not row_of(2568, "O8").is_met
    make_document("คู่มือการปฏิบัติงาน ฉบับ 2570", category="work-manual", year=2570)  # not yet in force
    assert not row_of(2568, "O8").is_met
    staff_manual = make_document("คู่มือการปฏิบัติงานงานทะเบียนราษฎร", category="work-manual", year=2567)
    assert [document.pk for document in row_of(2568, "O8").documents] == [staff_manual.pk]


def test_a_half_year_window_takes_a_report_dated_in_the_first_six_months():
    make_item(2564, "O11", "รายงานความก้าวหน้ารอบ 6 เดือน", window=EvidenceWindow.HALF,
              counts=EvidenceKind.REPORT, document_kinds="report")
    make_document("รายงานรอบ 12 เดือน", year=2564, date=datetime.date(2021, 9, 20))
    assert not row_of(2564, "O11").is_met
    assert "1 ต.ค. 2563 – 31 มี.ค. 2564" in row_of(2564, "O11").item.window_label()
    make_document("รายงานรอบ 6 เดือน", year=2564, date=datetime.date(2021, 3, 25))
    assert row_of(2564, "O11").is_met


def test_the_risk_report_needs_an_entry_with_an_outcome_in_the_previous_year():
    make_item(2569, "O22", "รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยงการทุจริต", topics=["risk-actions"],
              window=EvidenceWindow.PREVIOUS, counts=EvidenceKind.RECORD)
    common = {"process": "จัดซื้อ", "risk": "ฮั้ว", "likelihood": 3, "impact": 4, "controls": "ตรวจร่างขอบเขตงาน",
              "owner": "กองคลัง"}
    RiskEntry.objects.create(fiscal_year=2569, status=RiskEntry.Status.DONE, **common)  # the assessed year
    RiskEntry.objects.create(fiscal_year=2568, status=RiskEntry.Status.IN_PROGRESS, **common)  # no outcome
    row = row_of(2569, "O22")
    assert not row.is_met
    assert row.reasons[0][0] == ("ทะเบียนความเสี่ยงปีงบประมาณ 2568 ยังไม่มีรายการที่ดำเนินการแล้วเสร็จ "
                                 "(มีเพียง: กำลังดำเนินการ)")
    RiskEntry.objects.create(fiscal_year=2568, status=RiskEntry.Status.DONE, **common)
    assert row_of(2569, "O22").is_met


def test_results_of_participation_need_a_forum_with_resolutions_in_the_year():
    from committees.models import Committee, Meeting

    Committee.objects.create(name="คณะกรรมการพัฒนาเทศบาล")
    make_item(2569, "O19", "ผลการเปิดโอกาสให้มีส่วนร่วม", topics=["participation-results"],
              counts=EvidenceKind.RECORD, order=1)
    make_item(2568, "O20", "การเปิดโอกาสให้เกิดการมีส่วนร่วม", topics=["participation"])
    assert not row_of(2568, "O20").is_met  # the committees' index is no participation of a year

    def forum(day, resolutions):
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        return Meeting.objects.create(title=f"เวทีประชาคม {day}", starts_at=at, place="ห้องประชุม",
                                      resolutions=resolutions)

    forum(datetime.date(2026, 10, 8), "เห็นชอบโครงการ")  # FY 2570
    forum(datetime.date(2026, 3, 1), "")  # FY 2569, without resolutions
    assert not row_of(2569, "O19").is_met
    assert "ในปีงบประมาณ 2569" in row_of(2569, "O19").reasons[0][0]
    forum(datetime.date(2026, 4, 2), "ที่ประชุมเห็นชอบให้บรรจุโครงการในแผน")
    assert row_of(2569, "O19").is_met


def test_the_complaint_manual_without_a_promulgation_date_says_so():
    from kpp_portal.models import MunicipalityProfile

    make_item(2569, "O16", "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต", topics=["complaint-manual"],
              window=EvidenceWindow.IN_FORCE)
    row = row_of(2569, "O16")
    assert not row.is_met
    assert row.reasons[0] == ("คู่มือการจัดการเรื่องร้องเรียนการทุจริตยังไม่มีวันที่ประกาศใช้",
                              "/admin/kpp_portal/municipalityprofile/")
    profile = MunicipalityProfile.current()
    profile.complaint_manual_adopted_on = datetime.date(2026, 10, 1)  # after FY 2569 ended
    profile.save()
    assert "หลังสิ้นปีงบประมาณ 2569" in row_of(2569, "O16").reasons[0][0]
    profile.complaint_manual_adopted_on = datetime.date(2026, 1, 15)
    profile.save()
    assert row_of(2569, "O16").is_met


def test_what_the_portal_cannot_judge_staff_confirm_and_the_page_says_who_and_when(client, editor):
    item = make_item(2569, "O25", "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", counts=EvidenceKind.DOCUMENT)
    confirm_years(2569)
    row = row_of(2569, "O25")
    assert not row.is_met and "เจ้าหน้าที่ต้องเชื่อมโยงเอกสารหรือยืนยัน" in row.reasons[0][0]
    editor.first_name, editor.last_name = "สมศรี", "ตรวจดี"
    editor.save()
    client.force_login(editor)
    response = client.post("/admin/disclosures/oititem/", {"action": "confirm_evidence",
                                                           "_selected_action": [item.pk]})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.evidence_confirmed_by == editor and item.evidence_confirmed_at
    assert row_of(2569, "O25").is_met and not row_of(2569, "O25").proven
    client.logout()
    body = client.get("/disclosures/ita/2569/").content.decode()
    assert "ยืนยันโดยเจ้าหน้าที่: สมศรี ตรวจดี เมื่อ" in body


def test_staff_without_the_right_cannot_confirm_evidence(client, refused_staff):
    item = make_item(2569, "O25", "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร")
    client.force_login(refused_staff)
    response = client.post("/admin/disclosures/oititem/", {"action": "confirm_evidence",
                                                           "_selected_action": [item.pk]})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.evidence_confirmed_at is None


def test_the_page_and_the_staff_list_say_why_an_item_is_not_met(client, editor):
    make_item(2569, "O14", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล", window=EvidenceWindow.PREVIOUS,
              counts=EvidenceKind.REPORT, document_kinds="hr-report")
    confirm_years(2569)
    body = client.get("/disclosures/ita/2569/").content.decode()
    assert "ไม่มีเอกสารหมวด รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี ลงวันที่ในปีงบประมาณ 2568" in body
    assert "ช่วงเวลาของหลักฐาน: ปีงบประมาณ 2568" in body
    client.force_login(editor)
    staff = client.get("/admin/disclosures/oititem/gaps/2569/").content.decode()
    assert "ลงวันที่ในปีงบประมาณ 2568" in staff and 'href="/admin/disclosures/document/add/"' in staff


def test_every_shipped_item_names_a_window_and_what_counts():
    for year, path in data_files().items():
        with open(path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                assert row["window"] in EvidenceWindow.values, (year, row["code"])
                assert row["counts"] in EvidenceKind.values, (year, row["code"])


def test_no_year_has_two_sections_with_the_same_title():
    for year, path in data_files().items():
        with open(path, encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        # The checklist page opens a section at each change of group (as {% regroup %} does).
        groups = [row["group"] for row in rows]
        opened = [group for n, group in enumerate(groups) if group and (n == 0 or groups[n - 1] != group)]
        assert len(opened) == len(set(opened)), (year, opened)


def test_the_shipped_windows_load_with_the_items(oit_items):
    o12 = OITItem.objects.get(assessment_year=2569, code="O12")
    assert (o12.window, o12.counts) == (EvidenceWindow.PREVIOUS, EvidenceKind.REPORT)
    o8 = OITItem.objects.get(assessment_year=2569, code="O8")
    assert (o8.window, o8.kinds) == (EvidenceWindow.IN_FORCE, ["work-manual"])


def test_a_document_linked_as_another_years_page_item_proves_no_kind_item():
    """Linked to 2568's complaint guideline (proved by the portal's page), the complaint manual
    is not taken as 2569's staff work manual either."""
    o17 = make_item(2568, "O17", "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต", topics=["complaint-manual"])
    make_item(2569, "O8", "คู่มือการปฏิบัติงานของเจ้าหน้าที่", window=EvidenceWindow.IN_FORCE,
              counts=EvidenceKind.DOCUMENT, document_kinds="work-manual")
    make_document("คู่มือการจัดการเรื่องร้องเรียนการทุจริต", category="work-manual", year=2564).oit_items.add(o17)
    assert not row_of(2569, "O8").is_met
