import io
import logging
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse

from complaints import roles as complaint_roles
from kpp_portal import roles
from kpp_portal.logging import DropComplaintRequests
from kpp_portal.models import MunicipalityProfile
from tests.conftest import seat

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[2]


def test_identity_record_defaults_to_kamphaeng_phet_and_drives_the_pages(client):
    profile = MunicipalityProfile.current()
    assert profile.name_th == "เทศบาลเมืองกำแพงเพชร"
    assert profile.damrongtham_phone == "1567"
    html = client.get("/").content.decode()
    assert "เทศบาลเมืองกำแพงเพชร" in html and profile.phone in html

    # Another municipality deploys the portal by editing this one record.
    profile.name_th = "เทศบาลเมืองตัวอย่าง"
    profile.phone = "0 1234 5678"
    profile.save()
    html = client.get("/").content.decode()
    assert "เทศบาลเมืองตัวอย่าง" in html and "0 1234 5678" in html
    assert "เทศบาลเมืองกำแพงเพชร" not in html
    assert MunicipalityProfile.objects.count() == 1


def test_home_shows_the_two_complaint_channels_as_separate(client):
    html = client.get("/").content.decode()
    assert html.count(reverse("complaints:index")) >= 2
    assert reverse("feedback:index") in html
    assert "ร้องเรียน/แจ้งเบาะแสการทุจริต" in html
    assert "แสดงความคิดเห็น/ติดต่อเสนอแนะทั่วไป" in html


def test_thai_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_healthz_answers_200_with_a_database_round_trip(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_the_database_is_down(client):
    with mock.patch("kpp_portal.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_a_lost_database_gives_the_thai_503_page(client):
    with mock.patch("kpp_portal.views.render", side_effect=OperationalError("connection refused")):
        response = client.get("/")
    assert response.status_code == 503
    assert "ระบบไม่พร้อมให้บริการชั่วคราว" in response.content.decode()


def test_language_switch_to_english_and_back(client):
    assert 'lang="th"' in client.get("/").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Kamphaeng Phet Town Municipality" in html
    assert "Report corruption" in html and "Skip to main content" in html
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    assert '<html lang="th">' in client.get("/").content.decode()


def test_browser_language_alone_does_not_switch_away_from_thai(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="th">' in html


def test_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_setup_roles_is_idempotent_and_exact():
    call_command("setup_roles", stdout=io.StringIO())
    first = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    call_command("setup_roles", stdout=io.StringIO())
    second = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert first == second
    offices = (complaint_roles.LEGAL_AFFAIRS, complaint_roles.SUPERVISORS, roles.CONTENT_EDITORS,
               roles.PROCUREMENT_OFFICERS, roles.GENERAL_AFFAIRS)
    assert set(first) == set(offices)  # every office some app's roles.py names
    # A permission granted by hand is taken away again: groups get exactly what roles.py lists.
    editors = Group.objects.get(name=roles.CONTENT_EDITORS)
    editors.permissions.add(*Group.objects.none())
    from django.contrib.auth.models import Permission

    editors.permissions.add(Permission.objects.get(codename="delete_user"))
    call_command("setup_roles", stdout=io.StringIO())
    assert not editors.permissions.filter(codename="delete_user").exists()


def test_load_demo_twice_changes_nothing():
    from django.apps import apps

    # Every section's rows, the links between them (many-to-many tables) included.
    call_command("load_demo", stdout=io.StringIO())
    counts = {m._meta.label: m.objects.count() for m in apps.get_models(include_auto_created=True)}
    assert counts["disclosures.Document_oit_items"] > 0
    call_command("load_demo", stdout=io.StringIO())
    assert {m._meta.label: m.objects.count() for m in apps.get_models(include_auto_created=True)} == counts


def test_in_group_is_membership_not_superuser(django_user_model, staff_roles):
    root = django_user_model.objects.create_superuser("root", password="x" * 12)
    assert not roles.in_group(root, complaint_roles.LEGAL_AFFAIRS)
    seat(root, complaint_roles.LEGAL_AFFAIRS)
    assert roles.in_group(root, complaint_roles.LEGAL_AFFAIRS)


def test_demo_accounts_refuse_without_debug(settings):
    settings.DEBUG = False
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("demo_accounts", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("path", "kept"),
    [("/complaints/track/", False), ("/complaints/", False), ("/disclosures/", True)],
)
def test_log_filter_drops_complaint_request_lines(rf, path, kept):
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s', (f"GET {path} HTTP/1.1", 200, 10), None
    )
    assert DropComplaintRequests().filter(record) is kept
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", (path,), None)
    record.request = rf.get(path)
    assert DropComplaintRequests().filter(record) is kept


def test_only_editors_may_edit_the_identity_record(client, editor, refused_staff):
    from tests.conftest import PASSWORD

    url = reverse("admin:kpp_portal_municipalityprofile_change", args=[MunicipalityProfile.current().pk])
    client.login(username=refused_staff.username, password=PASSWORD)
    assert client.get(url).status_code == 403
    client.login(username=editor.username, password=PASSWORD)
    assert client.get(url).status_code == 200
