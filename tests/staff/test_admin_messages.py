"""What the admin says to an editor: Thai, and enough to act on."""
import datetime

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone, translation

from disclosures.models import Document
from kpp_portal.thai import be_year
from kpp_portal.uploads import validate_upload
from municipality.models import NewsCategory, NewsItem

pytestmark = pytest.mark.django_db


def news_form(title, publish_at):
    category, _created = NewsCategory.objects.get_or_create(slug="activities", defaults={"name": "ข่าวกิจกรรม"})
    local = timezone.localtime(publish_at)
    return {"title": title, "slug": "", "category": category.pk, "summary": "", "body": "เนื้อข่าว",
            "image_alt": "", "publish_at_0": f"{local.day:02d}/{local.month:02d}/{be_year(local.year)}",
            "publish_at_1": f"{local:%H:%M}", "expire_at_0": "", "expire_at_1": ""}


def test_a_form_with_errors_says_so_in_thai(client, editor):
    client.force_login(editor)
    page = client.post("/admin/municipality/newsitem/add/", {"title": ""}).content.decode()
    assert "กรุณาแก้ไขข้อผิดพลาดด้านล่าง" in page
    assert "Please correct" not in page


def test_a_news_item_set_for_later_says_when_it_will_appear(client, editor):
    client.force_login(editor)
    later = timezone.now() + datetime.timedelta(days=3)
    response = client.post("/admin/municipality/newsitem/add/", news_form("ข่าวตั้งเวลา", later), follow=True)
    assert NewsItem.objects.filter(title="ข่าวตั้งเวลา").exists()
    messages = [str(message) for message in response.context["messages"]]
    local = timezone.localtime(later)
    assert any("จะแสดงบนเว็บไซต์ตั้งแต่" in message and str(be_year(local.year)) in message
               and f"{local:%H:%M}" in message for message in messages), messages


def test_a_news_item_published_now_gets_no_schedule_message(client, editor):
    client.force_login(editor)
    response = client.post("/admin/municipality/newsitem/add/",
                           news_form("ข่าววันนี้", timezone.now() - datetime.timedelta(minutes=5)), follow=True)
    assert not any("จะแสดงบนเว็บไซต์" in str(message) for message in response.context["messages"])


@pytest.mark.parametrize("field", [Document._meta.get_field("fiscal_year")])
def test_a_year_typed_in_the_christian_era_is_refused_with_its_be_year(field):
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        field.run_validators(2027)
    message = " ".join(refused.value.messages)
    assert "พ.ศ." in message and "2570" in message  # says it takes a BE year, and which one
    field.run_validators(2570)


@override_settings(UPLOAD_MAX_BYTES=20 * 1024 * 1024)
def test_a_file_just_over_the_limit_says_by_how_much():
    uploaded = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 + 40 * 1024))
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        validate_upload(uploaded, {"pdf"})
    message = refused.value.messages[0].replace("\xa0", " ")
    assert "20.0 MB" in message and "เกินมา 40.0 KB" in message  # the sizes alike, the excess said


def test_status_words_stay_on_one_line_in_narrow_columns(client, editor):
    client.force_login(editor)
    page = client.get("/admin/municipality/newsitem/").content.decode()
    assert "kpp_portal/admin" in page and "admin.css" in page
    with open(finders.find("kpp_portal/admin.css"), encoding="utf-8") as css:
        rules = css.read()
    assert "td.field-status_label" in rules and "white-space: nowrap" in rules


def test_add_another_keeps_a_space_after_a_latin_name():
    with translation.override("th"):
        label = translation.gettext("Add another %(verbose_name)s") % {"verbose_name": "ข้อ OIT"}
    assert label == "เพิ่มข้อ OIT อีกรายการ"
