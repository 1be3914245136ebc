import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from committees.models import MeetingPhoto
from kpp_portal import ical

from .conftest import jpeg_with_gps, pdf_file

pytestmark = pytest.mark.django_db


def test_upcoming_and_past_lists(client, make_meeting):
    make_meeting(days_from_now=5, title="เวทีที่จะมาถึง")
    make_meeting(days_from_now=-5, title="เวทีที่ผ่านมา")
    make_meeting(days_from_now=3, title="ร่างที่ยังไม่เผยแพร่", is_published=False)
    response = client.get(reverse("committees:meetings"))
    html = response.content.decode()
    upcoming, past = html.split('id="past-title"')
    assert "เวทีที่จะมาถึง" in upcoming and "เวทีที่ผ่านมา" not in upcoming
    assert "เวทีที่ผ่านมา" in past
    assert "ร่างที่ยังไม่เผยแพร่" not in html


def test_meeting_detail_shows_be_date_minutes_attendance_and_resolutions(client, make_meeting):
    starts = timezone.make_aware(datetime.datetime(2026, 3, 14, 9, 30))
    meeting = make_meeting(
        starts_at=starts, attendance=85, resolutions="เห็นชอบโครงการ", minutes=pdf_file("m.pdf")
    )
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "14 มีนาคม 2569 09:30 น." in html
    assert "85 คน" in html and "เห็นชอบโครงการ" in html and meeting.minutes.url in html


