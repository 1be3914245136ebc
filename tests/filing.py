"""The one filing flow (kpp_portal/filing.py), checked the same way on each public filing form."""
import re

FORM_ERRORS = re.compile(r'<div class="alert alert-danger form-errors"[^>]*>(.*?)</div>', re.S)
MESSAGES = re.compile(r'<div class="messages"[^>]*>(.*?)</div></div>', re.S)


def form_errors(response):
    found = FORM_ERRORS.search(response.content.decode())
    return found.group(1) if found else ""


def files_one_way(client, settings, *, url, data, count, limit, then, filed_status=302, repeat_status=302):
    """GET the form; POST it: filed once, redirected to `then` (or, for the corruption report,
    answered in the POST itself with `filed_status`); the same POST again files nothing; over the
    limit the form comes back with 429 and the reason at the top of the form, never as a message.
    `data()` gives the form's fields with a fresh token; `count()` the rows filed."""
    assert client.get(url).status_code == 200
    sent = data()
    first = client.post(url, sent)
    assert first.status_code == filed_status and count() == 1
    if filed_status == 302:
        assert first["Location"] == then
        assert client.get(then).status_code == 200
    again = client.post(url, sent)  # a reload of the POST, or a double click
    assert again.status_code == repeat_status and count() == 1
    if repeat_status == 302:
        assert again["Location"] == then
    settings.RATE_LIMIT_OVERRIDES = {limit: (2, 3600)}  # both POSTs above were counted
    refused = client.post(url, data())
    assert refused.status_code == 429 and count() == 1
    assert "บ่อยเกินไป" in form_errors(refused)
    shown = MESSAGES.search(refused.content.decode())
    assert not shown or "บ่อยเกินไป" not in shown.group(1)
    return first
