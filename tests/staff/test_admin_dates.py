"""Buddhist-Era dates in the admin: the one field and widget, used by every model admin."""
import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.core.exceptions import ValidationError
from django.db import models

from kpp_portal.admin_dates import (
    BuddhistDateField,
    BuddhistDateInput,
    BuddhistDateTimeField,
    BuddhistSplitDateTime,
)
from tests.conftest import PASSWORD


@pytest.mark.parametrize("typed, stored", [
    ("29/11/2569", datetime.date(2026, 11, 29)),
    ("1/1/2500", datetime.date(1957, 1, 1)),
    (" 05/06/2567 ", datetime.date(2024, 6, 5)),
    ("29/02/2567", datetime.date(2024, 2, 29)),
])
def test_a_be_date_is_stored_as_its_christian_era_day(typed, stored):
    assert BuddhistDateField().clean(typed) == stored


@pytest.mark.parametrize("typed, message", [
    ("29/11/2026", "ปี 2026 ไม่ใช่ปี พ.ศ. โปรดใช้ปี พ.ศ. เช่น 2569"),  # CE typed by habit: refused
    ("29/11/1983", "ไม่ใช่ปี พ.ศ."),
    ("29/11/69", "ไม่ใช่ปี พ.ศ."),
    ("29/11/3112", "ไม่น่าจะถูกต้อง"),  # a BE year converted twice
    ("29/02/2569", "ไม่มีวันที่ 29/02/2569 ในปฏิทิน"),
    ("31/04/2569", "ไม่มีวันที่"),
    ("2026-11-29", "วว/ดด/ปปปป"),
    ("พรุ่งนี้", "วว/ดด/ปปปป"),
])
def test_an_implausible_or_unreadable_date_is_refused_in_thai(typed, message):
    with pytest.raises(ValidationError) as error:
        BuddhistDateField().clean(typed)
    assert message in error.value.messages[0]


def test_an_empty_optional_date_is_none_and_a_required_one_is_refused():
    assert BuddhistDateField(required=False).clean("") is None
    with pytest.raises(ValidationError):
        BuddhistDateField().clean("")


def test_the_widget_shows_be_and_marks_itself_for_the_calendar_script():
    html = BuddhistDateInput().render("day", datetime.date(2026, 11, 29))
    assert 'value="29/11/2569"' in html
    assert 'data-era="be"' in html
    assert "kpp_portal/admin-dates.js" in str(BuddhistDateInput().media)
    # A value the person typed comes back unchanged with its error, not lost.
    assert 'value="29/11/2026"' in BuddhistDateInput().render("day", "29/11/2026")


def test_the_date_time_field_takes_a_be_date_and_a_time():
    field = BuddhistDateTimeField()
    value = field.clean(["29/11/2569", "09:30"])
    assert (value.year, value.month, value.day, value.hour, value.minute) == (2026, 11, 29, 9, 30)
    with pytest.raises(ValidationError) as error:
        field.clean(["29/11/2026", "09:30"])
    assert "ไม่ใช่ปี พ.ศ." in " ".join(error.value.messages)
    html = BuddhistSplitDateTime().render("at", datetime.datetime(2026, 11, 29, 9, 30))
    assert 'value="29/11/2569"' in html


def _admin_fields(kind):
    for model, model_admin in admin.site._registry.items():
        for field in model._meta.get_fields():
            if isinstance(field, kind) and field.editable and not field.auto_created:
                yield model_admin, field


@pytest.mark.django_db
def test_every_model_admin_uses_the_be_field_for_every_date(rf):
    request = rf.get("/admin/")
    request.user = type("U", (), {"has_perm": lambda *a: False})()
    checked = 0
    for model_admin, field in _admin_fields(models.DateField):
        formfield = model_admin.formfield_for_dbfield(field, request)
        expected = BuddhistDateTimeField if isinstance(field, models.DateTimeField) else BuddhistDateField
        assert isinstance(formfield, expected), f"{field.model.__name__}.{field.name}"
        checked += 1
    assert checked > 10


@pytest.mark.django_db
def test_every_model_admin_takes_a_link_typed_without_a_scheme_as_https(rf):
    request = rf.get("/admin/")
    request.user = type("U", (), {"has_perm": lambda *a: False})()
    links = list(_admin_fields(models.URLField))
    assert len(links) >= 5
    for model_admin, field in links:
        formfield = model_admin.formfield_for_dbfield(field, request)
        assert formfield.to_python("www.kppmu.go.th/ita") == "https://www.kppmu.go.th/ita", field


@pytest.mark.django_db
def test_lists_and_read_only_fields_print_be():
    from disclosures.models import Document

    field = Document._meta.get_field("publication_date")
    assert admin_list.display_for_field(datetime.date(2026, 11, 29), field, "-") == "29 พ.ย. 2569"
    from django.contrib.admin import helpers

    assert helpers.display_for_field(datetime.date(2026, 11, 29), field, "-") == "29 พ.ย. 2569"
    # A column computed by a method that returns a date.
    assert admin_list.display_for_value(datetime.date(2026, 11, 29), "-") == "29 พ.ย. 2569"
    assert admin_list.display_for_value(None, "-") == "-"


@pytest.mark.django_db
def test_the_date_hierarchy_and_the_changelist_print_be(client, editor):
    from tests.disclosures.conftest import make_document

    make_document("แผนปี 2569", date=datetime.date(2026, 11, 29))
    make_document("แผนปี 2568", date=datetime.date(2025, 1, 29))
    client.login(username="editor", password=PASSWORD)
    page = client.get("/admin/disclosures/document/").content.decode()
    assert "29 พ.ย. 2569" in page
    hierarchy = page.split('<nav class="toplinks">')[1].split("</nav>")[0]
    assert re.findall(r">([^<]+)</a>", hierarchy) == ["2568", "2569"]
    by_year = client.get("/admin/disclosures/document/?publication_date__year=2026").content.decode()
    assert "พฤศจิกายน 2569" in by_year
    assert "พฤศจิกายน 2026" not in by_year


def test_a_default_date_left_alone_is_not_a_change():
    # The form's hidden "initial-…" copy is BE too, so an untouched extra inline stays empty.
    from django import forms

    class Form(forms.Form):
        day = BuddhistDateField(initial=datetime.date.today, show_hidden_initial=True)

    today = datetime.date.today()
    hidden = Form()["day"].as_hidden(only_initial=True)
    assert f'value="{today.day:02d}/{today.month:02d}/{today.year + 543}"' in hidden
    shown = f"{today.day:02d}/{today.month:02d}/{today.year + 543}"
    assert not Form(data={"day": shown, "initial-day": shown}).has_changed()


@pytest.mark.django_db
def test_the_history_of_an_object_dates_each_change_in_be(client, editor):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from tests.disclosures.conftest import make_document

    document = make_document("แผนปี 2569")
    LogEntry.objects.create(user=editor, content_type=ContentType.objects.get_for_model(document),
                            object_id=str(document.pk), object_repr=str(document), action_flag=CHANGE,
                            change_message="[]")
    client.login(username="editor", password=PASSWORD)
    page = client.get(f"/admin/disclosures/document/{document.pk}/history/").content.decode()
    from django.utils import timezone

    from kpp_portal.thai import format_thai_date

    assert f"{format_thai_date(timezone.now())} " in page  # day, month and BE year, then the time
