"""After filing: the reference and code shown again on a reload in the same browser, with copy
and print, sent by e-mail when an address was given; the same request sent again files nothing."""
import io

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from post_office.models import STATUS, Email

from services.models import EmailNotice, ServiceRequest
from tests.conftest import page_html

from .test_public import fault_data, post_fault, sent_keys

pytestmark = pytest.mark.django_db


def test_a_reload_shows_the_reference_and_code_again_in_this_browser_only(client, fault_type, settings):
    response = post_fault(client, fault_type)
    assert response.status_code == 302
    first = sent_keys(client)
    assert sent_keys(client) == first == sent_keys(client)  # reloads
    # A browser session: the cookie ends with the browser.
    assert client.cookies["sessionid"]["max-age"] == "" and client.cookies["sessionid"]["expires"] == ""
    from django.test import Client

    assert Client().get("/services/sent/")["Location"] == "/services/"  # another browser
    later = timezone.now() + timezone.timedelta(seconds=settings.SERVICE_SENT_KEEP_SECONDS + 1)
    with time_machine.travel(later):
        response = client.get("/services/sent/", follow=True)
    assert response.redirect_chain[-1][0] == "/services/"
    assert "ภายใน 30 นาทีหลังยื่น" in response.content.decode()
    assert first[1] not in str(client.session.items())  # forgotten with the page


def test_the_sent_page_offers_copy_and_print(client, fault_type):
    post_fault(client, fault_type)
    page = page_html(client.get("/services/sent/"))
    assert 'class="btn btn-outline-dark btn-sm js-copy" data-copy-target="follow-up-code"' in page
    assert "js-print" in page and "js/portal.js" in page


def test_the_receipt_is_mailed_when_an_address_was_given(client, fault_type,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_fault(client, fault_type, email="resident@example.com")  # no news by mail asked
    reference, code = sent_keys(client)
    assert [message.to for message in mail.outbox] == [["resident@example.com"]]
    assert reference in mail.outbox[0].subject and code in mail.outbox[0].body
    assert "/services/track/" in mail.outbox[0].body
    notice = EmailNotice.objects.get()
    assert notice.kind == "receipt" and notice.sent_at is not None and notice.follow_up_code == ""
    assert "ส่งเลขที่คำร้องและรหัสติดตามไปยังอีเมล" in client.get("/services/sent/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post_fault(client, fault_type, details="อีกเรื่อง ไม่มีอีเมล")
    assert len(mail.outbox) == 1 and EmailNotice.objects.count() == 1


def test_a_receipt_that_fails_is_retried_and_its_code_then_forgotten(client, fault_type, monkeypatch,
                                                                     django_capture_on_commit_callbacks):
    from django.core.mail.backends.locmem import EmailBackend
    from django.core.management import call_command

    real_send = EmailBackend.send_messages
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, messages: (_ for _ in ()).throw(
        ConnectionRefusedError("mail server down")))
    with django_capture_on_commit_callbacks(execute=True):
        post_fault(client, fault_type, email="resident@example.com")
    _reference, code = sent_keys(client)
    assert EmailNotice.objects.get().follow_up_code == ""  # the notice never keeps the code
    [queued] = Email.objects.all()
    assert queued.status == STATUS.requeued and code in queued.message  # kept for the retry only
    call_command("send_outbox", stdout=io.StringIO())  # not due yet: no new attempt
    assert mail.outbox == []
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=20)):
        call_command("send_outbox", stdout=io.StringIO())
    queued.refresh_from_db()
    assert queued.status == STATUS.sent and code in mail.outbox[0].body
    assert queued.message == "" and code not in str(Email.objects.values())  # forgotten once sent


def test_the_same_request_sent_again_gets_the_first_reference(client, fault_type, settings):
    settings.RATE_LIMIT_OVERRIDES = {"service-submit": (100, 3600)}
    assert post_fault(client, fault_type).status_code == 302
    first = sent_keys(client)
    # Back, then send again: a fresh form (a new one-time token), the same words.
    again = client.post(fault_type.get_absolute_url(), fault_data(fault_type), follow=True)
    assert ServiceRequest.objects.count() == 1
    page = again.content.decode()
    assert first[0] in page and first[1] in page and "ระบบไม่ได้ยื่นซ้ำ" in page
    # Another request is filed, and the first is still recognised afterwards.
    assert post_fault(client, fault_type, details="อีกจุดหนึ่ง ท่อตัน").status_code == 302
    post_fault(client, fault_type)
    assert ServiceRequest.objects.count() == 2 and sent_keys(client) == first
    # Another browser sending the same words and contact files nothing, and is told the reference;
    # with another contact it is someone else's request.
    from django.test import Client

    other = Client()
    told = other.post(fault_type.get_absolute_url(), fault_data(fault_type), follow=True).content.decode()
    assert ServiceRequest.objects.count() == 2 and first[0] in told and first[1] not in told
    post_fault(other, fault_type, email="neighbour@example.org")
    assert ServiceRequest.objects.count() == 3
    # Long after, it is a new request.
    later = timezone.now() + timezone.timedelta(seconds=settings.SERVICE_SENT_KEEP_SECONDS + 1)
    with time_machine.travel(later):
        post_fault(client, fault_type)
    assert ServiceRequest.objects.count() == 4


def test_the_same_request_from_another_browser_is_recognised_however_it_is_spaced(fault_type, settings):
    from django.test import Client

    from services.models import RecentFiling

    settings.RATE_LIMIT_OVERRIDES = {"service-submit": (100, 3600)}
    post_fault(Client(), fault_type, email="Person@Example.org")
    spaced = {"subject": "  ไฟฟ้าส่องสว่าง\u200bดับ ", "details": "ดับสามต้นหน้าตลาด\n",
              "email": "person@example.org"}
    post_fault(Client(), fault_type, **spaced)
    assert ServiceRequest.objects.count() == 1
    # The database keeps a digest, not the words or the address, and drops it after the window.
    kept = RecentFiling.objects.get()
    assert len(kept.fingerprint) == 64 and {f.name for f in RecentFiling._meta.fields} == {
        "id", "fingerprint", "request", "filed_at"}
    later = timezone.now() + timezone.timedelta(seconds=settings.SERVICE_SENT_KEEP_SECONDS + 1)
    with time_machine.travel(later):
        post_fault(Client(), fault_type, details="อีกเรื่องหนึ่ง")
    assert RecentFiling.objects.filter(pk=kept.pk).count() == 0 and RecentFiling.objects.count() == 1
