"""One current assessment year on every page, from today's date and the confirmed years, and the
staff's list of what the coming assessment still misses."""
import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from disclosures.models import AssessmentYear, EITSurvey, ITAAnalysis

from .conftest import confirm_years, make_item

pytestmark = pytest.mark.django_db
# 6 December 2026: fiscal year 2570.
DECEMBER_2569 = datetime.datetime(2026, 12, 6, 10, tzinfo=ZoneInfo("Asia/Bangkok"))


@pytest.fixture
def frozen():
    with time_machine.travel(DECEMBER_2569, tick=False):
        yield


def test_the_current_assessment_is_the_newest_confirmed_year_up_to_today(frozen):
    assert AssessmentYear.objects.current() is None
    for year in (2568, 2569, 2571):
        make_item(year, "O1")
    confirm_years(2568)
    current = AssessmentYear.objects.current()
    assert (current.year, current.awaited, current.is_behind) == (2568, 2569, True)
    make_item(2572, "O1")
    confirm_years(2569, 2572)  # two years ahead: waits for its time
    current = AssessmentYear.objects.current()
    assert (current.year, current.awaited, current.is_behind) == (2569, 2570, True)
    make_item(2570, "O1")
    confirm_years(2570)
    current = AssessmentYear.objects.current()
    assert (current.year, current.awaited, current.is_behind) == (2570, 2571, False)
    confirm_years(2571)  # next year's list, confirmed once the NACC publishes it
    current = AssessmentYear.objects.current()
    assert (current.year, current.awaited, current.is_behind) == (2571, None, False)


def test_every_page_names_the_same_assessment_and_the_list_awaited(client, frozen):
    make_item(2568, "O1")
    make_item(2569, "O1")  # a draft: not the current one
    confirm_years(2568)
    EITSurvey.objects.create(assessment_year=2568, url="https://itas.nacc.go.th/",
                             opens_on=datetime.date(2026, 12, 1), closes_on=datetime.date(2027, 1, 31))
    ITAAnalysis.objects.create(assessment_year=2567)
    line = "การประเมิน ITA ปัจจุบัน: ปี 2568"
    awaited = "รอรายการข้อของปี 2569 จากคู่มือ ป.ป.ช. ระหว่างนี้ใช้รายการปี 2568"
    for url in ("/", "/disclosures/", "/disclosures/ita/2568/eit/", "/disclosures/no-gift/",
                "/disclosures/ita-analysis/2567/"):
        body = client.get(url, follow=True).content.decode()
        assert line in body and awaited in body, url
    assert client.get("/disclosures/ita/").url == "/disclosures/ita/2568/"


def test_staff_see_what_the_coming_assessment_misses_and_by_when(client, editor, refused_staff, frozen):
    make_item(2568, "O4", "ข่าวประชาสัมพันธ์", topics=["news"])
    make_item(2570, "O4", "ข่าวประชาสัมพันธ์", topics=["news"])
    confirm_years(2568, 2570)
    AssessmentYear.objects.filter(year=2570).update(oit_deadline=datetime.date(2027, 4, 30))
    client.force_login(refused_staff)
    assert client.get("/admin/disclosures/oititem/gaps/").status_code in (302, 403)
    client.force_login(editor)
    body = client.get("/admin/disclosures/oititem/gaps/").content.decode()
    assert "ปี 2570: ยังไม่มีหลักฐาน 1 จาก 1 ข้อ" in body
    assert "ต้องเผยแพร่ให้ครบภายใน 30 เมษายน 2570" in body
    assert "ไม่มีข่าวประชาสัมพันธ์ ในปีงบประมาณ 2570" in body
