"""E-Service as an attacker from outside sees it, over HTTP: another unit's officer, a guesser of
follow-up codes, a reader of the public register."""
import hmac
import secrets

import pytest
from django.urls import reverse

from services import submission
from tests.conftest import PASSWORD

from .conftest import file_request, photo, released_pdf

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/services/servicerequest/"


def _logged_in(client, user):
    """A password login through the admin's form, as a person at a browser does."""
    response = client.post(reverse("admin:login"), {"username": user.username, "password": PASSWORD,
                                                    "next": "/admin/"}, REMOTE_ADDR="192.0.2.20")
    assert response.status_code == 302
    return client


def test_an_officer_of_one_unit_reaches_nothing_of_another_units_request(
        client, works_officer, fault_type, information_type):
    theirs, _ = file_request(information_type, subject="ขอสำเนาสัญญาจ้าง", requester_name="นางสาวลับ เฉพาะ",
                             email="secret.person@example.com", files=[released_pdf("สัญญา-นางสาวลับ.pdf")])
    mine, _ = file_request(fault_type, subject="ไฟดับซอย 5", files=[photo()])
    _logged_in(client, works_officer)
    theirs_file = theirs.files.get()
    case = f"{CHANGELIST}{theirs.pk}/"
    # By URL: the case page, its history, every step and a file of it.
    answers = {
        "case": client.get(f"{case}change/"),
        "history": client.get(f"{case}history/"),
        "delete": client.get(f"{case}delete/"),
        "file": client.get(f"{case}file/{theirs_file.pk}/"),
        "own case, their file": client.get(f"{CHANGELIST}{mine.pk}/file/{theirs_file.pk}/"),
        "public follow-up file": client.get(f"/services/track/file/{theirs_file.pk}/"),
    }
    for step, data in (("note", {"body": "แอบดู"}), ("reply", {"body": "x"}), ("assign", {}),
                       ("close", {"outcome": "completed"}), ("transfer", {"reason": "x"}),
                       ("register", {"register_subject": "x", "publish": "on"})):
        answers[step] = client.post(f"{case}{step}/", data)
    # In the queue: searched by its reference, filtered by its unit, sorted, paged.
    for name, query in (("search", {"q": theirs.reference}), ("unit filter", {"unit": theirs.unit_id}),
                        ("all", {"all": "", "o": "1"}), ("page", {"p": "1"})):
        answers[f"queue {name}"] = client.get(CHANGELIST, query)
    # As an export: the statistics downloads, the admin's JSON look-up.
    answers["stats csv"] = client.get(reverse("services:stats_csv", args=[theirs.fiscal_year]))
    answers["stats json"] = client.get(reverse("services:stats_json", args=[theirs.fiscal_year]))
    answers["autocomplete"] = client.get("/admin/autocomplete/", {
        "app_label": "services", "model_name": "requesttype", "field_name": "form_document", "term": "ขอ"})
    leaks = ("นางสาวลับ", "secret.person", "ขอสำเนาสัญญาจ้าง", theirs.reference, "%PDF")
    for name, response in answers.items():
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        assert response.status_code in (200, 302, 400, 403, 404), (name, response.status_code)
        # The search box repeats what was typed; nothing else may name the request.
        shown = [leak for leak in leaks if leak in text]
        assert shown in ([], [theirs.reference] if name == "queue search" else []), name
        if name.startswith("queue"):
            assert theirs not in response.context["cl"].result_list, name
        if "file" in name:
            assert response.status_code == 404 and not response.has_header("Content-Disposition"), name
    assert answers["case"].status_code == 404 and answers["file"].status_code == 404
    assert mine.reference in answers["queue all"].content.decode()  # the queue itself works
    theirs.refresh_from_db()
    assert theirs.assigned_to is None and not theirs.register_published_at and not theirs.is_closed
    assert list(theirs.events.values_list("kind", flat=True)) == ["submitted"]


def _open(client, reference, code, address):
    return client.post(reverse("services:track"), {"reference": reference, "code": code}, REMOTE_ADDR=address)


