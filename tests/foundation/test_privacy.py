"""The privacy notice: what each channel collects, retention from the settings, the contact from
the identity record, linked from the footer; reading it sets no cookie."""

import pytest
from django.urls import reverse

from kpp_portal.models import MunicipalityProfile

pytestmark = pytest.mark.django_db


def test_the_notice_names_every_channel_with_its_retention_from_the_settings(client, settings):
    settings.PARTICIPATION_CONTACT_RETENTION_DAYS = 200
    settings.COMPLAINT_RETENTION_DAYS = 3 * 365
    response = client.get("/privacy/")
    body = response.content.decode()
    assert response.status_code == 200 and reverse("privacy") == "/privacy/"
    for link in (
        "/complaints/",
        "/services/",
        "/feedback/",
        "/committees/consultations/",
        "/questions/",
        "/procurement/announcements/",
    ):
        assert f'href="{link}"' in body, link
    assert body.count("200 วัน") == 2 and "3 ปี" in body
    assert "มาตรา 33" in body and "csrftoken" in body and "ไม่มีคุกกี้โฆษณา" in body
    assert dict(response.cookies) == {}


def test_the_contact_comes_from_the_identity_record(client):
    profile = MunicipalityProfile.current()
    body = client.get("/privacy/").content.decode()
    assert f"mailto:{profile.email}" in body  # no data-protection e-mail yet: the municipality's own
    profile.data_protection_contact = "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล สำนักปลัดเทศบาล"
    profile.data_protection_email = "dpo@kppmu.go.th"
    profile.save()
    body = client.get("/privacy/").content.decode()
    assert "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล สำนักปลัดเทศบาล" in body and "mailto:dpo@kppmu.go.th" in body


@pytest.mark.parametrize("path", ["/", "/disclosures/", "/complaints/", "/feedback/"])
def test_every_page_links_the_notice_from_its_footer(client, path):
    assert 'href="/privacy/"' in client.get(path).content.decode()


def test_the_notice_proves_the_personal_data_item():
    from kpp_portal.ita import portal_evidence

    assert portal_evidence(2566)["privacy"] == [("นโยบายคุ้มครองข้อมูลส่วนบุคคล", "/privacy/")]


def test_every_form_that_asks_for_personal_data_links_the_notice(client, demo_content):
    """The one PDPA notice of the forms (snippets/pdpa_notice.html), and the E-Service's own."""
    from services.models import RequestType

    from .test_forms import _form_pages

    pages = [*_form_pages(), reverse("services:request_form", args=[RequestType.objects.first().slug])]
    for path in pages:
        html = client.get(path).content.decode()
        form = html[html.index("<form") : html.rindex("</form>")]
        assert 'href="/privacy/"' in form, path
