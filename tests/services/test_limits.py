"""Limits said before they bite: a text box states its length and is never cut, file fields say
kinds, count and size (from the settings) and carry them for the check in the browser."""
import re

import pytest
from django.urls import reverse

from kpp_portal.forms import issue_token
from services.models import DETAILS_MAX_CHARS, ServiceRequest

from .test_public import post_fault

pytestmark = pytest.mark.django_db


def _textarea(page, name):
    return re.search(rf'<textarea[^>]*name="{name}"[^>]*>', page).group(0)


def test_too_long_details_are_refused_in_thai_and_kept_whole(client, fault_type):
    page = client.get(fault_type.get_absolute_url()).content.decode()
    box = _textarea(page, "details")
    # No maxlength: the browser would cut a long paste without a word.
    assert "maxlength" not in box and f'data-max-chars="{DETAILS_MAX_CHARS}"' in box
    assert f"ไม่เกิน {DETAILS_MAX_CHARS} ตัวอักษร" in page
    pasted = "ไฟดับ" * 1100  # 5,500 characters
    response = post_fault(client, fault_type, details=pasted)
    assert response.status_code == 400 and not ServiceRequest.objects.exists()
    page = response.content.decode()
    assert f"ข้อความยาว {len(pasted)} ตัวอักษร เกินที่รับได้ {DETAILS_MAX_CHARS} ตัวอักษร" in page
    assert pasted in page  # all of it, to shorten


def test_the_corruption_report_and_feedback_keep_a_too_long_text_too(client):
    for url, field in ((reverse("complaints:report"), "description"), (reverse("feedback:index"), "message")):
        page = client.get(url).content.decode()
        assert "maxlength" not in _textarea(page, field) and "data-max-chars" in _textarea(page, field), url
    response = client.post(reverse("complaints:report"), {
        "form_token": issue_token(), "category": "bribery", "description": "ก" * 10_001})
    assert response.status_code == 400 and "ก" * 10_001 in response.content.decode()
    assert "เกินที่รับได้ 10000 ตัวอักษร" in response.content.decode()


def test_file_fields_state_kinds_count_and_size_from_the_settings(client, fault_type, settings):
    settings.SERVICE_UPLOAD_MAX_BYTES = 3 * 1024 * 1024
    settings.SERVICE_MAX_FILES = 4
    page = client.get(fault_type.get_absolute_url()).content.decode()
    assert "ภาพ JPEG, PNG หรือ WebP ไม่เกิน 4 ไฟล์ ไฟล์ละไม่เกิน 3 MB" in page
    photos = re.search(r'<input[^>]*name="photos"[^>]*>', page).group(0)
    assert f'data-max-bytes="{3 * 1024 * 1024}"' in photos and 'data-max-files="4"' in photos
    assert "js/portal.js" in page
    report = client.get(reverse("complaints:report")).content.decode()
    assert f"ไม่เกิน {settings.COMPLAINT_MAX_FILES} ไฟล์ ไฟล์ละไม่เกิน 10 MB" in report
    assert f'data-max-bytes="{settings.COMPLAINT_UPLOAD_MAX_BYTES}"' in report