def test_guessing_the_code_of_one_request_is_bounded_whatever_the_addresses(client, fault_type, settings):
    settings.RATE_LIMIT_OVERRIDES = {"service-lookup-reference": (3, 3600)}
    item, code = file_request(fault_type)
    for attempt in range(3):  # each from its own address: no per-address limit is reached
        assert _open(client, item.reference, f"WRONG{attempt}CODE", f"203.0.113.{attempt}").status_code == 404
    refused = _open(client, item.reference, code, "198.51.100.9")
    assert refused.status_code == 429 and "ลองรหัสติดตามของคำร้องนี้ผิดหลายครั้ง" in refused.content.decode()
    assert "60 นาที" in refused.content.decode()
    # Another request's follow-up is untouched; a reference typed in lower case is the same one.
    other, other_code = file_request(fault_type)
    assert _open(client, other.reference, other_code, "198.51.100.9").status_code == 302
    assert _open(client, item.reference.lower(), code, "198.51.100.10").status_code == 429


def test_a_right_code_does_not_count_against_its_request(client, fault_type, settings):
    settings.RATE_LIMIT_OVERRIDES = {"service-lookup-reference": (2, 3600)}
    item, code = file_request(fault_type)
    for attempt in range(4):
        assert _open(client.__class__(), item.reference, code, f"203.0.113.{attempt}").status_code == 302


def test_the_follow_up_code_is_compared_in_constant_time(fault_type, monkeypatch):
    item, code = file_request(fault_type)
    compared = []
    real = secrets.compare_digest
    for module in (secrets, hmac):
        monkeypatch.setattr(module, "compare_digest", lambda a, b: compared.append((a, b)) or real(a, b))
    assert submission.find_for_follow_up(item.reference, "WRONGCODE2") is None
    assert submission.find_for_follow_up(item.reference, code) == item
    stored = item.follow_up_digest.encode()
    assert [stored in pair for pair in compared] == [True, True]


def test_the_public_register_shows_nothing_of_the_requester(client, office_officer, information_type):
    item, _ = file_request(
        information_type, subject="ขอสำเนาสัญญาเช่าที่ดินของนายสมชาย ใจดี", details="ข้าพเจ้านายสมชาย ใจดี บ้านเลขที่ 9",
        requester_name="นายสมชาย ใจดี", email="somchai.jaidee@example.com", phone="0812345678")
    _logged_in(client, office_officer)
    client.post(f"{CHANGELIST}{item.pk}/reply/", {"body": "ส่งสำเนาตามที่ขอ", "publish_files": "on",
                                                   "files": released_pdf_upload("สัญญา-นายสมชาย-ใจดี.pdf")})
    client.post(f"{CHANGELIST}{item.pk}/close/", {"outcome": "disclosed_full", "body": "เปิดเผยทั้งหมด"})
    client.post(f"{CHANGELIST}{item.pk}/register/",
                {"register_subject": "ขอสำเนาสัญญาเช่าที่ดิน", "publish": "on"})
    item.refresh_from_db()
    assert item.register_published_at is not None, "the entry must be on the register for this test"
    released = item.register_files().get()
    reader = client.__class__()
    register = reverse("services:register")
    pages = [reader.get(register), reader.get(register, {"q": "สัญญา"}),
             reader.get(reverse("services:register_entry", args=[item.reference])),
             reader.get(reverse("services:register_csv"))]  # the register as open data
    download = reader.get(reverse("services:register_file", args=[item.reference, released.pk]))
    assert all(page.status_code == 200 for page in pages) and download.status_code == 200
    text = "".join(page.content.decode() for page in pages)
    assert item.reference in text and "ขอสำเนาสัญญาเช่าที่ดิน" in text
    for personal in ("สมชาย", "ใจดี", "somchai", "0812345678", "บ้านเลขที่", "ส่งสำเนาตามที่ขอ"):
        assert personal not in text and personal not in download["Content-Disposition"], personal
    # The searches find the entry by its reviewed subject, never by what the person wrote.
    assert item.reference in pages[1].content.decode()
    assert item.reference in reader.get("/search/", {"q": "สัญญาเช่าที่ดิน"}).content.decode()
    for words in ("สมชาย", "ใจดี", "บ้านเลขที่", "somchai.jaidee"):
        for page in (reader.get(register, {"q": words}), reader.get("/search/", {"q": words})):
            assert page.status_code == 200 and item.reference not in page.content.decode(), words
    # The released file under a neutral name, on the page and in the download.
    neutral = f"{item.reference}-{released.pk}.pdf"
    assert neutral in pages[2].content.decode()
    assert download["Content-Disposition"] == f'attachment; filename="{neutral}"'


def released_pdf_upload(name):
    from .conftest import pdf_bytes, upload

    return upload(name, pdf_bytes(), "application/pdf")
