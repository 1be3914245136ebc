import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kpp_portal import images
from municipality.forms import NewsItemAdminForm, PersonAdminForm
from municipality.models import Person

from .conftest import NOW, jpeg_bytes

pytestmark = pytest.mark.django_db


def _open(name):
    with default_storage.open(name) as handle:
        data = handle.read()
    return data, Image.open(io.BytesIO(data))


def test_photo_sizes_are_made_and_exif_is_gone(photo_upload):
    person = Person(position="นายกเทศมนตรี")
    person.set_picture(photo_upload)
    person.save()
    # Orientation 6 turned the 1600×1000 upload upright: 1000 wide, 1600 high.
    assert [size["w"] for size in person.photo_sizes] == [160, 320, 640]
    for size in person.photo_sizes:
        data, image = _open(size["name"])
        assert image.format == "JPEG"
        assert (image.width, image.height) == (size["w"], size["h"])
        assert image.height > image.width
        assert not image.getexif()
        assert b"SpyCamMaker" not in data and b"Exif" not in data[:200]
    assert "160w" in person.picture.srcset and "640w" in person.picture.srcset


def test_small_picture_is_not_enlarged():
    upload = SimpleUploadedFile("small.jpg", jpeg_bytes(size=(300, 200), exif=False))
    sizes = images.make_sizes(upload, "test", (400, 800, 1200), default_storage)
    assert [(size["w"], size["h"]) for size in sizes] == [(300, 200)]


def test_transparent_png_stays_a_transparent_png():
    buffer = io.BytesIO()
    Image.new("RGBA", (500, 500), (255, 0, 0, 0)).save(buffer, "PNG", pnginfo=None)
    sizes = images.make_sizes(SimpleUploadedFile("t.png", buffer.getvalue()), "test", (320,), default_storage)
    _data, image = _open(sizes[0]["name"])
    assert image.format == "PNG" and image.mode == "RGBA" and image.getpixel((10, 10))[3] == 0


def test_replacing_a_photo_deletes_the_old_sizes(photo_upload, django_capture_on_commit_callbacks):
    person = Person.objects.create(position="รองนายกเทศมนตรี")
    person.set_picture(photo_upload)
    person.save()
    old_names = [size["name"] for size in person.photo_sizes]
    with django_capture_on_commit_callbacks(execute=True):
        person.set_picture(SimpleUploadedFile("new.jpg", jpeg_bytes(exif=False)))
        person.save()
    assert not any(default_storage.exists(name) for name in old_names)
    assert all(default_storage.exists(size["name"]) for size in person.photo_sizes)


def _news_form_data(category, **extra):
    data = {"title": "ข่าวมีภาพ", "category": category.pk, "body": "เนื้อข่าว", "slug": "",
            "summary": "", "image_alt": "", "publish_at_0": "", "publish_at_1": "",
            "expire_at_0": "", "expire_at_1": ""}
    data.update(extra)
    return data


@pytest.mark.parametrize("name,content", [
    ("fake.jpg", b"%PDF-1.4 not a picture at all"),
    ("script.jpg", b"<script>alert(1)</script>"),
    ("broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50),
])
def test_non_images_are_refused_with_a_thai_message(category, name, content):
    form = NewsItemAdminForm(
        data=_news_form_data(category, image_alt="ภาพ"),
        files={"picture_upload": SimpleUploadedFile(name, content, content_type="image/jpeg")},
    )
    assert not form.is_valid()
    assert "picture_upload" in form.errors
    assert not default_storage.exists("news")  # nothing half-saved


def test_alt_text_is_required_with_a_picture(category, photo_upload):
    form = NewsItemAdminForm(data=_news_form_data(category), files={"picture_upload": photo_upload})
    assert not form.is_valid()
    assert "คำอธิบายภาพ" in form.errors["image_alt"][0]
    form = NewsItemAdminForm(data=_news_form_data(category, image_alt="ผู้บริหารมอบสิ่งของ"),
                             files={"picture_upload": photo_upload})
    assert form.is_valid(), form.errors
    item = form.save()
    assert [size["w"] for size in item.image_sizes] == [400, 800, 1000]


def test_person_form_can_remove_a_photo(photo_upload, django_capture_on_commit_callbacks):
    person = Person.objects.create(position="ปลัดเทศบาล")
    person.set_picture(photo_upload)
    person.save()
    names = [size["name"] for size in person.photo_sizes]
    data = {"body": "official", "position": "ปลัดเทศบาล", "name": "", "phone": "", "note": "", "order": 0,
            "term_start": "", "term_end": "", "picture_remove": "on"}
    form = PersonAdminForm(data=data, instance=person)
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        form.save()
    person.refresh_from_db()
    assert person.photo_sizes == [] and not default_storage.exists(names[0])


def test_term_end_before_start_is_refused():
    data = {"body": "executive", "position": "นายกเทศมนตรี", "order": 0,
            "term_start": "2025-05-11", "term_end": "2024-01-01"}
    form = PersonAdminForm(data=data)
    assert not form.is_valid() and "term_end" in form.errors
    assert form["position"].value() == "นายกเทศมนตรี"  # what was typed is kept


@pytest.mark.usefixtures("category")
def test_news_picture_is_rendered_with_srcset_and_alt(client, make_news, photo_upload):
    import time_machine

    with time_machine.travel(NOW, tick=False):
        item = make_news("ข่าวมีภาพ")
        item.set_picture(photo_upload)
        item.image_alt = "ภาพกิจกรรมเวทีประชาคม"
        item.save()
        page = client.get(item.get_absolute_url()).content.decode()
    assert 'alt="ภาพกิจกรรมเวทีประชาคม"' in page
    assert "400w" in page and "800w" in page and 'sizes="' in page
