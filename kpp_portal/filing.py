"""The one way a public form files: rate limit, validate, file once, keep what is shown once,
redirect (POST/redirect/GET). A view builds its form, says how to file and where to go next, and
`answer()` does the rest in the same order for every form, so the view holds only the business.

A refusal is told one way: as an error at the top of the form (the error summary links it), with
the status that says why (429 too often, 400 invalid, 503 not saved). What the next page shows
once (a reference and follow-up code) waits in the session under a name (`keep`), saved in the
filing's own transaction (forms.file_once), and one view shows it (`shown_once_view`).

The corruption report is the one exception to the redirect: its receipt opens the report, so it
is never stored server-side, not even in the session; `then` may be a function that answers the
POST itself (SECURITY.md).
"""
import logging
import time

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from .antispam import over_limit
from .forms import file_once

SHOWN_PREFIX = "shown-once:"
TOO_OFTEN = _("ส่งบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่")
NOT_SAVED = _("บันทึกไม่สำเร็จ ระบบไม่ได้เก็บข้อมูลใด ๆ ไว้ โปรดลองส่งใหม่อีกครั้ง")
# A failure is logged without the request: operators learn that saving failed, not who sent what.
logger = logging.getLogger(__name__)


def refuse_too_often(form, message=None):
    """The one way a 429 is told: the form shown again with the reason at its top."""
    refuse = getattr(form, "refuse", None)
    if refuse is not None:
        refuse(message or TOO_OFTEN)  # the cheap checks' errors too, no expensive check
    else:
        form.is_valid()
        form.add_error(None, message or TOO_OFTEN)


def answer(request, form, *, limit, file, then, page, filed_message=None, too_often=None,
           repeat=None, instead=None):
    """The response to a public filing form's request.

    `file()` creates what the form files (once per form token) and its result goes to `then`;
    `then` is where to go after filing (a URL, a URL name, a model) or a function of that
    result that answers the POST itself. `repeat()` answers a repeat of a POST already filed
    (by default the same redirect; file_once has said it was filed once). `page(status)`
    renders the form's page: on a GET and whenever the POST is refused. `instead()`, once the
    form is valid, may answer in place of filing (the same request sent again from a new form).
    """
    if request.method != "POST":
        return page(200)
    if over_limit(request, limit, form):
        refuse_too_often(form, too_often)
        return page(429)
    if not form.is_valid():
        return page(400)
    answered = instead() if instead else None
    if answered is not None:
        return answered
    result = []
    try:
        first = file_once(request, form, lambda: result.append(file()))
    except Exception:
        # One transaction, stored files removed on failure (filecleanup): nothing was kept. A
        # twin filed meanwhile (a unique constraint) is no failure: `instead` names it now.
        answered = instead() if instead else None
        if answered is not None:
            return answered
        logger.exception("filing under %r failed; nothing was kept", limit)
        form.add_error(None, NOT_SAVED)
        return page(503)
    if not first:
        return repeat() if repeat else redirect(then)
    if callable(then):
        return then(result[0])
    if filed_message:
        messages.success(request, filed_message)
    return redirect(then)


def kept(request, name, keep_seconds=0):
    """What was kept under `name` for this browser, oldest first (within keep_seconds when set)."""
    entries = request.session.get(SHOWN_PREFIX + name)
    if not isinstance(entries, list):
        return []
    now = time.time()
    return [entry for entry in entries if not keep_seconds or now - entry["at"] <= keep_seconds]


def keep(request, name, shown, keep_seconds=0):
    """Keep `shown` (a dict of JSON values) for the next page; never in a URL, so never in a log.
    With keep_seconds, earlier ones kept that long stay too (shown again on a reload)."""
    earlier = [entry for entry in kept(request, name, keep_seconds) if entry != shown] if keep_seconds else []
    request.session[SHOWN_PREFIX + name] = [*earlier, {"at": time.time(), **shown}]


def shown_once_view(name, template, *, back, note, keep_seconds=0, context=None):
    """The page after a filing: what `keep` kept under `name`, shown once (or, with keep_seconds,
    on reloads in this browser for that long). Without it, `note` and a redirect to `back`.
    `context(shown)` adds to the template's context; `note` and `keep_seconds` may be functions,
    read on each request (from settings)."""

    @never_cache
    def view(request):
        seconds = keep_seconds() if callable(keep_seconds) else keep_seconds
        entries = kept(request, name, seconds)
        if not seconds:
            request.session.pop(SHOWN_PREFIX + name, None)
        elif request.session.get(SHOWN_PREFIX + name) != entries:
            request.session[SHOWN_PREFIX + name] = entries  # the older ones are forgotten, codes with them
        if not entries:
            messages.info(request, note() if callable(note) else note)
            return redirect(back)
        shown = entries[-1]
        return render(request, template, {"sent": shown, **(context(shown) if context else {})})

    return view
