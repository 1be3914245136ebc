"""Paper where people are: A4 notices with a QR code, the สขร.1 as a PDF, read back as text with
no Thai word split across lines; staff print them from the admin, the public from the pages."""
import datetime

import pytest
from django.urls import reverse

from kpp_portal import notices
from procurement.models import AnnouncementKind
from tests.conftest import PASSWORD
from tests.pdftext import assert_no_word_split, pdf_lines


@pytest.fixture
def qr_urls(monkeypatch):
    """The addresses put into QR codes."""
    seen = []
    real = notices.qr_data_uri

    def record(url):
        seen.append(url)
        return real(url)

    monkeypatch.setattr(notices, "qr_data_uri", record)
    return seen


def _pdf(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return response.content


def test_announcement_notice_from_the_project_page(client, make, tmp_path, qr_urls, settings):
    settings.SITE_URL = "https://www.example.go.th"
    project = make.project(title="ก่อสร้างถนนคอนกรีตเสริมเหล็กพร้อมวางท่อระบายน้ำ ซอยเทศบาลสามัคคี")
    announcement = make.announce(project)
    page = client.get(project.get_absolute_url()).content.decode()
    url = reverse("procurement:announcement_notice", args=[announcement.pk])
    assert f'href="{url}"' in page and "พิมพ์ประกาศ" in page
    lines = pdf_lines(_pdf(client.get(url)), tmp_path)
    text = " ".join(lines)
    assert "ประกาศเชิญชวน" in text and project.egp_number in text
    assert qr_urls == [f"https://www.example.go.th{project.get_absolute_url()}"]
    assert_no_word_split([line for line in lines if "://" not in line])


def test_a_future_announcement_has_no_notice(client, make):
    announcement = make.announce(make.project(), day=datetime.date(2099, 1, 1))
    assert client.get(reverse("procurement:announcement_notice", args=[announcement.pk])).status_code == 404


def test_plan_notice_from_the_plan_page(client, make, tmp_path, qr_urls):
    make.item(budget="250000.00")
    page = client.get(reverse("procurement:plan", args=[2569])).content.decode()
    url = reverse("procurement:plan_notice", args=[2569])
    assert f'href="{url}"' in page
    lines = pdf_lines(_pdf(client.get(url)), tmp_path)
    text = " ".join(lines)
    assert "แผนการจัดซื้อจัดจ้าง ประจำปี งบประมาณ พ.ศ. 2569" in text and "250,000.00" in text
    assert qr_urls[0].endswith("/procurement/plan/2569/")
    assert_no_word_split([line for line in lines if "://" not in line])


def test_monthly_results_as_pdf(client, make, tmp_path):
    award = make.awarded(contract_date=datetime.date(2025, 12, 5))
    page = client.get(reverse("procurement:monthly", args=[2568, 12])).content.decode()
    url = reverse("procurement:monthly_pdf", args=[2568, 12])
    assert f'href="{url}"' in page
    lines = pdf_lines(_pdf(client.get(url)), tmp_path)
    text = " ".join(lines)
    assert "จัดซื้อจัดจ้างในรอบเดือน ธันวาคม 2568" in text
    assert "950,000.00" in text and award.contract_number in text.replace(" ", "")  # a cell may wrap at "/"


def test_eservice_and_report_channel_notices_carry_plain_addresses(client, db, tmp_path, qr_urls, settings):
    settings.SITE_URL = "https://www.example.go.th"
    for name in ("notice_eservice", "notice_report_channel"):
        lines = pdf_lines(_pdf(client.get(reverse(name) + "?from=board-1")), tmp_path)
        # The address is printed under the code (its Latin letters do not all read back).
        assert any(".go.th/" in line for line in lines), lines
        assert_no_word_split([line for line in lines if "://" not in line])
    # Nothing that could tell which board was scanned: no query string, no fragment.
    assert qr_urls == ["https://www.example.go.th/services/", "https://www.example.go.th/complaints/"]
    assert notices.public_url("/complaints/?utm_source=board#x") == "https://www.example.go.th/complaints/"


@pytest.fixture
def officer_client(client, procurement_officer):
    client.login(username="procurement", password=PASSWORD)
    return client


def test_staff_print_notices_from_the_admin(officer_client, make, tmp_path):
    project = make.project()
    make.announce(project, kind=AnnouncementKind.WINNER, day=datetime.date(2025, 12, 1))
    changelist = reverse("admin:procurement_procurementproject_changelist")
    assert "พิมพ์ประกาศล่าสุดของโครงการ" in officer_client.get(changelist).content.decode()
    response = officer_client.post(changelist, {"action": "print_notice", "_selected_action": [project.pk]})
    assert "ประกาศผู้ชนะการเสนอราคา" in " ".join(pdf_lines(_pdf(response), tmp_path))
    plans = reverse("admin:procurement_procurementplan_changelist")
    response = officer_client.post(plans, {"action": "print_notice",
                                           "_selected_action": [project.plan_item.plan_id]})
    assert "พ.ศ. 2569" in " ".join(pdf_lines(_pdf(response), tmp_path))


def test_a_project_without_announcements_says_so(officer_client, make):
    project = make.project()
    changelist = reverse("admin:procurement_procurementproject_changelist")
    response = officer_client.post(changelist, {"action": "print_notice", "_selected_action": [project.pk]},
                                   follow=True)
    assert "โครงการที่เลือกยังไม่มีประกาศ" in response.content.decode()
