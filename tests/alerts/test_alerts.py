"""E-mail alerts end to end, through a real SMTP server the test starts (aiosmtpd): subscribe,
confirm from the mail, the digest, one-click leave (RFC 8058) with no CSRF token or cookie."""
import datetime
import email
import email.policy
import io
import re
import socket

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from alerts.models import Subscriber, Subscription
from disclosures.models import Category, Document
from kpp_portal.discovery import alert_topics
from kpp_portal.forms import issue_token

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.POST_OFFICE = {**settings.POST_OFFICE,
                            "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"}}
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.OUTBOX_SEND_AT_ONCE = False  # the cron sender delivers, as in production
    yield inbox
    controller.stop()


def deliver():
    call_command("send_outbox", stdout=io.StringIO())


def text_of(message):
    return message.get_body(("plain",)).get_content()


def link(message, name):
    return re.search(rf"https?://[^/\s]+(/alerts/{name}/[^\s]+/)", text_of(message)).group(1)


@pytest.fixture
def category(db):
    return Category.objects.create(name="ประกาศรับสมัครงาน", slug="jobs")


def subscribe(client, value="jobs", topic="disclosures.category", frequency="daily",
              address="resident@example.com"):
    return client.post("/alerts/", {"form_token": issue_token(), "topic": topic, "value": value,
                                    "frequency": frequency, "email": address})


def test_each_app_declares_its_topics_and_none_concerns_the_report_channel():
    keys = set(alert_topics())
    assert {"disclosures.category", "procurement.announcements", "search.query", "committees.meetings",
            "services.register"} <= keys
    assert not any(key.startswith("complaints") for key in keys)


def test_the_form_states_the_pdpa_notice_and_names_what_the_link_chose(client, category):
    page = client.get("/alerts/?topic=disclosures.category&value=jobs").content.decode()
    assert 'id="alert-chosen"' in page and "ประกาศรับสมัครงาน" in page
    assert "/privacy/" in page and "ลบข้อมูลของท่านทันที" in page


def test_subscribe_confirm_digest_and_leave_in_one_click(client, smtp, category):
    response = subscribe(client)
    assert response.status_code == 302 and response["Location"] == "/alerts/sent/"
    deliver()
    [(to, confirmation)] = smtp.messages
    assert to == ["resident@example.com"] and "โปรดยืนยัน" in confirmation["Subject"]
    confirm_path = link(confirmation, "confirm")
    assert client.get(confirm_path).status_code == 200  # a mail scanner's GET confirms nothing
    assert Subscription.objects.get().confirmed_at is None
    assert client.post(confirm_path)["Location"] == "/alerts/confirmed/"
    assert Subscription.objects.get().confirmed_at is not None

    today = timezone.localdate()
    Document.objects.create(category=category, title="รับสมัครพนักงานจ้าง", fiscal_year=2570,
                            publication_date=today, is_published=True)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        call_command("send_alert_digests", stdout=io.StringIO())
        deliver()
    digest = smtp.messages[-1][1]
    body = text_of(digest)
    assert "รับสมัครพนักงานจ้าง" in body and "ประกาศรับสมัครงาน" in body
    unsubscribe = digest["List-Unsubscribe"].strip("<>")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link(digest, "leave") in unsubscribe
    document_path = re.search(r"https?://[^/\s]+(/disclosures/[^\s]+)", body).group(1)
    assert client.get(document_path).status_code == 200

    # What a mail client does (RFC 8058): a POST with no cookie and no CSRF token.
    leave_path = "/" + unsubscribe.split("/", 3)[3]
    assert Client(enforce_csrf_checks=True).get(leave_path).status_code == 200  # GET only asks
    assert Subscriber.objects.exists()
    answer = Client(enforce_csrf_checks=True).post(leave_path, "List-Unsubscribe=One-Click",
                                                   content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        call_command("send_alert_digests", stdout=io.StringIO())
        deliver()
    assert len(smtp.messages) == 2


def test_nothing_is_sent_before_confirmation_and_unconfirmed_ones_are_purged(client, smtp, category,
                                                                            settings):
    subscribe(client)
    Document.objects.create(category=category, title="ไม่ควรส่ง", fiscal_year=2570,
                            publication_date=timezone.localdate(), is_published=True)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS + 1)):
        call_command("send_alert_digests", stdout=io.StringIO())
        deliver()
    assert [m["Subject"] for _to, m in smtp.messages if "ไม่ควรส่ง" in text_of(m)] == []
    assert not Subscriber.objects.exists()


