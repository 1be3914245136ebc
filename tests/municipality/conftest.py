import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from municipality.models import NewsCategory, NewsItem

# A fixed moment in Bangkok: 25 Nov 2026 10:00, fiscal year 2570.
NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))


def jpeg_bytes(size=(1600, 1000), exif=True, colour="#3366aa"):
    """A JPEG carrying camera EXIF (maker and a rotation), as phones write them."""
    image = Image.new("RGB", size, colour)
    buffer = io.BytesIO()
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "SpyCamMaker"  # Make
        tags[0x0112] = 6  # Orientation: rotate 90° clockwise to display
        image.save(buffer, "JPEG", exif=tags.tobytes())
    else:
        image.save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def photo_upload():
    return SimpleUploadedFile("photo.jpg", jpeg_bytes(), content_type="image/jpeg")


@pytest.fixture
def category(db):
    return NewsCategory.objects.create(name="ข่าวกิจกรรม", slug="activities")


@pytest.fixture
def make_news(category):
    def make(title="ข่าวทดสอบ", publish_at=NOW - datetime.timedelta(days=1), **extra):
        extra.setdefault("body", "เนื้อข่าว")
        extra.setdefault("category", category)
        return NewsItem.objects.create(title=title, publish_at=publish_at, **extra)

    return make
