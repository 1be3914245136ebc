"""kpp_portal.forms: one way to render a form, and a public form files its row only once."""
import datetime
import re
import threading
import time

import pytest
import time_machine
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from kpp_portal.forms import TOKEN_MAX_AGE, FilingForm, file_once, issue_token
from kpp_portal.models import SpentFormToken
from tests.conftest import page_html


class NoteForm(FilingForm):
    text = forms.CharField(label="ข้อความ")


def _request(session_key=None):
    request = RequestFactory().post("/")
    SessionMiddleware(lambda request: None).process_request(request)
    if session_key:
        request.session = SessionStore(session_key)
    request._messages = FallbackStorage(request)
    return request


def _valid_form(token):
    form = NoteForm({"text": "ข้อความ", "form_token": token})
    assert form.is_valid(), form.errors
    return form


def test_each_form_shown_gets_its_own_signed_token():
    first, second = NoteForm(), NoteForm()
    assert first["form_token"].value() != second["form_token"].value()
    assert _valid_form(first["form_token"].value())


# A real token with its signature broken is made in the test: parameters must be the same in
# every test process.
@pytest.mark.parametrize("token", ["", "made-up", "tampered"])
def test_a_missing_or_forged_token_is_refused_in_thai_and_replaced(token):
    if token == "tampered":
        token = issue_token() + "x"
    form = NoteForm({"text": "ข้อความ", "form_token": token})
    assert not form.is_valid()
    assert "กรุณาตรวจสอบข้อมูลแล้วกดส่งอีกครั้ง" in form.non_field_errors()[0]
    fresh = form["form_token"].value()
    assert fresh != token and _valid_form(fresh)  # pressing the button again sends it


def test_a_form_left_open_too_long_asks_to_be_sent_again():
    token = issue_token()
    with time_machine.travel(timezone.now() + TOKEN_MAX_AGE + datetime.timedelta(minutes=1)):
        form = NoteForm({"text": "ข้อความ", "form_token": token})
        assert not form.is_valid() and form.errors["__all__"][0].startswith("แบบฟอร์มนี้เปิดค้างไว้นานเกินไป")


@pytest.mark.django_db
def test_a_repeated_token_files_nothing_twice():
    token, filed = issue_token(), []
    assert file_once(_request(), _valid_form(token), lambda: filed.append(1)) is True
    request = _request()
    assert file_once(request, _valid_form(token), lambda: filed.append(2)) is False
    assert filed == [1] and SpentFormToken.objects.count() == 1
    assert "ระบบบันทึกไว้ครั้งเดียว" in str(list(request._messages)[0])


@pytest.mark.django_db
def test_a_filing_that_fails_leaves_its_token_unspent():
    token = issue_token()

    def broken():
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        file_once(_request(), _valid_form(token), broken)
    assert not SpentFormToken.objects.exists()
    assert file_once(_request(), _valid_form(token), lambda: None) is True


@pytest.mark.django_db
def test_a_repeat_whose_first_answer_was_lost_gets_that_answers_session():
    """A double click: the browser drops the first answer and its new session cookie."""
    token = issue_token()
    first = _request()

    def keep_for_next_page():
        first.session["shown-once"] = "รหัส ABC"

    file_once(first, _valid_form(token), keep_for_next_page)
    again = _request()  # no cookie: a visitor the server has never seen
    assert file_once(again, _valid_form(token), lambda: None) is False
    assert again.session.session_key == first.session.session_key
    assert again.session["shown-once"] == "รหัส ABC" and again.session.modified


@pytest.mark.django_db
def test_a_repeat_never_takes_over_a_session_of_its_own():
    token = issue_token()
    first = _request()
    file_once(first, _valid_form(token), lambda: first.session.__setitem__("shown-once", "x"))
    own = SessionStore()
    own["staff"] = "signed in"
    own.save()
    again = _request(own.session_key)
    file_once(again, _valid_form(token), lambda: None)
    assert again.session.session_key == own.session_key and "shown-once" not in again.session


@pytest.mark.django_db
def test_spent_tokens_are_forgotten_once_no_token_that_old_is_accepted():
    old = SpentFormToken.objects.create(digest="0" * 64)
    SpentFormToken.objects.filter(pk=old.pk).update(filed_at=timezone.now() - TOKEN_MAX_AGE * 2)
    file_once(_request(), _valid_form(issue_token()), lambda: None)
    assert list(SpentFormToken.objects.values_list("digest", flat=True)) != ["0" * 64]
    assert SpentFormToken.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_posts_at_once_with_one_token_file_once():
    """The second waits on the first's claim, then files nothing (a double click on a slow form)."""
    from django.db import connection

    token, filed, answers = issue_token(), [], []
    start = threading.Barrier(2)

    def post(number):
        def slow_filing():
            filed.append(number)
            time.sleep(.3)

        try:
            start.wait()
            answers.append(file_once(_request(), _valid_form(token), slow_filing))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(filed) == 1 and sorted(answers) == [False, True]


def _form_pages():
    from committees.models import Consultation
    from procurement.models import Announcement

    hearing = Announcement.objects.open_for_comment().first()
    return {
        "/feedback/": "feedback",
        Consultation.objects.open_now().first().get_absolute_url(): "opinion",
        reverse("procurement:hearing", args=[hearing.pk]): "hearing",
        "/questions/": "question",
        "/complaints/report/": "report",
    }


def test_every_filing_form_is_drawn_by_the_one_helper_and_ties_its_errors_to_the_fields(client, demo_content):
    # One test for both: the demo is loaded for each test of a module with transactional tests.
    for path in _form_pages():
        html = page_html(client.get(path))
        form = html[html.index("<form") :]
        assert form.count('class="hp-field"') == 1, path  # snippets/honeypot.html
        assert form.count('id="pdpa-notice"') == 1, path  # snippets/pdpa_notice.html
        assert form.count('name="form_token"') == 1 and "novalidate" in form, path
        assert re.search(r'<button type="submit" class="btn [^"]+">', form), path

        html = page_html(client.post(path, {}))
        assert 'id="form-errors"' in html and 'role="alert"' in html, path
        summary = html[html.index('id="form-errors"') :]
        link = re.search(r'<a href="#(id_\w+)">', summary).group(1)
        assert f'id="{link}"' in html, path  # each listed error leads to its field
        assert 'aria-invalid="true"' in html and "_error" in html, path


def test_every_form_is_drawn_by_the_one_helper():
    """No template draws a form by hand (as_div, as_p, as_table), and no form of an app derives
    from Django's bare Form: the public ones from PortalForm/FilingForm, the back office's from
    StaffForm, all through PortalFormMixin's helper."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    by_hand = [str(path.relative_to(root)) for path in (root / "templates").rglob("*.html")
               if re.search(r"\{\{ *\w+\.as_(div|p|table) *\}\}", path.read_text())]
    bare = [f"{path.relative_to(root)}: {match}" for path in root.glob("*/*.py")
            if path.parts[-2] not in ("kpp_portal", "tests", "bench", ".venv")
            for match in re.findall(r"^class (\w+)\(forms\.Form\)", path.read_text(), re.M)]
    assert by_hand == [] and bare == []
