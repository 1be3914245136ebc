"""Public side: entrance, form, receipt, follow-up, bad input."""
import re

import pytest
from django.urls import reverse

from complaints import crypto
from complaints.models import CorruptionReport, ReportFile, ReportMessage
from kpp_portal.models import MunicipalityProfile
from kpp_portal.templatetags.thai import thai_date

from .conftest import jpeg_with_gps, receipt_from, reply_data, report_data, uploaded

pytestmark = pytest.mark.django_db
PUBLIC_PAGES = ["complaints:index", "complaints:manual", "complaints:report", "complaints:track"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_forbid_caching_and_referrer(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_entrance_explains_channels_from_identity_record(client):
    profile = MunicipalityProfile.current()
    profile.damrongtham_phone = "1567"
    profile.complaint_box_text = "ตู้รับเรื่องหน้าห้องประชุมตัวอย่าง"
    profile.save()
    page = client.get(reverse("complaints:index")).content.decode()
    assert "ตู้รับเรื่องหน้าห้องประชุมตัวอย่าง" in page
    assert "1567" in page
    assert reverse("feedback:index") in page
    assert reverse("complaints:manual") in page
    assert "ไม่เก็บ" in page and "ฝ่ายนิติการ" in page


def test_manual_describes_the_process(client, settings):
    settings.COMPLAINT_ACKNOWLEDGE_DAYS = 15
    page = client.get(reverse("complaints:manual")).content.decode()
    assert "ฝ่ายนิติการเป็นผู้รับเรื่องร้องเรียนและรายงานเรื่องต่อผู้บังคับบัญชา" in page
    assert "ภายใน 15 วัน" in page


def test_anonymous_report_gives_receipt_once_and_stores_only_its_hash(client):
    response = client.post(reverse("complaints:report"), report_data())
    assert response.status_code == 200
    receipt = receipt_from(response)
    digits = receipt.replace("-", "")
    assert len(digits) == 25 and len(receipt.split("-")) == 5
    report = CorruptionReport.objects.get()
    assert report.reference.startswith("ทจ-")
    assert report.receipt_hash == crypto.receipt_keys(digits)[0]
    assert not report.has_reporter_identity
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == "no-referrer"
    # The receipt is nowhere in the database.
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("complaints_corruptionreport", "django_session"):
            cursor.execute(f"SELECT * FROM {table}")
            assert digits not in repr(cursor.fetchall())


def test_html_is_shown_as_text_on_follow_up(client):
    receipt = receipt_from(client.post(reverse("complaints:report"), report_data(), follow=True))
    client.post(reverse("complaints:track"), {"receipt": receipt})
    client.post(reverse("complaints:track_report"), reply_data("<b>ตัวหนา</b>"))
    page = client.get(reverse("complaints:track_report")).content.decode()
    assert "&lt;b&gt;ตัวหนา&lt;/b&gt;" in page and "<b>ตัวหนา</b>" not in page


@pytest.mark.parametrize(
    "change, field",
    [
        ({"description": ""}, "description"),
        ({"description": "สั้น"}, "description"),
        ({"description": "ก" * 10001}, "description"),
        ({"category": "nonsense"}, "category"),
        ({"reporter_contact": "081-111-1111"}, "contact_consent"),
        ({"accused_name": "ก" * 201}, "accused_name"),
    ],
)
def test_bad_input_is_refused_kept_and_nothing_stored(client, change, field):
    data = {**report_data(), **change}
    response = client.post(reverse("complaints:report"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert CorruptionReport.objects.count() == 0
    page = response.content.decode()
    assert "นายตรวจ" in page  # what was typed is kept


def test_honeypot_refuses_bots(client):
    response = client.post(reverse("complaints:report"), {**report_data(), "website": "http://spam"})
    assert response.status_code == 400
    assert CorruptionReport.objects.count() == 0


@pytest.mark.parametrize(
    "name, data",
    [
        ("evil.jpg", b"MZ\x90\x00 this is an exe"),
        ("broken.jpg", b"\xff\xd8\xff\xe0 not really a jpeg"),
        ("broken.pdf", b"%PDF-1.4 garbage without objects"),
        ("empty.pdf", b""),
    ],
)
def test_wrong_type_or_malformed_files_refused(client, name, data):
    response = client.post(reverse("complaints:report"), {**report_data(), "files": [uploaded(name, data)]})
    assert response.status_code == 400
    assert "files" in response.context["form"].errors
    assert CorruptionReport.objects.count() == 0 and ReportFile.objects.count() == 0


def test_oversized_file_refused(client, settings):
    settings.COMPLAINT_UPLOAD_MAX_BYTES = 1000
    response = client.post(
        reverse("complaints:report"),
        {**report_data(), "files": [uploaded("a.jpg", jpeg_with_gps() + b"\0" * 2000)]},
    )
    assert response.status_code == 400
    assert "ใหญ่เกินไป" in str(response.context["form"].errors["files"])


def test_too_many_files_refused(client, settings):
    settings.COMPLAINT_MAX_FILES = 1
    files = [uploaded("a.jpg", jpeg_with_gps()), uploaded("b.jpg", jpeg_with_gps())]
    response = client.post(reverse("complaints:report"), {**report_data(), "files": files})
    assert response.status_code == 400 and CorruptionReport.objects.count() == 0


def test_submission_rate_limited(client, settings):
    settings.RATE_LIMIT_OVERRIDES = {"complaint-submit": (2, 3600)}
    for _ in range(2):
        assert client.post(reverse("complaints:report"), report_data()).status_code == 200
    response = client.post(reverse("complaints:report"), report_data())
    assert response.status_code == 429
    assert CorruptionReport.objects.count() == 2


def test_follow_up_shows_status_staff_messages_not_internal_notes(client, filed_report):
    report, receipt = filed_report
    ReportMessage.objects.create(report=report, kind=ReportMessage.Kind.TO_REPORTER, body="โปรดระบุวันที่เกิดเหตุ")
    ReportMessage.objects.create(report=report, kind=ReportMessage.Kind.INTERNAL_NOTE, body="ความลับภายใน")
    response = client.post(reverse("complaints:track"), {"receipt": crypto.format_receipt(receipt)})
    assert response.status_code == 302
    page = client.get(reverse("complaints:track_report"))
    text = page.content.decode()
    assert "โปรดระบุวันที่เกิดเหตุ" in text and "ความลับภายใน" not in text
    assert page["Cache-Control"].startswith("no-store") and page["Referrer-Policy"] == "no-referrer"
    reply = client.post(reverse("complaints:track_report"),
                        reply_data("เกิดวันที่ 3 มีนาคม", files=[uploaded("x.jpg", jpeg_with_gps())]))
    assert reply.status_code == 302
    message = report.messages.get(kind=ReportMessage.Kind.FROM_REPORTER)
    assert message.body == "เกิดวันที่ 3 มีนาคม" and message.author is None
    assert message.files.count() == 1


def test_receipt_accepts_thai_digits_and_spaces(client, filed_report):
    report, receipt = filed_report
    from kpp_portal.thai import thai_digits

    typed = " ".join(thai_digits(receipt[i:i + 5]) for i in range(0, 25, 5))
    assert client.post(reverse("complaints:track"), {"receipt": typed}).status_code == 302


@pytest.mark.parametrize("typed", ["", "123", "0" * 25, "abcde-fghij", "1" * 60])
def test_wrong_receipts_get_the_same_generic_answer(client, filed_report, typed):
    response = client.post(reverse("complaints:track"), {"receipt": typed})
    assert response.status_code == 400
    errors = response.context["form"].non_field_errors()
    assert list(errors) == ["รหัสติดตามไม่ถูกต้องหรือไม่พบเรื่อง โปรดตรวจสอบตัวเลขแล้วลองใหม่"]


def test_wrong_receipts_cost_one_lookup_like_a_right_one(client, filed_report, django_assert_num_queries):
    """Same work for malformed, wrong and right codes: one indexed query."""
    report, receipt = filed_report
    from complaints.models import CorruptionReport as Model

    for typed in ["1", "9" * 25, receipt]:
        with django_assert_num_queries(1):
            Model.objects.for_receipt(typed)


def test_receipt_guessing_is_rate_limited(client, filed_report, settings):
    settings.RATE_LIMIT_OVERRIDES = {"complaint-track": (3, 900)}
    for _ in range(3):
        client.post(reverse("complaints:track"), {"receipt": "1" * 25})
    report, receipt = filed_report
    response = client.post(reverse("complaints:track"), {"receipt": receipt})
    assert response.status_code == 429


def test_follow_up_session_ends_when_idle(client, filed_report, settings):
    import time_machine

    report, receipt = filed_report
    settings.COMPLAINT_TRACK_IDLE_SECONDS = 60
    with time_machine.travel(0, tick=False) as traveller:
        traveller.move_to("2026-11-01 10:00:00+07:00")
        client.post(reverse("complaints:track"), {"receipt": receipt})
        assert client.get(reverse("complaints:track_report")).status_code == 200
        traveller.shift(59)
        assert client.get(reverse("complaints:track_report")).status_code == 200
        traveller.shift(61)
        response = client.get(reverse("complaints:track_report"))
    assert response.status_code == 302 and response.url == reverse("complaints:track")


def test_ending_follow_up_forgets_the_report(client, filed_report):
    report, receipt = filed_report
    client.post(reverse("complaints:track"), {"receipt": receipt})
    client.post(reverse("complaints:track_end"))
    assert client.get(reverse("complaints:track_report")).status_code == 302


def test_follow_up_without_session_redirects(client):
    assert client.get(reverse("complaints:track_report")).status_code == 302


def test_reference_numbers_count_per_fiscal_year(db):
    import datetime

    from complaints import services

    def filed(day):
        return services.file_report(category="other", description="x" * 30, received_on=day)[0].reference

    assert filed(datetime.date(2025, 9, 30)) == "ทจ-2568-0001"
    assert filed(datetime.date(2025, 10, 1)) == "ทจ-2569-0001"
    assert filed(datetime.date(2026, 2, 1)) == "ทจ-2569-0002"


def test_replies_are_rate_limited(client, filed_report, settings):
    settings.RATE_LIMIT_OVERRIDES = {"complaint-reply": (4, 3600)}
    report, receipt = filed_report
    client.post(reverse("complaints:track"), {"receipt": receipt})
    for number in range(4):
        reply = client.post(reverse("complaints:track_report"), reply_data(f"ข้อความ {number}"))
        assert reply.status_code == 302
    response = client.post(reverse("complaints:track_report"), reply_data("ข้อความที่ห้า"))
    assert response.status_code == 429 and report.messages.count() == 4


def test_a_repeated_reply_reaches_the_legal_unit_once(client, filed_report):
    report, receipt = filed_report
    client.post(reverse("complaints:track"), {"receipt": receipt})
    data = reply_data("ขอแจ้งข้อมูลเพิ่มเติม")
    for _ in range(2):
        answer = client.post(reverse("complaints:track_report"), data)
        assert answer["Location"] == reverse("complaints:track_report")
    assert report.messages.filter(kind=ReportMessage.Kind.FROM_REPORTER).count() == 1


def test_the_report_post_answers_with_the_receipt_and_writes_no_session(client):
    from django.contrib.sessions.models import Session

    response = client.post(reverse("complaints:report"), report_data())
    assert response.status_code == 200
    receipt = receipt_from(response)
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == "no-referrer"
    # Nothing server-side holds the receipt, not even for the moment between two pages.
    assert not Session.objects.exists() and "sessionid" not in response.cookies
    old_address = client.get(reverse("complaints:receipt"))
    assert old_address.status_code == 302 and old_address["Location"] == reverse("complaints:track")
    assert receipt not in client.get(old_address["Location"]).content.decode()
    assert CorruptionReport.objects.count() == 1


def test_a_replayed_report_post_files_one_report_and_shows_no_receipt(client):
    data = report_data()
    first = client.post(reverse("complaints:report"), data)
    again = client.post(reverse("complaints:report"), data)  # the same POST: reload, back and resend
    assert first.status_code == 200 and 'id="receipt-code"' in first.content.decode()
    page = again.content.decode()
    assert again.status_code == 409 and "no-store" in again["Cache-Control"]
    assert 'id="receipt-code"' not in page and receipt_from(first) not in page
    assert "ระบบบันทึกไว้ครั้งเดียว" in page and "แสดงเพียงครั้งเดียว" in page
    assert reverse("complaints:track") in page
    assert CorruptionReport.objects.count() == 1


def test_a_double_click_files_once_and_the_second_answer_holds_no_receipt():
    """The browser drops the first answer: the report is filed, and the second answer cannot give
    its receipt, since nothing on the server keeps it."""
    from django.test import Client

    data = report_data()
    lost = Client().post(reverse("complaints:report"), data)  # the answer nobody sees
    again = Client().post(reverse("complaints:report"), data)
    assert again.status_code == 409 and receipt_from(lost) not in again.content.decode()
    assert CorruptionReport.objects.count() == 1


def test_receipt_groups_never_break_and_the_words_are_plain(client):
    response = client.post(reverse("complaints:report"), report_data(), follow=True)
    page = response.content.decode()
    groups = re.findall(r'<span class="receipt-group">(\d+)</span>', page)
    assert len(groups) == 5 and all(len(group) == 5 for group in groups)
    assert "js-copy" in page and "คัดลอกรหัส" in page
    for path in ("complaints:index", "complaints:report", "complaints:track"):
        page += client.get(reverse(path)).content.decode()
    # Words a frightened person does not know are said plainly.
    assert "ค่าแฮช" not in page and "ข้อมูลกำกับ" not in page
    assert "ลายนิ้วมือดิจิทัล" in page and "ข้อมูลที่ซ่อนในไฟล์ เช่น ตำแหน่งที่ถ่ายภาพ" in page


def test_follow_up_repeats_both_deadlines(client, settings):
    settings.COMPLAINT_ACKNOWLEDGE_DAYS, settings.COMPLAINT_CONCLUDE_DAYS = 12, 75
    receipt = receipt_from(client.post(reverse("complaints:report"), report_data(), follow=True))
    report = CorruptionReport.objects.get()
    client.post(reverse("complaints:track"), {"receipt": receipt})
    page = client.get(reverse("complaints:track_report")).content.decode()
    acknowledge = re.search(r'id="acknowledge-due">([^<]*)<', page).group(1)
    conclude = re.search(r'id="conclude-due">([^<]*)<', page).group(1)
    assert thai_date(report.acknowledge_due, "l") in acknowledge and "ภายใน 12 วัน" in acknowledge
    assert thai_date(report.conclude_due, "l") in conclude and "ภายใน 75 วัน" in conclude
