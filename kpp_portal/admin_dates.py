"""Buddhist-Era dates in the whole Django admin: one widget and one form field per kind of date.

Staff type dates as on every Thai form, 29/11/2569, read by the one rule in
kpp_portal.thai.parse_be: a Christian-era year typed by habit is refused with a Thai message,
never stored 543 years off.

`install()` (called by PortalAdminConfig before the admin registers anything) makes these the
admin's defaults for every DateField and DateTimeField in every ModelAdmin (ours and third-party
ones alike), and makes the admin's lists, read-only fields and date hierarchy print BE years.
The calendar and the "วันนี้" shortcut fill BE through static/kpp_portal/admin-dates.js.
"""
import datetime
import re

from django import forms
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .thai import be_year, format_be, format_thai_date, parse_be


class BuddhistDateInput(widgets.AdminDateWidget):
    """The admin's date box and calendar, showing and filling dd/mm/BBBB."""

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={"placeholder": _("วว/ดด/ปปปป (พ.ศ.)"), "data-era": "be", **(attrs or {})},
                         format=format)

    # Listed with Django's two, so that merging media keeps ours after DateTimeShortcuts.js.
    media = forms.Media(js=["admin/js/calendar.js", "admin/js/admin/DateTimeShortcuts.js",
                            "kpp_portal/admin-dates.js"])

    def format_value(self, value):
        return _be_text(value)


def _be_text(value):
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return format_be(value)
    return value or None


class BuddhistHiddenInput(forms.HiddenInput):
    """The "initial-…" copy of a date with a default: BE too, so has_changed can read it back."""

    def format_value(self, value):
        return _be_text(value)


class BuddhistDateField(forms.DateField):
    widget = BuddhistDateInput
    hidden_widget = BuddhistHiddenInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return parse_be(str(value))

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            data = self.to_python(data)
        except ValidationError:
            return True
        return (initial or None) != data


class BuddhistSplitDateTime(widgets.AdminSplitDateTime):
    """Date (BE) and time boxes, as the admin's own split widget."""

    def __init__(self, attrs=None):
        date, time = BuddhistDateInput(attrs=attrs), widgets.AdminTimeWidget(attrs=attrs)
        forms.MultiWidget.__init__(self, [date, time])


class BuddhistDateTimeField(forms.SplitDateTimeField):
    widget = BuddhistSplitDateTime

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The date half parses BE; its messages are the Thai ones above.
        date_field = BuddhistDateField(required=self.fields[0].required, localize=self.localize)
        self.fields = (date_field, self.fields[1])


# -- printing BE in lists, read-only fields and the date hierarchy ------------------------------------
def display_for_field(original):
    def display(value, field, empty_value_display, *args, **kwargs):
        if not getattr(field, "flatchoices", None) and value not in (None, ""):
            if isinstance(field, models.DateTimeField) and isinstance(value, datetime.datetime):
                return format_thai_date(value, with_time=True)
            if isinstance(field, models.DateField) and isinstance(value, datetime.date):
                return format_thai_date(value)
        return original(value, field, empty_value_display, *args, **kwargs)

    display.be_dates = True
    return display


def display_for_value(original):
    """The same for a list column computed by a method that returns a date."""

    def display(value, empty_value_display, boolean=False):
        if not boolean and isinstance(value, datetime.date):
            return format_thai_date(value, with_time=isinstance(value, datetime.datetime))
        return original(value, empty_value_display, boolean)

    display.be_dates = True
    return display


YEAR_IN_TITLE = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")


def date_hierarchy(original):
    """The hierarchy's links name years by str(year) and "F Y": make them BE."""

    def hierarchy(cl):
        context = original(cl)
        if context:
            for choice in [context.get("back") or {}, *context.get("choices", ())]:
                if "title" in choice:
                    choice["title"] = YEAR_IN_TITLE.sub(lambda m: str(be_year(int(m.group(1)))),
                                                        str(choice["title"]))
        return context

    hierarchy.be_dates = True
    return hierarchy


def install():
    from django.contrib.admin import helpers, options
    from django.contrib.admin.templatetags import admin_list

    options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateField] = {
        "form_class": BuddhistDateField, "widget": BuddhistDateInput}
    options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateTimeField] = {
        "form_class": BuddhistDateTimeField, "widget": BuddhistSplitDateTime}
    for module in (admin_list, helpers):
        if not getattr(module.display_for_field, "be_dates", False):
            module.display_for_field = display_for_field(module.display_for_field)
    if not getattr(admin_list.display_for_value, "be_dates", False):
        admin_list.display_for_value = display_for_value(admin_list.display_for_value)
    if not getattr(admin_list.date_hierarchy, "be_dates", False):
        admin_list.date_hierarchy = date_hierarchy(admin_list.date_hierarchy)
