"""Public figures: the service statistics (page, CSV, JSON, charts), the register of
information requests, the checklist evidence and the demo."""
import csv
import io
import json
import os

import pytest
import time_machine
from django.core.management import call_command

from disclosures.models import OITItem, TopicsField
from kpp_portal.ita import portal_evidence
from services import statistics
from services.ita import evidence
from services.models import ServiceRequest

from .conftest import BEFORE_SONGKRAN, at, file_request, released_pdf

pytestmark = pytest.mark.django_db


def csv_rows(client, path):
    return list(csv.reader(io.StringIO(client.get(path).content.decode("utf-8-sig"))))


@pytest.fixture
def year_2569(holidays, fault_type, information_type, works_officer, office_officer, grounds):
    """FY 2569 (Oct 2025 – Sep 2026): one request left over from FY 2568, four filed in April."""
    with time_machine.travel(at(2025, 9, 25), tick=False):
        carried, _ = file_request(fault_type, subject="ค้างจากปีก่อน")
    with time_machine.travel(BEFORE_SONGKRAN, tick=False):
        fast, _ = file_request(fault_type, subject="เร็ว")
        slow, _ = file_request(fault_type, subject="ช้า")
        info, _ = file_request(information_type, subject="ขอสัญญาของนาย ก", requester_name="นาย ก ลับมาก")
        file_request(fault_type, subject="ยังไม่เสร็จ")
    with time_machine.travel(at(2026, 4, 16), tick=False):
        fast.close("completed", by=works_officer)
        fast.rate(5)
        carried.close("completed", by=works_officer)
    with time_machine.travel(at(2026, 5, 7), tick=False):
        slow.close("completed", by=works_officer)
        slow.rate(2)
        info.reply("ส่งสำเนาแล้ว", by=office_officer, files=[released_pdf()], publish_files=True)
        info.close("disclosed_part", by=office_officer, grounds=[grounds["personal"]])
        info.set_register("ขอสำเนาสัญญาจ้างซ่อมถนน", True, by=office_officer)
    return {"fast": fast, "slow": slow, "info": info, "carried": carried}


# -- statistics -----------------------------------------------------------------------------------
def test_year_figures_count_received_closed_in_progress_medians_limits_and_ratings(year_2569):
    with time_machine.travel(at(2026, 11, 1), tick=False):
        figures = statistics.year_figures(2569)
    total = figures.total
    assert (total.received, total.closed, total.in_progress) == (4, 4, 1)
    # fast: 1 working day (Thu 16, after Songkran); slow and info: 16; carried: over a hundred.
    assert total.median_working_days == 16
    assert total.within_limit_percent == 25.0  # only fast; info was due on 6 May (15 working days)
    assert total.average_rating == 3.5
    fault = next(row for row in figures.by_type if row.slug == "public-works-fault")
    assert (fault.received, fault.closed, fault.in_progress) == (3, 3, 1)
    april = next(month for month in figures.months if month.key == "2026-04")
    assert (april.total.received, april.total.closed, april.total.in_progress) == (4, 2, 3)
    may = next(month for month in figures.months if month.key == "2026-05")
    assert (may.total.received, may.total.closed, may.total.in_progress) == (0, 2, 1)
    october = figures.months[0]
    assert october.total.in_progress == 1  # the request left over from the year before
    assert figures.complete


@pytest.mark.parametrize("values", [[7], [1, 16, 16, 143], [3, 1, 2], [2, 2, 9, 9, 9, 10], [5, 1]])
def test_median_from_grouped_counts_is_the_median(values):
    from collections import Counter
    from statistics import median

    assert statistics._median(Counter(values)) == median(values)
    assert statistics._median(Counter()) is None


def test_months_still_ahead_have_no_backlog(year_2569):
    with time_machine.travel(at(2026, 4, 20), tick=False):
        figures = statistics.year_figures(2569)
    assert figures.months[6].total.in_progress is not None  # April, running
    assert figures.months[7].total.in_progress is None  # May, ahead
    assert not figures.complete


