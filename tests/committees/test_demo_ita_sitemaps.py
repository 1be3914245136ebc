import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from committees import demo, ita
from committees.models import Committee, CommitteeTerm, Consultation, Meeting, MeetingPhoto, Member, Opinion
from kpp_portal.thai import current_fiscal_year

pytestmark = pytest.mark.django_db

SEED_COMMITTEES = [
    "คณะกรรมการพัฒนาเทศบาลเมืองกำแพงเพชร",
    "คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาเทศบาลเมืองกำแพงเพชร",
    "คณะกรรมการบริหารตลาด",
    "คณะกรรมการบริหารศูนย์พัฒนาคุณภาพชีวิตและส่งเสริมผู้สูงอายุ",
    "คณะกรรมการกำกับบริหารจัดการระบบบำบัดน้ำเสีย",
]


def counts():
    return [
        m.objects.count()
        for m in (Committee, CommitteeTerm, Member, Meeting, MeetingPhoto, Consultation, Opinion)
    ]


def test_demo_loads_the_five_seed_committees_and_is_idempotent():
    demo.load(io.StringIO())
    first = counts()
    demo.load(io.StringIO())
    assert counts() == first
    assert list(Committee.objects.values_list("name", flat=True)) == SEED_COMMITTEES
    assert Meeting.objects.upcoming().exists() and Meeting.objects.past().exists()
    assert Consultation.objects.open_now().count() == 1
    assert MeetingPhoto.objects.get().image_sizes  # a generated picture, through the upload path
    # sample people only: every member is marked as a sample
    assert not Member.objects.exclude(name__startswith="กรรมการตัวอย่าง").exists()
    assert not Member.objects.exclude(position__contains="ตัวอย่าง").exists()
    constituencies = set(Member.objects.values_list("constituency", flat=True))
    assert constituencies == {"executive", "staff", "expert", "government", "community"}


def test_load_demo_command_runs_with_the_rest_of_the_portal():
    call_command("load_demo", stdout=io.StringIO())
    assert Committee.objects.count() == 5


def test_ita_evidence_names_the_participation_pages(make_committee, make_meeting, open_consultation):
    make_committee()
    meeting = make_meeting(days_from_now=1)
    topics = ita.evidence(current_fiscal_year())
    urls = [url for _, url in topics["participation"]]
    # What happened in the year, not the index of committees.
    assert reverse("committees:index") not in urls
    assert meeting.get_absolute_url() in urls and open_consultation.get_absolute_url() in urls


def test_ita_evidence_lists_only_what_exists_for_that_year(make_meeting):
    make_meeting(days_from_now=1)
    assert "participation" not in ita.evidence(2500)


@pytest.mark.parametrize("size", [1, 10])
def test_ita_evidence_queries_are_constant(
    make_meeting, make_consultation, django_assert_max_num_queries, size
):
    for day in range(size):
        make_meeting(days_from_now=day)
        make_consultation(title=f"เรื่อง {day}")
    with django_assert_max_num_queries(3):
        ita.evidence(current_fiscal_year())


def test_sitemap_lists_participation_pages(client, make_committee, make_meeting, open_consultation):
    committee, _ = make_committee()
    meeting = make_meeting()
    hidden = make_meeting(is_published=False)
    xml = client.get("/sitemap.xml").content.decode()
    for path in (
        reverse("committees:index"),
        committee.get_absolute_url(),
        meeting.get_absolute_url(),
        open_consultation.get_absolute_url(),
    ):
        assert f"{path}</loc>" in xml, path
    assert f"{hidden.get_absolute_url()}</loc>" not in xml


def test_home_slot_shows_open_consultations_and_upcoming_forums(
    client, open_consultation, make_meeting, make_consultation
):
    make_meeting(days_from_now=3, title="เวทีประชาคมเดือนหน้า")
    make_meeting(days_from_now=-3, title="เวทีที่ผ่านไปแล้ว")
    make_consultation(title="เรื่องที่ปิดไปแล้ว", opens_in=-30, closes_in=-1)
    html = client.get("/").content.decode()
    assert open_consultation.title in html and "เวทีประชาคมเดือนหน้า" in html
    assert "เวทีที่ผ่านไปแล้ว" not in html and "เรื่องที่ปิดไปแล้ว" not in html


def test_home_slot_when_nothing_is_open(client):
    assert "ขณะนี้ไม่มีหัวข้อที่เปิดรับฟังความคิดเห็น" in client.get("/").content.decode()
