"""The report form shown blank is kept (kpp_portal/templatetags/fragments.py `blank_form`): each
visitor still gets their own CSRF token and one-time token, and what a person typed is never kept."""
import re

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from .conftest import VALID_REPORT

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _blank(client):
    response = client.get(reverse("complaints:report"))
    assert response.status_code == 200
    return response


def test_each_visitor_gets_their_own_tokens_from_the_kept_form(db):
    first, second = _blank(Client()), _blank(Client(enforce_csrf_checks=True))
    page = second.content.decode()
    assert TOKEN.search(first.content.decode())[1] != TOKEN.search(page)[1]
    assert CSRF.search(first.content.decode())[1] != CSRF.search(page)[1]
    assert "\x00" not in page and "crispy" not in " ".join(t.name for t in second.templates if t.name)


def test_the_kept_form_files_a_report_with_its_tokens(db):
    client = Client(enforce_csrf_checks=True)
    _blank(Client())  # someone else's visit keeps the blank form
    page = _blank(client).content.decode()
    data = {**VALID_REPORT, "form_token": TOKEN.search(page)[1],
            "csrfmiddlewaretoken": CSRF.search(page)[1]}
    response = client.post(reverse("complaints:report"), data)
    assert response.status_code == 200 and 'id="receipt-code"' in response.content.decode()


def test_what_a_person_typed_is_never_kept(db):
    typed = "ข้อความที่ผู้แจ้งพิมพ์ไว้เฉพาะคนเดียว"
    client = Client()
    _blank(client)
    response = client.post(reverse("complaints:report"), {"description": typed, "form_token": "x"})
    assert response.status_code == 400 and typed in response.content.decode()
    assert typed not in _blank(Client()).content.decode()
    kept = [cache.get(key) for key in cache._cache if ":fragment:" in key]
    assert kept and not any(typed in str(value) for value in kept)
