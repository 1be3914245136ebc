import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from committees.models import CommitteeRole, CommitteeTerm, Constituency, Member

from .conftest import pdf_file

pytestmark = pytest.mark.django_db

C = Constituency


def test_composition_counts_seats_per_constituency_and_community_share(make_committee):
    _, term = make_committee(
        seats=(
            C.EXECUTIVE,
            C.STAFF,
            C.COMMUNITY,
            C.COMMUNITY,
            C.COMMUNITY,
            C.EXPERT,
            C.GOVERNMENT,
            C.COMMUNITY,
        )
    )
    term = CommitteeTerm.objects.with_composition().get(pk=term.pk)
    assert term.seats_total == 8
    assert dict(term.composition()) == {
        C.EXECUTIVE.label: 1,
        C.STAFF.label: 1,
        C.EXPERT.label: 1,
        C.GOVERNMENT.label: 1,
        C.COMMUNITY.label: 4,
    }
    assert term.community_share == 50


def test_community_share_of_an_empty_term_is_zero(make_committee):
    _, term = make_committee(seats=())
    assert CommitteeTerm.objects.with_composition().get(pk=term.pk).community_share == 0


def test_members_are_listed_in_the_order_of_the_appointment_order(client, make_committee):
    committee, term = make_committee(seats=())
    # entered out of order: the page follows order_in_appointment, not entry order
    for number, name in ((3, "คนที่สาม"), (1, "คนที่หนึ่ง"), (2, "คนที่สอง")):
        Member.objects.create(
            term=term,
            order_in_appointment=number,
            name=name,
            constituency=C.COMMUNITY,
            role=CommitteeRole.SECRETARY if number == 3 else CommitteeRole.MEMBER,
        )
    html = client.get(reverse("committees:committee", args=[committee.pk])).content.decode()
    assert html.index("คนที่หนึ่ง") < html.index("คนที่สอง") < html.index("คนที่สาม")
    assert "กรรมการและเลขานุการ" in html and "ผู้แทนประชาคม/ชุมชน" in html


def test_past_terms_stay_visible_beside_the_current_one(client, make_committee):
    today = timezone.localdate()
    committee, _ = make_committee(name="คณะกรรมการบริหารตลาด", starts_on=today - datetime.timedelta(days=10))
    make_committee(
        name="คณะกรรมการบริหารตลาด", starts_on=datetime.date(2019, 1, 1), ends_on=datetime.date(2022, 12, 31)
    )
    html = client.get(reverse("committees:committee", args=[committee.pk])).content.decode()
    assert "วาระปัจจุบัน" in html
    assert "วาระ 2562–2565" in html  # the past term, in BE years


def test_unknown_committee_is_404(client):
    assert client.get(reverse("committees:committee", args=[999])).status_code == 404


def test_appointment_order_document_is_checked_by_content(make_committee):
    _, term = make_committee()
    term.order_document = SimpleUploadedFile(
        "order.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "ชนิดไฟล์ไม่ถูกต้อง" in str(error.value)
    term.order_document = pdf_file()
    term.full_clean()


def test_order_document_link_is_on_the_page(client, make_committee):
    committee, term = make_committee()
    term.order_document = pdf_file()
    term.order_number = "123/2568"
    term.save()
    html = client.get(reverse("committees:committee", args=[committee.pk])).content.decode()
    assert "123/2568" in html and term.order_document.url in html


def _grow(make_committee, committees, members_each):
    for number in range(committees):
        make_committee(name=f"คณะที่ {number}", seats=[C.COMMUNITY] * members_each)
        make_committee(
            name=f"คณะที่ {number}",
            seats=[C.STAFF] * members_each,
            starts_on=datetime.date(2018, 1, 1),
            ends_on=datetime.date(2020, 1, 1),
        )


@pytest.mark.parametrize("size", [1, 6])
def test_index_and_detail_queries_do_not_grow_with_data(
    client, make_committee, make_meeting, django_assert_max_num_queries, size
):
    _grow(make_committee, size, size * 2)
    for days in range(size):
        make_meeting(days_from_now=days + 1)
    client.get("/")  # warm the municipality profile cache
    with django_assert_max_num_queries(6):
        assert client.get(reverse("committees:index")).status_code == 200
    committee = CommitteeTerm.objects.first().committee
    with django_assert_max_num_queries(6):
        assert client.get(reverse("committees:committee", args=[committee.pk])).status_code == 200


def test_index_shows_each_committee_with_its_community_share(client, make_committee):
    make_committee(
        name="คณะกรรมการพัฒนาเทศบาลเมืองกำแพงเพชร", seats=(C.EXECUTIVE, C.COMMUNITY, C.COMMUNITY, C.STAFF)
    )
    html = client.get(reverse("committees:index")).content.decode()
    assert "คณะกรรมการพัฒนาเทศบาลเมืองกำแพงเพชร" in html
    assert "ผู้แทนประชาคม 50%" in html


def test_a_term_cannot_end_before_it_starts(make_committee):
    _, term = make_committee()
    term.ends_on = term.starts_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "ends_on" in error.value.message_dict


def test_two_members_cannot_share_one_position_in_the_order(make_committee):
    _, term = make_committee(seats=(C.COMMUNITY,))
    duplicate = Member(term=term, order_in_appointment=1, name="ซ้ำ", constituency=C.STAFF)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "ลำดับนี้มีกรรมการอยู่แล้ว" in str(error.value)