def test_statistics_page_csv_and_json_agree_and_hold_no_personal_data(client, year_2569):
    with time_machine.travel(at(2026, 11, 1), tick=False):
        page = client.get("/services/stats/2569/").content.decode()
        rows = csv_rows(client, "/services/stats/2569.csv")
        document = json.loads(client.get("/services/stats/2569.json").content)
        assert client.get("/services/stats/2550/").status_code == 404
    assert 'id="total-received">4<' in page and 'id="total-closed">4<' in page
    assert "<svg" in page and "<figure" in page  # the one chart: a picture of its own table
    assert rows[0] == statistics.CSV_HEADER
    assert rows[1][:7] == ["2569", "year", "all", "ทุกบริการ", "4", "4", "1"]
    assert document["year"]["received"] == 4 and document["year"]["average_rating"] == 3.5
    april = next(month for month in document["months"] if month["month"] == "2026-04")
    assert april["received"] == 4 and {row["request_type"] for row in april["by_type"]} == {
        "public-works-fault", "information-request"}
    for text in (page, json.dumps(document, ensure_ascii=False), str(rows)):
        assert "นาย ก" not in text and "EB-" not in text and "ค้างจากปีก่อน" not in text


def test_csv_cells_cannot_run_as_formulas(client, fault_type):
    fault_type.title = "=HYPERLINK(\"http://evil\")"
    fault_type.save()
    file_request(fault_type)
    year = ServiceRequest.objects.get().fiscal_year
    rows = csv_rows(client, f"/services/stats/{year}.csv")
    assert all(not cell.startswith("=") for row in rows for cell in row)


@pytest.mark.parametrize("count", [4, 40])
def test_statistics_queries_do_not_grow(client, fault_type, works_officer, count,
                                        django_assert_max_num_queries):
    with time_machine.travel(BEFORE_SONGKRAN, tick=False):
        for number in range(count):
            item, _ = file_request(fault_type)
            if number % 2:
                item.close("completed", by=works_officer)
                item.rate(4)
        with django_assert_max_num_queries(9):
            assert client.get("/services/stats/").status_code == 200
        with django_assert_max_num_queries(6):
            assert client.get("/services/stats/2569.csv").status_code == 200


