"""The one outbox: every e-mail is a post_office row first, sent by send_outbox, kept as a record."""
import io
import pathlib
import re

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from post_office.models import STATUS, Email

from kpp_portal import outbox


def test_no_module_sends_mail_but_the_outbox():
    sending = re.compile(r"\b(send_mail|send_mass_mail|EmailMessage|EmailMultiAlternatives)\b")
    offenders = []
    for path in pathlib.Path(settings.BASE_DIR).glob("*/**/*.py"):
        parts = path.relative_to(settings.BASE_DIR).parts
        if parts[0] in {".venv", "tests", "tools", "assets", "bench"} or "migrations" in parts:
            continue
        if sending.search(path.read_text()):
            offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []


def test_a_message_waits_for_the_sender_and_stays_as_the_record(db, settings):
    settings.OUTBOX_SEND_AT_ONCE = False
    outbox.send("resident@example.com", "เรื่อง  ทดสอบ", "ข้อความ {% debug %} {{ settings }}")
    assert mail.outbox == []
    call_command("send_outbox", stdout=io.StringIO())
    [sent] = mail.outbox
    # Text is text: nothing in a body runs as a template.
    assert sent.subject == "เรื่อง ทดสอบ" and sent.body == "ข้อความ {% debug %} {{ settings }}"
    assert Email.objects.get().status == STATUS.sent and sent.extra_headers["Message-ID"]


def test_a_secret_body_is_forgotten_once_sent(db, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.send("resident@example.com", "รหัส", "รหัสติดตาม SECRET123", forget=True)
        outbox.send("resident@example.com", "ข่าว", "ข้อความธรรมดา")
    assert [m.body for m in mail.outbox] == ["รหัสติดตาม SECRET123", "ข้อความธรรมดา"]
    assert sorted(Email.objects.values_list("message", flat=True)) == ["", "ข้อความธรรมดา"]


def test_the_record_is_read_only_for_superusers_and_refused_to_other_staff(
        client, outsider_superuser, editor):
    email = outbox.send("resident@example.com", "เรื่องทดสอบ", "ข้อความทดสอบ")
    client.force_login(editor)
    assert client.get("/admin/post_office/email/").status_code == 403
    client.force_login(outsider_superuser)
    page = client.get("/admin/post_office/email/").content.decode()
    assert "อีเมลในคิวและที่ส่งแล้ว" in page and "เรื่องทดสอบ" in page
    change = client.get(f"/admin/post_office/email/{email.pk}/change/").content.decode()
    assert "ข้อความทดสอบ" in change and 'name="_save"' not in change
