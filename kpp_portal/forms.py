"""Every custom form of the portal is built and rendered one way, and a public form files once.

Rendering. A form mixes in `PortalFormMixin` and a template renders it with `{% crispy form %}`
(django-crispy-forms with the Bootstrap 5 pack). The mixin's helper draws the `<form>` element,
its CSRF token, the fields, the honeypot (snippets/honeypot.html), the PDPA notice when the form
asks for personal data (snippets/pdpa_notice.html) and the submit button. Labels, help texts and
errors are tied to their inputs by Django's own field rendering (`aria-describedby`,
`aria-invalid`), which the pack's templates keep; templates/bootstrap5/errors.html lists every
error at the top of the form with a link to its field. A form says what differs through class
attributes (`submit_label`, `form_action`, `privacy_notice`, …) and, for fieldsets or columns,
by overriding `layout_items()`.

Filing once. A public form that creates a row derives from `FilingForm` (the honeypot and a
signed one-time token in a hidden field) and the view answers through `kpp_portal.filing.answer()`,
which files through `file_once()`: the token is claimed in the same transaction that creates the
row, so a double click, a reload of the POST or a replayed request files nothing twice. A
back-office form derives from `StaffForm`: the same helper draws its fields inside the page's own
<form>.
"""
import datetime
import hashlib
import secrets
from importlib import import_module

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, LayoutObject
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .antispam import HoneypotForm

HONEYPOT_FIELD = "website"
TOKEN_FIELD = "form_token"
TOKEN_SALT = "kpp_portal.forms.file-once"
# A form left open longer than this asks to be sent again. It also bounds how long a spent
# token must be remembered: an older one is refused by its signature alone.
TOKEN_MAX_AGE = datetime.timedelta(days=2)


class SubmitButton(LayoutObject):
    """The form's one submit button: a <button>, so no name/value pair is sent with the data."""

    def __init__(self, label, css_class="btn btn-primary", wrapper_class=""):
        self.label, self.css_class, self.wrapper_class = label, css_class, wrapper_class

    def render(self, form, context, **kwargs):
        return format_html('<div class="mb-3 {}"><button type="submit" class="{}">{}</button></div>',
                           self.wrapper_class, self.css_class, self.label)


class PrivacyNotice(LayoutObject):
    """The PDPA notice, beside the fields it is about; `purpose` says what this form keeps and why."""

    def __init__(self, purpose):
        self.purpose = purpose

    def render(self, form, context, **kwargs):
        return render_to_string("snippets/pdpa_notice.html", {
            "purpose": self.purpose, "municipality": context.get("municipality")})


def size_text(max_bytes):
    """A size limit as people read it: "10 MB"."""
    return f"{max_bytes / (1024 * 1024):g} MB"


def file_limits_text(kinds, max_files, max_bytes):
    """What a file field takes, said before it bites: kinds, how many, how large each."""
    return _("%(kinds)s ไม่เกิน %(count)s ไฟล์ ไฟล์ละไม่เกิน %(size)s") % {
        "kinds": kinds, "count": max_files, "size": size_text(max_bytes)}


def file_limit_attrs(max_files, max_bytes):
    """The same limits for form-limits.js, which checks them in the browser before sending
    (the server checks again)."""
    return {
        "data-max-files": max_files, "data-max-bytes": max_bytes,
        "data-too-many": _("เลือกไว้ {count} ไฟล์ แนบได้ไม่เกิน %(count)s ไฟล์") % {"count": max_files},
        "data-too-big": _("{name} มีขนาด {size} ใหญ่เกิน %(size)s ต่อไฟล์ กรุณาเลือกไฟล์ที่เล็กลง") % {
            "size": size_text(max_bytes)},
    }