# -- the register -----------------------------------------------------------------------------------
def test_register_shows_reviewed_entries_and_released_files_never_the_requester(client, year_2569,
                                                                                information_type):
    info = year_2569["info"]
    hidden, _ = file_request(information_type, subject="ไม่ได้ตรวจ", requester_name="นาง ข")
    opted, _ = file_request(information_type, subject="ขอไม่เปิดเผย", requester_name="นาง ค",
                            register_opt_out=True)
    ServiceRequest.objects.filter(pk=opted.pk).update(register_subject="ขอไม่เปิดเผย",
                                                      register_published_at=info.register_published_at)
    page = client.get("/services/register/").content.decode()
    assert "ขอสำเนาสัญญาจ้างซ่อมถนน" in page and info.reference in page
    assert "ไม่ได้ตรวจ" not in page and "ขอไม่เปิดเผย" not in page  # opted out: never shown
    entry = client.get(f"/services/register/{info.reference}/").content.decode()
    assert "เปิดเผยข้อมูลบางส่วน" in entry and "มาตรา 15 (5)" in entry
    for private in ("นาย ก", "ลับมาก", "ขอสัญญาของ"):
        assert private not in page and private not in entry
    released = info.files.get()
    response = client.get(f"/services/register/{info.reference}/file/{released.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(f"/services/register/{hidden.reference}/").status_code == 404
    assert client.get(f"/services/register/{opted.reference}/").status_code == 404


def test_unpublished_files_and_entries_stay_private(client, year_2569, office_officer):
    info = year_2569["info"]
    private = info.reply("เอกสารภายใน", by=office_officer, files=[released_pdf("internal.pdf")]).files.get()
    assert client.get(f"/services/register/{info.reference}/file/{private.pk}/").status_code == 404
    info.set_register("ขอสำเนาสัญญาจ้างซ่อมถนน", False, by=office_officer)
    assert client.get(f"/services/register/{info.reference}/").status_code == 404


def test_register_search_finds_a_thai_word_inside_the_subject(client, year_2569, information_type,
                                                              office_officer):
    other, _ = file_request(information_type, subject="ขอรายงานการประชุมสภา", requester_name="นาย ง")
    other.set_register("ขอรายงานการประชุมสภาเทศบาล", True, by=office_officer)
    page = client.get("/services/register/", {"q": "ซ่อมถนน"}).content.decode()
    assert "ขอสำเนาสัญญาจ้างซ่อมถนน" in page and "การประชุมสภา" not in page
    assert "พบ 1 คำขอ" in page


def test_the_portal_search_finds_reviewed_register_entries_and_the_catalogue_only(
        client, year_2569, information_type, office_officer):
    private, _ = file_request(information_type, subject="ขอสำเนาบันทึกของนายสมชาย", requester_name="นาย จ")
    found = client.get("/search/", {"q": "สมชาย"}).content.decode()
    assert "สมชาย" not in found.split("<main", 1)[1].split("</form>", 1)[1]  # never the request itself
    private.set_register("ขอสำเนาบันทึกข้อความเรื่องไฟฟ้าสาธารณะ", True, by=office_officer)
    found = client.get("/search/", {"q": "ไฟฟ้าสาธารณะ"}).content.decode()
    assert private.get_register_url() in found and "บริการออนไลน์" in found
    catalogue = client.get("/search/", {"q": information_type.title}).content.decode()
    assert information_type.get_absolute_url() in catalogue
    private.set_register("ขอสำเนาบันทึกข้อความเรื่องไฟฟ้าสาธารณะ", False, by=office_officer)
    assert private.get_register_url() not in client.get("/search/", {"q": "ไฟฟ้าสาธารณะ"}).content.decode()


# -- checklist evidence, sitemap, demo ---------------------------------------------------------------
def test_evidence_for_the_years_the_service_was_used(year_2569, django_assert_max_num_queries):
    with time_machine.travel(at(2026, 11, 1), tick=False):
        with django_assert_max_num_queries(2):
            found = evidence(2569)
        assert [url for _title, url in found["service-statistics"]] == ["/services/stats/2569/"]
        assert "/services/" in [url for _title, url in found["e-service"]]
        # E-Service is a page that exists and works, used or not; statistics need requests.
        assert set(evidence(2564)) == {"e-service"}
        assert "e-service" in evidence(2570)  # the current year, with services open
        assert "service-statistics" not in evidence(2570)
        assert "e-service" in portal_evidence(2569)


def test_sitemap_lists_the_public_pages(client, fault_type):
    page = client.get("/sitemap.xml").content.decode()
    for path in ("/services/", "/services/stats/", "/services/register/", fault_type.get_absolute_url()):
        assert path in page


def test_demo_loads_the_four_services_samples_and_one_year_of_holidays(client):
    from services.models import Holiday, PersonalDataRight, RequestType

    call_command("load_demo", stdout=open(os.devnull, "w"))
    assert set(RequestType.objects.filter(personal_data_right="").values_list("slug", flat=True)) == {
        "general-petition", "information-request", "public-works-fault", "building-permit-precheck"}
    # and one request type per right of a data subject
    rights = RequestType.objects.exclude(personal_data_right="").values_list("personal_data_right", flat=True)
    assert set(rights) == set(PersonalDataRight)
    assert {day.year for day in Holiday.objects.dates("date", "year")} == {2026}
    fault = RequestType.objects.get(slug="public-works-fault")
    assert {"location", "photos"} <= set(fault.fields.values_list("kind", flat=True))
    assert RequestType.objects.get(slug="building-permit-precheck").manual_document is not None
    samples = ServiceRequest.objects.filter(is_sample=True)
    assert samples.count() == 5 and samples.in_register().count() == 1
    assert ServiceRequest.objects.overdue().exists() and ServiceRequest.objects.due_soon().exists()
    assert client.get("/services/").status_code == 200
    # The checklist of the current assessment finds the E-Service through the data file's topic.
    item = OITItem.objects.filter(TopicsField.contains("e-service")).first()
    assert item is not None


@pytest.mark.parametrize("count", [2, 25])
def test_register_queries_do_not_grow(client, information_type, office_officer, count,
                                      django_assert_max_num_queries):
    for number in range(count):
        item, _ = file_request(information_type, subject=f"ขอสำเนาสัญญา {number}", requester_name="นาย ฌ")
        item.reply("ส่งแล้ว", by=office_officer, files=[released_pdf()], publish_files=True)
        item.close("disclosed_full", by=office_officer)
        item.set_register(f"ขอสำเนาสัญญาจ้าง {number}", True, by=office_officer)
    # The search asks once whether any phrase matches (else every word): one query more.
    with django_assert_max_num_queries(7):
        assert client.get("/services/register/", {"q": "สัญญา"}).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(f"/services/register/{item.reference}/").status_code == 200


def test_home_page_links_to_the_e_service(client):
    page = client.get("/").content.decode()
    for path in ("/services/", "/services/track/", "/services/stats/", "/services/register/"):
        assert f'href="{path}"' in page
