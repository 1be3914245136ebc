import io
import re

import pytest
from openpyxl import load_workbook

from disclosures.models import AssessmentYear, Document, OITItem
from kpp_portal.thai import current_fiscal_year
from tests.conftest import PASSWORD

from .conftest import make_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCE = "ประกาศเทศบาลเมืองกำแพงเพชรเรื่องการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้างประจำปี"


@pytest.fixture
def tax_notice(demo_content):
    make_document(SENTENCE, category="announcement", year=2567, summary="อัตราภาษีและกำหนดเวลาชำระ")


def test_citizen_filters_searches_opens_a_document_and_follows_the_checklist(page, live_server, tax_notice):
    page.goto(live_server.url + "/disclosures/")
    # Filter the catalogue by category.
    page.get_by_label("หมวด", exact=True).select_option(label="รายงาน")
    page.get_by_role("button", name="ค้นหา", exact=True).click()
    page.wait_for_url(re.compile(r"category=report"))
    listed = page.locator(".document-item .badge").all_inner_texts()
    assert listed and set(listed) == {"รายงาน"}

    # Search a Thai word that sits inside a sentence.
    page.get_by_label("หมวด", exact=True).select_option(value="")
    page.get_by_label("ค้นหา", exact=True).fill("ภาษีที่ดิน")
    page.get_by_role("button", name="ค้นหา", exact=True).click()
    page.wait_for_url(re.compile(r"q="))
    assert page.get_by_role("status").first.inner_text() == "พบ 1 รายการ"

    # Open the document.
    page.get_by_role("link", name=SENTENCE).click()
    assert page.locator("h1").inner_text() == SENTENCE
    assert "ปีงบประมาณ" in page.inner_text("main")

    # Open the checklist of 2564 and follow an item's evidence link.
    page.goto(live_server.url + "/disclosures/")
    # The demo's current assessment is today's fiscal year.
    page.get_by_role("link", name=f"รายการตรวจ ITA/OIT ปี {current_fiscal_year()}").click()
    page.get_by_role("link", name="2564", exact=True).click()
    page.wait_for_url(live_server.url + "/disclosures/ita/2564/")
    assert re.search(r"เผยแพร่แล้ว \d+ จาก 43 ข้อ", page.inner_text(".coverage"))
    row = page.locator("tr#O10")
    assert "เผยแพร่แล้ว" in row.inner_text()
    title = (
        Document.objects.filter(oit_items=OITItem.objects.get(assessment_year=2564, code="O10")).get().title
    )
    row.get_by_role("link", name=title).click()
    assert page.locator("h1").inner_text() == title
    # The document says which items it proves, and the file opens.
    assert "O10" in page.inner_text("main")
    with page.expect_response(re.compile(r"/file/$")) as download:
        page.get_by_role("link", name=re.compile("ดาวน์โหลดเอกสาร")).click()
    assert download.value.headers["content-type"] == "application/pdf"

    # The current assessment's checklist on demo data: every item met, every evidence link opens.
    page.goto(live_server.url + "/disclosures/ita/")
    page.wait_for_url(live_server.url + f"/disclosures/ita/{current_fiscal_year()}/")
    rows = page.locator("table.checklist-table tbody tr[id]")
    assert rows.count() > 20
    assert page.locator("table.checklist-table tr.item-missing").count() == 0
    evidence = page.locator("table.checklist-table tbody tr[id] td a")
    links = evidence.evaluate_all("(anchors) => anchors.map(a => a.href)")
    assert links
    for href in dict.fromkeys(links):
        assert page.request.get(href).status == 200, href


def test_officer_downloads_the_ita_export_pointing_at_live_pages(page, live_server, tax_notice, settings):
    settings.SITE_URL = live_server.url
    page.goto(live_server.url + "/disclosures/ita/2564/")
    with page.expect_download() as info:
        page.get_by_role("link", name="ดาวน์โหลดแบบส่ง ITA (Excel)").click()
    download = info.value
    assert download.suggested_filename == "ita-oit-2564.xlsx"
    rows = list(load_workbook(io.BytesIO(download.path().read_bytes())).active.iter_rows(values_only=True))[
        1:
    ]
    assert len(rows) == 43
    urls = [url for row in rows if row[2] for url in row[2].split("\n")]
    assert urls and all(url.startswith(live_server.url + "/") for url in urls)
    for url in urls:
        assert page.request.get(url).status == 200, url
    assert {row[3] for row in rows} == {"เผยแพร่แล้ว", "ยังไม่เผยแพร่"}
    with page.expect_download() as info:
        page.get_by_role("link", name="ดาวน์โหลดแบบส่ง ITA (CSV)").click()
    assert info.value.suggested_filename == "ita-oit-2564.csv"