def test_the_same_answer_whether_or_not_the_address_is_subscribed(client, smtp, category):
    first, again = subscribe(client), subscribe(client)
    assert first["Location"] == again["Location"] == "/alerts/sent/"
    assert Subscription.objects.count() == 1


def test_an_unknown_thing_is_refused_in_thai_and_subscribing_is_rate_limited(client, category, settings):
    response = subscribe(client, value="no-such-category")
    assert response.status_code == 400 and "ไม่พบรายการนี้" in response.content.decode()
    settings.RATE_LIMIT_OVERRIDES = {"alerts-subscribe": (1, 3600)}
    assert subscribe(client).status_code == 302
    assert subscribe(client, address="other@example.com").status_code == 429


def test_immediate_alerts_of_a_committee_meeting(client, smtp):
    from committees.models import Committee, Meeting

    committee = Committee.objects.create(name="คณะกรรมการชุมชน")
    subscribe(client, topic="committees.meetings", value=str(committee.pk), frequency="immediate")
    deliver()
    client.post(link(smtp.messages[0][1], "confirm"))
    call_command("send_alerts", stdout=io.StringIO())  # the first run starts the window
    Meeting.objects.create(committee=committee, kind="committee", title="ประชุมครั้งที่ 1/2570",
                           starts_at=timezone.now() + datetime.timedelta(days=7), place="ห้องประชุม")
    call_command("send_alerts", stdout=io.StringIO())
    deliver()
    news = smtp.messages[-1][1]
    assert "ประชุมครั้งที่ 1/2570" in text_of(news) and news["List-Unsubscribe"]


def test_pages_with_topics_link_to_the_alerts(client, category):
    from committees.models import Committee

    committee = Committee.objects.create(name="คณะกรรมการชุมชน")
    for path, query in [("/disclosures/?category=jobs", "topic=disclosures.category&amp;value=jobs"),
                        ("/procurement/announcements/", "topic=procurement.announcements&amp;value=all"),
                        (committee.get_absolute_url(), f"topic=committees.meetings&amp;value={committee.pk}"),
                        ("/search/?q=ถนน", "topic=search.query&amp;value=%E0%B8%96")]:
        page = client.get(path).content.decode()
        assert "รับแจ้งเตือน" in page and f"/alerts/?{query}" in page, path


def test_a_saved_search_sends_what_the_search_newly_finds(client, smtp, category):
    subscribe(client, topic="search.query", value="พนักงานจ้าง")
    deliver()
    client.post(link(smtp.messages[0][1], "confirm"))
    Document.objects.create(category=category, title="รับสมัครพนักงานจ้างตามภารกิจ", fiscal_year=2570,
                            publication_date=timezone.localdate(), is_published=True)
    Document.objects.create(category=category, title="ประกาศผลสอบราคา", fiscal_year=2570,
                            publication_date=timezone.localdate(), is_published=True)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        call_command("send_alert_digests", stdout=io.StringIO())
        deliver()
    body = text_of(smtp.messages[-1][1])
    assert "รับสมัครพนักงานจ้างตามภารกิจ" in body and "ประกาศผลสอบราคา" not in body


@pytest.mark.django_db
def test_a_data_subject_request_finds_the_subscriptions_of_that_address_only():
    from alerts.models import Subscriber
    from kpp_portal.personal_data import held_about

    theirs = Subscriber.objects.create(email="Somchai@example.org")
    theirs.subscriptions.create(topic="search.query", value="ถนน", label="ถนน")
    Subscriber.objects.create(email="other@example.org").subscriptions.create(
        topic="search.query", value="ไฟฟ้า", label="ไฟฟ้า")
    held = held_about(email="somchai@example.org")
    rows = held["การรับแจ้งเตือนทางอีเมล"]
    assert [row["following"] for row in rows] == ["ถนน"]
    assert "การรับแจ้งเตือนทางอีเมล" not in held_about(email="nobody@example.org")
