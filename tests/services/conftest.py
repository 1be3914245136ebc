"""E-Service fixtures: two units with their staff, request types like the demo's, the
Songkran holidays of 2569, the legal grounds with their appeal route."""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from kpp_portal.uploads import PreparedFile
from services import submission
from services.models import (
    AppealRoute,
    FieldKind,
    Holiday,
    RefusalGround,
    RequestType,
    ServiceUnit,
)
from tests.conftest import PASSWORD

BANGKOK = datetime.timezone(datetime.timedelta(hours=7))
# Friday 10 April 2026 (BE 2569), the last working day before Songkran (13–15 April, Mon–Wed).
BEFORE_SONGKRAN = datetime.datetime(2026, 4, 10, 10, 0, tzinfo=BANGKOK)


def jpeg_with_gps(size=(64, 48)):
    """A phone photo: EXIF with a GPS position, the camera maker and the owner's name."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x013B] = "Somchai Resident"
    exif[0x8825] = {1: "N", 2: (16.0, 28.0, 12.0), 3: "E", 4: (99.0, 31.0, 2.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def pdf_bytes(text="released"):
    return b"%PDF-1.4\n% " + text.encode() + b"\n%%EOF\n"


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def holidays(db):
    for day in (13, 14, 15):
        Holiday.objects.create(date=datetime.date(2026, 4, day), name="วันสงกรานต์")


@pytest.fixture
def units(db):
    return {
        "works": ServiceUnit.objects.create(name="กองช่าง", email=""),
        "office": ServiceUnit.objects.create(name="สำนักปลัดเทศบาล", email="office@kppmu.go.th"),
    }


@pytest.fixture
def fault_type(units):
    request_type = RequestType.objects.create(
        slug="public-works-fault", title="แจ้งเหตุไฟฟ้าส่องสว่าง ท่อระบายน้ำ หรือถนนชำรุด", summary="แจ้งจุดชำรุด",
        unit=units["works"], time_limit_days=3, details_label="ลักษณะความชำรุด",
        pdpa_notice="กองช่างใช้ตำแหน่งและภาพถ่ายเพื่อซ่อมจุดที่แจ้งเท่านั้น เก็บ 2 ปี",
        required_documents="ไม่ต้องใช้เอกสาร",
    )
    for order, (kind, label, required) in enumerate((
        (FieldKind.TEXT, "ประเภทเหตุ", True),
        (FieldKind.LOCATION, "จุดที่พบ", True),
        (FieldKind.PHOTOS, "ภาพถ่ายจุดที่ชำรุด", False),
        (FieldKind.DATE, "วันที่พบ", False),
        (FieldKind.EMAIL, "อีเมล (ไม่บังคับ)", False),
    )):
        request_type.fields.create(kind=kind, label=label, required=required, order=order)
    return request_type


@pytest.fixture
def information_type(units):
    request_type = RequestType.objects.create(
        slug="information-request", title="คำขอข้อมูลข่าวสารของราชการ (มาตรา 11)", summary="ขอข้อมูลข่าวสาร",
        unit=units["office"], time_limit_days=15, is_information_request=True, name_required=True,
        details_label="ข้อมูลข่าวสารที่ต้องการ", pdpa_notice="ใช้ชื่อเพื่อส่งข้อมูลที่ขอเท่านั้น",
    )
    request_type.fields.create(kind=FieldKind.EMAIL, label="อีเมล", required=False)
    return request_type


@pytest.fixture
def grounds(db):
    appeal = AppealRoute.objects.create(
        title="อุทธรณ์ต่อคณะกรรมการวินิจฉัยการเปิดเผยข้อมูลข่าวสาร",
        instructions="ยื่นหนังสืออุทธรณ์ผ่านเทศบาลหรือสำนักงานคณะกรรมการข้อมูลข่าวสารของราชการ", days_to_appeal=15)
    return {
        "personal": RefusalGround.objects.create(code="มาตรา 15 (5)", title="ข้อมูลส่วนบุคคล",
                                                 text="การเปิดเผยจะรุกล้ำสิทธิส่วนบุคคลโดยไม่สมควร", appeal=appeal),
        "opinion": RefusalGround.objects.create(code="มาตรา 15 (3)", title="ความเห็นภายใน",
                                                text="ความเห็นหรือคำแนะนำภายในหน่วยงานของรัฐ", appeal=appeal),
    }


def _unit_staff(django_user_model, username, unit, **extra):
    user = django_user_model.objects.create_user(username=username, password=PASSWORD, is_staff=True, **extra)
    user.groups.add(unit.group)
    return user


@pytest.fixture
def works_officer(units, django_user_model):
    return _unit_staff(django_user_model, "works", units["works"], email="works@kppmu.go.th")


@pytest.fixture
def office_officer(units, django_user_model):
    return _unit_staff(django_user_model, "office", units["office"])


def file_request(request_type, subject="ไฟฟ้าดับหน้าตลาด", **fields):
    """A request through the same model method as the public form; returns (request, code)."""
    fields.setdefault("details", "ไฟดับสามต้นติดกัน")
    return submission.submit(request_type, subject=subject, **fields)


def photo(label="ภาพถ่ายจุดที่ชำรุด"):
    return PreparedFile("jpeg", jpeg_with_gps(), name="photo.jpg", label=label)


def released_pdf(name="contract.pdf"):
    return PreparedFile("pdf", pdf_bytes(), name=name, label="ไฟล์ข้อมูลข่าวสารที่เปิดเผย")


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=BANGKOK)


def localdate_of(moment):
    return timezone.localtime(moment).date()
