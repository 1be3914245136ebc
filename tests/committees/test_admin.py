import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from committees.models import ModerationStatus, Opinion

pytestmark = pytest.mark.django_db

CONTENT_URLS = [
    reverse(f"admin:committees_{model}_changelist")
    for model in ("committee", "committeeterm", "meeting", "consultation")
]
PARTICIPATION_URLS = [reverse("admin:committees_opinion_changelist")]


@pytest.mark.parametrize("url", CONTENT_URLS + PARTICIPATION_URLS)
def test_staff_without_a_role_is_refused(client, refused_staff, url):
    client.force_login(refused_staff)
    assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(PARTICIPATION_URLS[0])
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("url", CONTENT_URLS)
def test_content_editor_keeps_committees_and_meetings(client, editor, url):
    client.force_login(editor)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PARTICIPATION_URLS)
def test_content_editor_cannot_read_citizens_messages(client, editor, url):
    client.force_login(editor)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", PARTICIPATION_URLS)
def test_general_affairs_reads_citizens_messages(client, general_affairs, url):
    client.force_login(general_affairs)
    assert client.get(url).status_code == 200


def test_general_affairs_cannot_edit_committees(client, general_affairs):
    client.force_login(general_affairs)
    assert client.get(reverse("admin:committees_committee_add")).status_code == 403
    assert client.get(reverse("admin:committees_meeting_changelist")).status_code == 403


def test_nobody_adds_opinions_in_admin(client, general_affairs):
    client.force_login(general_affairs)
    assert client.get(reverse("admin:committees_opinion_add")).status_code == 403


def test_general_affairs_publishes_opinions_with_an_audit_entry(client, general_affairs, open_consultation):
    opinion = Opinion.objects.create(consultation=open_consultation, body="ขอทางเท้า")
    client.force_login(general_affairs)
    response = client.post(
        reverse("admin:committees_opinion_changelist"),
        {"action": "publish_opinions", "_selected_action": [opinion.pk]},
    )
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.status == ModerationStatus.PUBLISHED and opinion.moderated_by == general_affairs
    assert opinion.moderated_at is not None
    assert LogEntry.objects.filter(user=general_affairs, object_id=str(opinion.pk)).exists()
    assert "ขอทางเท้า" in client.get(open_consultation.get_absolute_url()).content.decode()


def test_response_records_who_answered_and_when(client, general_affairs, open_consultation):
    opinion = Opinion.objects.create(consultation=open_consultation, body="ขอทางเท้า")
    client.force_login(general_affairs)
    response = client.post(
        reverse("admin:committees_opinion_change", args=[opinion.pk]),
        {"status": ModerationStatus.PUBLISHED, "response": "รับไปพิจารณา"},
    )
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.responded_by == general_affairs and opinion.moderated_by == general_affairs
    assert opinion.body == "ขอทางเท้า"  # the citizen's words cannot be edited


def test_editor_uploads_a_photo_through_admin_and_gets_renditions(client, editor):
    import io

    from django.core.files.storage import default_storage
    from PIL import Image

    from committees.models import Meeting

    from .conftest import jpeg_with_gps

    client.force_login(editor)
    response = client.post(
        reverse("admin:committees_meeting_add"),
        {
            "kind": "forum",
            "title": "เวทีประชาคมชุมชนวัดคูยาง",
            "starts_at_0": "20/12/2569",
            "starts_at_1": "09:00",
            "place": "ศาลาชุมชน",
            "is_published": "on",
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
            "photos-0-picture_upload": jpeg_with_gps(),
            "photos-0-caption": "ภาพบรรยากาศ",
            "photos-0-display_order": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Meeting.objects.get().photos.get()
    assert len(photo.image_sizes) == 2
    with default_storage.open(photo.image_sizes[-1]["name"]) as handle:
        assert not Image.open(io.BytesIO(handle.read())).getexif()


def test_admin_refuses_a_fake_photo_and_saves_nothing(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from committees.models import Meeting

    client.force_login(editor)
    response = client.post(
        reverse("admin:committees_meeting_add"),
        {
            "kind": "forum",
            "title": "เวที",
            "starts_at_0": "20/12/2569",
            "starts_at_1": "09:00",
            "place": "ศาลา",
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
            "photos-0-caption": "ปลอม",
            "photos-0-display_order": "0",
            "photos-0-picture_upload": SimpleUploadedFile("photo.jpg", b"%PDF-1.4 pretending to be a photo"),
        },
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()

