"""Editors keep the catalogue (types with their fields, units, holidays, legal grounds) in the
admin; a unit creates its staff group; staff without the role are refused."""
import pytest

from services.models import Holiday, RequestType, ServiceUnit

pytestmark = pytest.mark.django_db


def type_post(unit, **fields):
    data = {
        "slug": "tree-trimming", "title": "ขอตัดแต่งกิ่งไม้", "summary": "แจ้งกิ่งไม้บังทาง", "description": "",
        "unit": unit.pk, "time_limit_days": "10", "details_label": "รายละเอียด", "details_help": "",
        "required_documents": "", "pdpa_notice": "ใช้ข้อมูลเพื่อออกไปตัดแต่งกิ่งไม้เท่านั้น", "is_active": "on",
        "order": "1", "fields-TOTAL_FORMS": "0", "fields-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def test_editor_adds_a_request_type_with_its_fields(client, editor, units):
    client.force_login(editor)
    response = client.post("/admin/services/requesttype/add/", type_post(units["works"], **{
        "fields-TOTAL_FORMS": "2",
        "fields-0-kind": "location", "fields-0-label": "จุดที่มีกิ่งไม้", "fields-0-required": "on",
        "fields-0-order": "0",
        "fields-1-kind": "photos", "fields-1-label": "ภาพถ่าย", "fields-1-order": "1",
    }))
    assert response.status_code == 302, response.content.decode()[:3000]
    created = RequestType.objects.get(slug="tree-trimming")
    assert list(created.fields.values_list("kind", "required")) == [("location", True), ("photos", False)]
    assert "จุดที่มีกิ่งไม้" in client.get(created.get_absolute_url()).content.decode()


def test_a_single_kind_twice_is_refused_in_thai(client, editor, units):
    client.force_login(editor)
    response = client.post("/admin/services/requesttype/add/", type_post(units["works"], **{
        "fields-TOTAL_FORMS": "2",
        "fields-0-kind": "email", "fields-0-label": "อีเมล", "fields-0-order": "0",
        "fields-1-kind": "email", "fields-1-label": "อีเมลสำรอง", "fields-1-order": "1",
    }))
    assert response.status_code == 200
    assert "มีได้ช่องเดียวต่อประเภทคำร้อง" in response.content.decode()
    assert not RequestType.objects.filter(slug="tree-trimming").exists()


def test_a_unit_brings_its_staff_group_which_follows_its_name(client, editor):
    client.force_login(editor)
    client.post("/admin/services/serviceunit/add/", {"name": "กองสาธารณสุขและสิ่งแวดล้อม", "email": "",
                                                     "order": "3"})
    unit = ServiceUnit.objects.get(name="กองสาธารณสุขและสิ่งแวดล้อม")
    assert unit.group.name == "คำร้องออนไลน์: กองสาธารณสุขและสิ่งแวดล้อม"
    client.post(f"/admin/services/serviceunit/{unit.pk}/change/", {"name": "กองสาธารณสุข", "email": "",
                                                                    "order": "3"})
    unit.group.refresh_from_db()
    assert unit.group.name == "คำร้องออนไลน์: กองสาธารณสุข"


def test_general_affairs_keep_the_holidays(client, general_affairs):
    client.force_login(general_affairs)
    response = client.post("/admin/services/holiday/add/", {"date": "01/01/2570", "name": "วันขึ้นปีใหม่"})
    assert response.status_code == 302
    assert Holiday.objects.filter(date="2027-01-01").exists()
    assert client.get("/admin/services/requesttype/").status_code == 403


@pytest.mark.parametrize("path", ["/admin/services/requesttype/", "/admin/services/serviceunit/add/",
                                  "/admin/services/holiday/", "/admin/services/refusalground/"])
def test_staff_without_the_role_are_refused_the_catalogue(client, refused_staff, path):
    client.force_login(refused_staff)
    assert client.get(path).status_code == 403