class PortalFormMixin:
    """The one crispy helper of the portal (see the module docstring)."""

    submit_label = None  # the text of the submit button; None for a form without one
    submit_class = "btn btn-primary"
    submit_wrapper_class = ""  # CSS classes around the button, e.g. its grid column
    form_action = ""  # a URL name or path; empty posts back to the page itself
    form_method = "post"
    form_tag = True  # False: the fields only, inside a page's own <form> (the back office's fieldsets)
    form_class = ""  # CSS classes of the <form> element
    form_attrs = {}  # further attributes of the <form> element (role, aria-label, …)
    field_wrapper_class = ""  # CSS classes around each field, e.g. grid columns of a filter bar
    privacy_notice = None  # the purpose sentence of the PDPA notice, when the form asks for personal data
    error_note = None  # a sentence added to the error summary (e.g. that files must be chosen again)

    def layout_items(self):
        """The visible part of the form, top to bottom: field names and crispy layout objects."""
        items = [PrivacyNotice(self.privacy_notice)] if self.privacy_notice else []
        return items + [
            Field(name, wrapper_class=self.field_wrapper_class) if self.field_wrapper_class else name
            for name in self.fields if name not in (HONEYPOT_FIELD, TOKEN_FIELD)
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A text box with a limit states it and counts (form-limits.js), and too long a text is
        # refused with what was typed kept: the browser's maxlength would cut a paste silently.
        for field in self.fields.values():
            if not isinstance(field, forms.CharField) or not isinstance(field.widget, forms.Textarea):
                continue
            # A model form's limit may be the model's validator, with maxlength set on the widget.
            limit = field.widget.attrs.pop("maxlength", None) or field.max_length
            if limit:
                field.widget.attrs.update({
                    "data-max-chars": limit,
                    "data-count": _("พิมพ์แล้ว {count} จาก %(limit)s ตัวอักษร") % {"limit": limit},
                    "data-over": _("ยาวเกิน {over} ตัวอักษร (รับได้ไม่เกิน %(limit)s ตัวอักษร)") % {"limit": limit}})
                field.error_messages.setdefault("max_length", _(
                    "ข้อความยาว %(show_value)d ตัวอักษร เกินที่รับได้ %(limit_value)d ตัวอักษร "
                    "ข้อความที่พิมพ์ไว้ยังอยู่ กรุณาย่อให้สั้นลงแล้วส่งอีกครั้ง"))

    def _state_text_limits(self):
        for field in self.fields.values():
            limit = field.widget.attrs.get("data-max-chars")
            if limit:
                stated = _("ไม่เกิน %(limit)s ตัวอักษร") % {"limit": limit}
                if stated not in str(field.help_text or ""):
                    field.help_text = f"{field.help_text} ({stated})" if field.help_text else stated

    @cached_property
    def helper(self):
        self._state_text_limits()  # after the form's own __init__ has set its help texts
        helper = FormHelper(self)
        helper.form_method = self.form_method
        helper.form_tag = self.form_tag
        helper.disable_csrf = not self.form_tag  # the page's <form> has its own token
        helper.form_action = self.form_action
        helper.form_class = self.form_class
        # The server checks every field and answers in Thai; the browser's own bubbles would not.
        helper.attrs = {"novalidate": "", **self.form_attrs}
        items = self.layout_items()
        if HONEYPOT_FIELD in self.fields:
            items.append(Field(HONEYPOT_FIELD, template="snippets/honeypot.html"))
        if TOKEN_FIELD in self.fields:
            items.append(TOKEN_FIELD)
        if self.submit_label:
            items.append(SubmitButton(self.submit_label, self.submit_class, self.submit_wrapper_class))
        helper.layout = Layout(*items)
        return helper


class PortalForm(PortalFormMixin, forms.Form):
    """A form that files nothing: look-ups and the search filters."""


class StaffForm(PortalForm):
    """A back-office form: its fields, drawn by the same helper, inside the page's own <form>
    with its fieldset and buttons (the admin's look)."""

    form_tag = False


def required_text(value, field_label):
    """clean_<field> of a required text: more than spaces, or an error naming the field."""
    value = (value or "").strip()
    if not value:
        raise forms.ValidationError(_("กรุณากรอก%(field)s") % {"field": field_label}, code="required")
    return value


def issue_token():
    """A fresh one-time token for a form about to be shown."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(secrets.token_urlsafe(16))


def _token_is_valid(token):
    try:
        signing.TimestampSigner(salt=TOKEN_SALT).unsign(token or "", max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # forged, damaged or older than TOKEN_MAX_AGE
        return False
    return True


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


class CheapChecksFirst:
    """A form whose expensive checks wait until every cheap one has passed.

    Django validates each field, then clean(). Work that costs CPU time and memory (decoding
    pictures, stripping files) goes in clean_expensive() instead, which runs after those and only
    when they all passed: a request with a wrong date, a missing field or a forged token decodes
    no picture. cheap_checks_pass() runs the cheap part alone, so that antispam.over_limit can
    count a request before any expensive work; is_valid() afterwards validates in full.
    """

    _deferring = False

    def _post_clean(self):
        super()._post_clean()
        if not self._deferring and not self._errors:
            self.clean_expensive()

    def clean_expensive(self):
        """The checks that cost; add errors with add_error() as clean() would."""

    def cheap_checks_pass(self):
        valid = self._clean_cheaply()
        if valid:
            self._errors = None  # the next is_valid() validates again, this time in full
        return valid

    def refuse(self, message=None):
        """The form shown again with the cheap checks' errors (and `message`), without any
        expensive check: for a request refused by a rate limit."""
        self._clean_cheaply()
        if message:
            self.add_error(None, message)

    def _clean_cheaply(self):
        self._deferring = True
        try:
            self._errors = None
            return self.is_valid()
        finally:
            self._deferring = False


class FilingForm(CheapChecksFirst, PortalFormMixin, HoneypotForm):
    """A public form whose every valid POST creates a row: the honeypot plus a one-time token."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    spent_tokens = "kpp_portal.SpentFormToken"  # "app_label.Model" of the table of spent tokens

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD].initial = issue_token()

    def clean(self):
        cleaned = super().clean()
        if not _token_is_valid(cleaned.get(TOKEN_FIELD)):
            # Shown again with a fresh token, so pressing the button once more sends it.
            self.data = self.data.copy()
            self.data[self.add_prefix(TOKEN_FIELD)] = issue_token()
            raise forms.ValidationError(
                _("แบบฟอร์มนี้เปิดค้างไว้นานเกินไป กรุณาตรวจสอบข้อมูลแล้วกดส่งอีกครั้ง"), code="form_expired"
            )
        return cleaned


