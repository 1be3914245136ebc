"""Small factories for the committees app, created through the ORM."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from committees.models import (
    Committee,
    CommitteeRole,
    CommitteeTerm,
    Constituency,
    Consultation,
    Meeting,
    MeetingKind,
    Member,
)


@pytest.fixture
def make_committee(db):
    def make(
        name="คณะกรรมการทดสอบ",
        seats=(Constituency.EXECUTIVE, Constituency.COMMUNITY),
        starts_on=None,
        ends_on=None,
    ):
        committee, _ = Committee.objects.get_or_create(name=name)
        starts_on = starts_on or timezone.localdate() - datetime.timedelta(days=30)
        term = CommitteeTerm.objects.create(committee=committee, starts_on=starts_on, ends_on=ends_on)
        Member.objects.bulk_create(
            Member(
                term=term,
                order_in_appointment=number,
                name=f"กรรมการ {name} {number}",
                constituency=constituency,
                role=CommitteeRole.MEMBER,
            )
            for number, constituency in enumerate(seats, start=1)
        )
        return committee, term

    return make


@pytest.fixture
def make_meeting(db):
    def make(days_from_now=7, **fields):
        starts_at = timezone.now() + datetime.timedelta(days=days_from_now)
        defaults = {
            "title": f"เวทีประชาคม {days_from_now}",
            "starts_at": starts_at,
            "place": "ศาลาประชาคม",
            "kind": MeetingKind.FORUM,
        }
        defaults.update(fields)
        return Meeting.objects.create(**defaults)

    return make


@pytest.fixture
def make_consultation(db):
    def make(opens_in=-3, closes_in=10, **fields):
        today = timezone.localdate()
        defaults = {
            "title": "รับฟังความคิดเห็นเรื่องตลาด",
            "description": "รายละเอียด",
            "opens_on": today + datetime.timedelta(days=opens_in),
            "closes_on": today + datetime.timedelta(days=closes_in),
        }
        defaults.update(fields)
        return Consultation.objects.create(**defaults)

    return make


@pytest.fixture
def open_consultation(make_consultation):
    return make_consultation()


def jpeg_with_gps(size=(1200, 900)):
    """A JPEG carrying EXIF (a GPS tag and an orientation), as phones produce."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° CW to display
    exif[0x8825] = {1: "N", 2: (16.0, 28.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0001.jpg", out.getvalue(), content_type="image/jpeg")


def pdf_file(name="order.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )
