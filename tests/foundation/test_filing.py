"""kpp_portal.filing: what waits to be shown once, and how long."""
import time_machine
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from kpp_portal import filing
from kpp_portal.forms import PortalForm


def _request():
    request = RequestFactory().get("/sent/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _view(**options):
    return filing.shown_once_view("thing", "feedback/sent.html", back="/back/", note="gone", **options)


def test_what_is_kept_is_shown_once_then_the_page_goes_back_with_a_note(db):
    request = _request()
    filing.keep(request, "thing", {"reference": "R-1", "code": "ABCD2345"})
    view = _view()
    shown = view(request)
    assert shown.status_code == 200 and "ABCD2345" in shown.content.decode()
    assert "no-cache" in shown["Cache-Control"] or "max-age=0" in shown["Cache-Control"]
    again = view(request)
    assert again.status_code == 302 and again["Location"] == "/back/"
    assert [str(message) for message in request._messages] == ["gone"]


def test_kept_for_a_while_it_is_shown_on_reloads_then_forgotten(db):
    request = _request()
    with time_machine.travel("2026-12-01 10:00", tick=False) as clock:
        filing.keep(request, "thing", {"reference": "R-1", "code": "OLD23456"}, keep_seconds=600)
        filing.keep(request, "thing", {"reference": "R-2", "code": "NEW23456"}, keep_seconds=600)
        view = _view(keep_seconds=lambda: 600)
        assert "NEW23456" in view(request).content.decode()
        assert "NEW23456" in view(request).content.decode()  # a reload
        earlier = filing.kept(request, "thing", 600)[0]
        filing.keep(request, "thing", earlier, keep_seconds=600)  # sent again: the earlier one, last
        assert [entry["code"] for entry in filing.kept(request, "thing", 600)] == ["NEW23456", "OLD23456"]
        clock.shift(601)
        assert view(request).status_code == 302
        assert not request.session[filing.SHOWN_PREFIX + "thing"]


class _Lookup(PortalForm):
    pass


def test_a_429_is_told_at_the_top_of_the_form():
    form = _Lookup({})
    filing.refuse_too_often(form)
    assert form.non_field_errors() == [str(filing.TOO_OFTEN)]
