"""A staff form refused on a POST, kept for the page after the redirect: a reload then sends
nothing again, and what was typed and why it was refused are still on the page (shown once).

Where it is kept is the caller's: the session by default; the complaint queue passes its
vault (complaints.session), so a draft about a report is never readable from the session store.
Chosen files are not kept: the error says which file was refused.
"""
import json

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import ErrorDict
from django.http import QueryDict

SESSION_PREFIX = "refused-form:"


def _session_put(request, slot, text):
    request.session[SESSION_PREFIX + slot] = text


def _session_take(request, slot):
    return request.session.pop(SESSION_PREFIX + slot, None)


def keep(request, slot, name, form, put=_session_put):
    """Remember the refused `form` (called `name` on its page) for the next GET of `slot`."""
    data = {key: form.data.getlist(key) for key in form.data if key != "csrfmiddlewaretoken"}
    put(request, slot, json.dumps({"name": name, "data": data, "errors": form.errors.get_json_data()}))


def take(request, slot, make_form, take=_session_take):
    """{name: the refused form bound to what was typed, with its errors}, once; else {}.
    `make_form(name, data)` builds the page's form of that name."""
    text = take(request, slot)
    if not text:
        return {}
    kept = json.loads(text)
    data = QueryDict(mutable=True)
    for key, values in kept["data"].items():
        data.setlist(key, values)
    form = make_form(kept["name"], data)
    if form is None:
        return {}
    form.cleaned_data = {}
    form._errors = ErrorDict()  # the errors as given, not a new validation (the files are gone)
    for field, errors in kept["errors"].items():
        if field != NON_FIELD_ERRORS and field not in form.fields:
            continue
        for error in errors:
            form.add_error(None if field == NON_FIELD_ERRORS else field,
                           ValidationError(error["message"], code=error["code"] or None))
    return {kept["name"]: form}
