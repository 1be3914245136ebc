"""Stated figures for complaints outside the portal: legal affairs with a second factor only,
bad figures refused in Thai, the public statistics updated at once."""

import pytest
from django.urls import reverse

from complaints.models import HistoricalFigures

from .conftest import verify_second_factor

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:complaints_historicalfigures_add")
LIST_URL = reverse("admin:complaints_historicalfigures_changelist")
FORM = {
    "fiscal_year": "2563",
    "round": "6",
    "received": "0",
    "concluded": "0",
    "in_progress": "0",
    "source": "เอกสารมาตรการส่งเสริมคุณธรรม ข้อ 3",
    "stated_on": "30/04/2563",
}


def test_legal_affairs_with_totp_state_a_zero_round_and_it_shows_at_once(client, legal_officer, settings):
    settings.PAGE_CACHE_SECONDS = 60
    stats = client.get(reverse("complaints:stats")).content.decode()  # cached for readers
    assert "ไม่มีเรื่องร้องเรียน</strong>" not in stats
    verify_second_factor(client, legal_officer)
    response = client.post(ADD_URL, {**FORM, "received": "2", "concluded": "1", "in_progress": "0"})
    assert response.status_code == 200 and "ต้องเท่ากับจำนวนเรื่องที่รับ" in response.content.decode()
    assert not HistoricalFigures.objects.exists()
    assert client.post(ADD_URL, FORM).status_code == 302
    figures = HistoricalFigures.objects.get()
    assert figures.recorded_by == legal_officer
    assert client.post(ADD_URL, FORM).status_code == 200  # the same round twice is refused
    client.logout()
    stats = client.get(reverse("complaints:stats")).content.decode()
    assert "ไม่มีเรื่องร้องเรียน</strong>" in stats and "เอกสารมาตรการส่งเสริมคุณธรรม ข้อ 3" in stats


def test_legal_affairs_without_the_second_factor_go_to_verification(client, legal_officer):
    client.force_login(legal_officer)
    response = client.get(LIST_URL)
    assert response.status_code == 302 and "verify" in response.url
    assert client.post(ADD_URL, FORM).status_code == 302
    assert not HistoricalFigures.objects.exists()


@pytest.mark.parametrize("role", ["supervisor", "editor", "refused_staff", "outsider_superuser"])
def test_everyone_else_is_refused(client, request, role):
    user = request.getfixturevalue(role)
    verify_second_factor(client, user)
    assert client.get(LIST_URL).status_code == 403
    assert client.post(ADD_URL, FORM).status_code == 403
    assert not HistoricalFigures.objects.exists()
    assert "historicalfigures" not in client.get(reverse("admin:index")).content.decode()


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(LIST_URL)
    assert response.status_code == 302 and "/admin/login/" in response.url