def file_once(request, form, create):
    """Run `create()` once per form token; True when this request filed, False for a repeat.

    The token is claimed and `create()` runs in one transaction, so a repeat that arrives while
    the first request is still at work waits for it and then files nothing, and a first request
    that fails leaves its token unspent. What `create()` puts in the session for the page after
    the redirect is saved in that same transaction. A repeat from a browser that never got the
    first answer (a double click abandons it, with its session cookie) is given that session,
    so a receipt or follow-up code shown once still reaches the person who sent the form. A
    repeat is told that its form was filed once already.
    """
    SpentFormToken = apps.get_model(form.spent_tokens)
    digest = _digest(form.cleaned_data[TOKEN_FIELD])
    with transaction.atomic():
        try:
            with transaction.atomic():
                SpentFormToken.objects.create(digest=digest)
        except IntegrityError:
            spent = SpentFormToken.objects.get(digest=digest)
        else:
            create()
            if request.session.modified:
                request.session.save()
                SpentFormToken.objects.filter(digest=digest).update(session_key=request.session.session_key)
            SpentFormToken.objects.filter(filed_at__lt=timezone.now() - TOKEN_MAX_AGE).delete()
            return True
    messages.info(request, _(
        "แบบฟอร์มนี้ส่งถึงเทศบาลแล้ว ระบบบันทึกไว้ครั้งเดียว หากมีเรื่องใหม่ กรุณากรอกแบบฟอร์มอีกครั้ง"))
    if spent.session_key and not request.session.session_key:
        store = import_module(settings.SESSION_ENGINE).SessionStore
        if store().exists(spent.session_key):
            request.session = store(spent.session_key)
            request.session.modified = True  # the session middleware sends its cookie
    return False


class MultipleFileInput(forms.ClearableFileInput):
    """One <input type=file multiple>: the forms' file fields check each file themselves."""

    allow_multiple_selected = True


class StaffChoiceField(forms.ModelChoiceField):
    """A choice among staff (assign, escalate), each named by full name and position."""

    def label_from_instance(self, user):
        from .models import StaffProfile

        return StaffProfile.name_of(user)
