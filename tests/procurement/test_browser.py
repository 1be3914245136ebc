"""A citizen's path: plan → project and its announcements → comment on a draft TOR → สขร.1 XLSX."""
import datetime
import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from procurement.models import AnnouncementKind, ContractProgress, HearingComment

pytestmark = pytest.mark.browser


def test_plan_to_project_to_hearing_to_monthly_xlsx(page, live_server, make, tmp_path):
    today = timezone.localdate()
    award = make.awarded(contract_date=datetime.date(2025, 12, 5), title="ก่อสร้างสะพานคอนกรีต")
    tor = make.announce(award.project, AnnouncementKind.DRAFT_TOR, day=today - datetime.timedelta(days=1),
                        hearing_opens_on=today - datetime.timedelta(days=1),
                        hearing_closes_on=today + datetime.timedelta(days=2))
    tor.title = "ร่างขอบเขตของงานสะพานคอนกรีต"
    tor.save()

    page.goto(f"{live_server.url}/procurement/")
    page.get_by_role("link", name="แผนปีงบประมาณ พ.ศ. 2569").click()
    page.get_by_role("heading", name="แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2569").wait_for()
    page.get_by_role("link", name=award.project.egp_number).click()
    page.get_by_role("heading", name="ก่อสร้างสะพานคอนกรีต").wait_for()
    assert page.get_by_role("heading", name="ประกาศเชิญชวน").is_visible()

    page.get_by_role("link", name="แสดงความคิดเห็นต่อร่าง TOR").click()
    comment = page.get_by_role("textbox", name=re.compile(r"^ความคิดเห็น\*?$"))  # "*" marks a required field
    comment.fill("ขอให้กำหนดระยะเวลาก่อสร้างให้สอดคล้องกับฤดูฝน")
    page.get_by_role("button", name="ส่งความคิดเห็น").click()
    page.get_by_text("ได้รับความคิดเห็นของท่านแล้ว").wait_for()
    assert HearingComment.objects.filter(announcement=tor).count() == 1

    page.goto(f"{live_server.url}/procurement/monthly/2568/12/")
    page.get_by_role("heading", name="สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ธันวาคม 2568").wait_for()
    with page.expect_download() as info:
        page.get_by_role("link", name="ดาวน์โหลด XLSX").click()
    path = tmp_path / "sor-kor-ror-1.xlsx"
    info.value.save_as(path)
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    assert sheet["A1"].value == "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ธันวาคม 2568"
    assert sheet["B4"].value == "ก่อสร้างสะพานคอนกรีต"


def test_annual_report_fits_a_phone(phone_page, live_server, make):
    make.awarded()
    phone_page.goto(f"{live_server.url}/procurement/report/2569/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_pages_pass_axe_and_fit_a_phone(page, phone_page, live_server, make):
    """WCAG 2.1 AA checks by axe-core on every public procurement page, and no sideways scroll at 360 px."""
    from axe_playwright_python.sync_playwright import Axe

    today = timezone.localdate()
    award = make.awarded(contract_date=datetime.date(2025, 12, 5))
    ContractProgress.objects.create(award=award, date=datetime.date(2026, 1, 5), stage="in_progress",
                                    percent=30)
    tor = make.announce(award.project, AnnouncementKind.DRAFT_TOR, day=today,
                        hearing_opens_on=today, hearing_closes_on=today + datetime.timedelta(days=2))
    paths = ["/procurement/", "/procurement/plan/2569/", award.project.get_absolute_url(),
             f"/procurement/hearing/{tor.pk}/", "/procurement/announcements/", "/procurement/monthly/",
             "/procurement/monthly/2568/12/", "/procurement/report/2569/", "/procurement/open-data/",
             "/procurement/progress/2569/"]
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    for path in paths:
        page.goto(live_server.url + path)
        results = axe.run(page, options=options)
        assert results.violations_count == 0, (path, results.generate_report())
        phone_page.goto(live_server.url + path)
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, path


def test_committee_and_print_links_fit_a_phone(phone_page, live_server, make):
    """The committee table, the committee red flags and the พิมพ์ประกาศ links at 360 px."""
    from procurement.models import CommitteeMember, CommitteeRole

    award = make.awarded(contract_date=datetime.date(2025, 12, 5))
    for role in CommitteeRole.values:
        CommitteeMember.objects.create(project=award.project, role=role,
                                       name="นางสาว ทดสอบ ยาวมากนามสกุลยาวมาก",
                                       position="นักวิชาการพัสดุชำนาญการพิเศษ รักษาราชการแทนผู้อำนวยการกองคลัง")
    for path in (award.project.get_absolute_url(), "/procurement/report/2569/", "/procurement/plan/2569/"):
        phone_page.goto(live_server.url + path)
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, path
    phone_page.goto(live_server.url + award.project.get_absolute_url())
    assert phone_page.locator("#committee").is_visible()
    href = phone_page.get_by_role("link", name=re.compile("^พิมพ์ประกาศ")).first.get_attribute("href")
    response = phone_page.request.get(live_server.url + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert "notice-announcement-" in response.headers["content-disposition"]