def test_editor_imports_a_year_from_csv_confirms_it_and_the_public_index_moves(
        page, live_server, tax_notice, editor, tmp_path):
    current = current_fiscal_year()
    next_year = current + 1  # the list the NACC publishes next
    landing = page.request.get(live_server.url + "/disclosures/ita/").url
    assert landing.endswith(f"/disclosures/ita/{current}/")
    sheet = tmp_path / f"oit_{next_year}.csv"
    sheet.write_text("รหัสข้อ,ชื่อข้อ,ตัวชี้วัดย่อย,หน้าของพอร์ทัลที่เป็นหลักฐาน\n"
                     "O1,โครงสร้างและอำนาจหน้าที่,ข้อมูลพื้นฐาน,structure|powers\n"
                     "O2,ข่าวประชาสัมพันธ์,การประชาสัมพันธ์,news\n"
                     "O3,ข้อที่เจ้าหน้าที่ต้องหาหลักฐาน,,\n", encoding="utf-8")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=re.compile("เข้าสู่ระบบ|Log in")).click()
    page.goto(live_server.url + "/admin/disclosures/assessmentyear/")
    page.get_by_role("link", name="นำเข้ารายการข้อ OIT จากไฟล์ CSV/XLSX").click()
    page.get_by_label("ปีที่ประเมิน (พ.ศ.)").fill(str(next_year))
    page.get_by_label("ที่มาของรายการ").fill(f"คู่มือการประเมิน ITA ประจำปี {next_year}")
    page.get_by_label("ไฟล์ CSV หรือ XLSX").set_input_files(str(sheet))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()
    assert "ทุกแถวถูกต้อง" in page.inner_text("#content")
    assert page.locator("#content table tbody tr").count() == 3
    page.get_by_role("button", name=re.compile(f"ยืนยันนำเข้าใน {next_year}")).click()
    assert "นำเข้า 3 รายการแล้ว" in page.inner_text(".messagelist")
    # A draft: staff see it under the banner; the public does not.
    page.get_by_role("link", name="ดูหน้ารายการตรวจ").first.click()
    assert "ยังไม่ยืนยันกับคู่มือ ป.ป.ช." in page.inner_text("main")
    # The editor's session sees the draft.
    assert page.request.get(live_server.url + f"/disclosures/ita/{next_year}/").status == 200
    page.goto(live_server.url + "/admin/disclosures/assessmentyear/")
    page.get_by_role("link", name=f"{next_year}", exact=True).click()
    page.get_by_role("link", name="ยืนยันกับคู่มือ ป.ป.ช.").click()
    page.get_by_label("คู่มือที่ใช้ตรวจสอบ").fill(f"คู่มือการประเมิน ITA ประจำปี {next_year} ฉบับเดือนมกราคม")
    page.get_by_label("ข้าพเจ้าได้ตรวจรหัสและชื่อทุกข้อกับคู่มือฉบับนี้แล้ว").check()
    page.get_by_role("button", name="ยืนยัน", exact=True).click()
    assert f"ยืนยันปี {next_year} แล้ว" in page.inner_text(".messagelist")
    year = AssessmentYear.objects.get(year=next_year)
    assert year.confirmed_by == editor and year.items.count() == 3

    # A citizen (no session) lands on the new year from the catalogue.
    citizen = page.context.browser.new_context(locale="th-TH")
    public = citizen.new_page()
    public.goto(live_server.url + "/disclosures/")
    public.get_by_role("link", name=f"รายการตรวจ ITA/OIT ปี {next_year}").click()
    public.wait_for_url(live_server.url + f"/disclosures/ita/{next_year}/")
    assert "ยังไม่ยืนยัน" not in public.inner_text("main")
    assert "เผยแพร่แล้ว" in public.inner_text(".coverage")
    public.goto(live_server.url + "/disclosures/ita/")
    assert public.url == live_server.url + f"/disclosures/ita/{next_year}/"
    citizen.close()