def test_unpublished_meeting_is_404(client, make_meeting):
    meeting = make_meeting(is_published=False)
    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_minutes_must_be_a_real_document(make_meeting):
    meeting = make_meeting()
    meeting.minutes = SimpleUploadedFile("minutes.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError):
        meeting.full_clean()


def test_meeting_cannot_end_before_it_starts(make_meeting):
    meeting = make_meeting()
    meeting.ends_at = meeting.starts_at - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "ends_at" in error.value.message_dict


# Photos


def _photo(meeting, upload, caption="บรรยากาศเวที"):
    photo = MeetingPhoto(meeting=meeting, caption=caption)
    photo.set_picture(upload)
    photo.save()
    return photo


def _stored(name):
    with default_storage.open(name) as handle:
        return Image.open(io.BytesIO(handle.read()))


def test_photo_upload_strips_exif_and_makes_renditions(make_meeting):
    photo = _photo(make_meeting(), jpeg_with_gps())
    # Turned upright from the EXIF orientation before dropping it: 900 wide, 1200 high.
    assert [(size["w"], size["h"]) for size in photo.image_sizes] == [(480, 640), (900, 1200)]
    for size in photo.image_sizes:
        stored = _stored(size["name"])
        assert stored.format == "JPEG" and not stored.getexif(), "EXIF (GPS, camera) must be gone"


def test_photo_is_validated_by_content(make_meeting):
    from committees.admin import MeetingPhotoAdminForm

    form = MeetingPhotoAdminForm(
        data={"caption": "x", "display_order": 0},
        files={"picture_upload": SimpleUploadedFile("fake.jpg", b"GIF89a not really a jpeg")},
        instance=MeetingPhoto(meeting=make_meeting()))
    assert not form.is_valid() and "picture_upload" in form.errors
    form = MeetingPhotoAdminForm(data={"caption": "x", "display_order": 0},
                                 instance=MeetingPhoto(meeting=make_meeting()))
    assert not form.is_valid() and form.errors["picture_upload"] == ["กรุณาเลือกไฟล์ภาพ"]


def test_transparent_png_keeps_its_alpha(make_meeting):
    out = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(out, "PNG")
    photo = _photo(make_meeting(), SimpleUploadedFile("logo.png", out.getvalue()), caption="โลโก้")
    assert photo.image_sizes[0]["name"].endswith(".png")
    assert _stored(photo.image_sizes[0]["name"]).mode == "RGBA"


def test_meeting_page_shows_renditions_with_alt_text(client, make_meeting):
    meeting = make_meeting()
    photo = _photo(meeting, jpeg_with_gps(), caption="ประชาชนร่วมเวที")
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert f'src="{photo.picture.src}" srcset="{photo.picture.srcset}"' in html
    assert 'alt="ประชาชนร่วมเวที"' in html and "480w" in html


# iCalendar feed — a small RFC 5545 reader, strict on the rules phone calendars rely on.


def parse_ics(raw):
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line must end with CRLF"
    physical = raw.split(b"\r\n")
    assert physical[-1] == b""
    for line in physical[:-1]:
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
        line.decode("utf-8")  # a fold must never split a UTF-8 character
    text = raw.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    root, stack = {"children": []}, []
    current = root
    for line in text.split("\r\n")[:-1]:
        name, _, value = line.partition(":")
        name = name.split(";")[0].upper()
        if name == "BEGIN":
            component = {"type": value, "props": {}, "children": []}
            current["children"].append(component)
            stack.append(current)
            current = component
        elif name == "END":
            assert current["type"] == value, f"END:{value} closes {current['type']}"
            current = stack.pop()
        else:
            current["props"].setdefault(name, []).append(value)
    assert not stack, "unclosed component"
    return root["children"]


def unescape(value):
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_ics_feed_lists_upcoming_meetings_as_valid_icalendar(client, make_meeting):
    long_title = "เวทีประชาคมรับฟังความคิดเห็น; เรื่องตลาด, ที่จอดรถ และความสะอาด " * 3
    upcoming = make_meeting(
        days_from_now=10,
        title=long_title,
        agenda="วาระที่ 1\nวาระที่ 2",
        ends_at=timezone.now() + datetime.timedelta(days=10, hours=3),
    )
    make_meeting(days_from_now=-10, title="เวทีที่ผ่านไปแล้ว")
    make_meeting(days_from_now=4, title="ยังไม่เผยแพร่", is_published=False)
    response = client.get(reverse("committees:meetings_ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    [calendar] = parse_ics(response.content)
    assert calendar["type"] == "VCALENDAR"
    assert calendar["props"]["VERSION"] == ["2.0"] and calendar["props"]["PRODID"]
    events = [c for c in calendar["children"] if c["type"] == "VEVENT"]
    assert len(events) == 1
    props = events[0]["props"]
    assert unescape(props["SUMMARY"][0]) == long_title
    assert unescape(props["DESCRIPTION"][0]) == "วาระที่ 1\nวาระที่ 2"
    assert props["UID"][0] == f"meeting-{upcoming.pk}@127.0.0.1"
    for name in ("DTSTAMP", "DTSTART", "DTEND"):
        assert re.fullmatch(r"\d{8}T\d{6}Z", props[name][0]), name
    start = datetime.datetime.strptime(props["DTSTART"][0], "%Y%m%dT%H%M%SZ").replace(
        tzinfo=datetime.UTC
    )
    assert abs(start - upcoming.starts_at) < datetime.timedelta(seconds=1)
    assert props["URL"][0].endswith(upcoming.get_absolute_url())


def test_ics_feed_without_meetings_is_still_a_calendar(client):
    [calendar] = parse_ics(client.get(reverse("committees:meetings_ics")).content)
    assert calendar["type"] == "VCALENDAR" and calendar["children"] == []


def test_fold_counts_octets_not_characters():
    line = "SUMMARY:" + "ก" * 100  # 3 octets each
    folded = ical.fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert folded.replace("\r\n ", "") == line


def test_escape_text_escapes_the_rfc_5545_specials():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


@pytest.mark.parametrize("size", [1, 8])
def test_meeting_pages_and_feed_queries_do_not_grow(
    client, make_meeting, django_assert_max_num_queries, size
):
    for days in range(size):
        make_meeting(days_from_now=days + 1)
        make_meeting(days_from_now=-(days + 1))
    client.get("/")
    with django_assert_max_num_queries(5):
        client.get(reverse("committees:meetings"))
    with django_assert_max_num_queries(2):
        client.get(reverse("committees:meetings_ics"))


def test_meeting_list_offers_a_calendar_subscription(client):
    html = client.get(reverse("committees:meetings")).content.decode()
    assert 'href="webcal://testserver/committees/meetings.ics"' in html
    assert 'href="/committees/meetings.ics"' in html
