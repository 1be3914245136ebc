import io

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from kpp_portal.ita import TOPICS
from kpp_portal.models import MunicipalityProfile
from kpp_portal.thai import current_fiscal_year
from municipality import ita
from municipality.models import Division, NewsItem, Page, Person, Question
from tests.conftest import PASSWORD

from .conftest import NOW, jpeg_bytes

pytestmark = pytest.mark.django_db
MUNICIPALITY_TOPICS = {"structure", "executives", "powers", "contact", "laws", "news", "qa", "social",
                       "ethics-code", "ethics-guide"}


def test_editor_writes_news_in_admin_with_picture_and_schedule(client, editor, category):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.login(username=editor.username, password=PASSWORD)
    response = client.post(reverse("admin:municipality_newsitem_add"), {
        "title": "ข่าวจากผู้ดูแลเนื้อหา", "slug": "editor-news", "category": category.pk, "summary": "",
        "body": "เนื้อข่าว", "image_alt": "ภาพประกอบข่าว",
        "picture_upload": SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg"),
        "publish_at_0": "01/12/2569", "publish_at_1": "09:00:00", "expire_at_0": "", "expire_at_1": "",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    item = NewsItem.objects.get()
    assert item.image_sizes and item.publish_at.isoformat().startswith("2026-12-01T02:00")  # 09:00 Bangkok
    entry = LogEntry.objects.get()
    assert entry.user == editor and entry.object_repr == "ข่าวจากผู้ดูแลเนื้อหา"
    with time_machine.travel(NOW, tick=False):
        change = client.get(reverse("admin:municipality_newsitem_change", args=[item.pk])).content.decode()
        assert item.get_preview_url() in change  # "view on site" goes to the preview while scheduled
        assert (
            "ตั้งเวลาเผยแพร่" in client.get(reverse("admin:municipality_newsitem_changelist")).content.decode()
        )


def test_refused_staff_cannot_manage_municipality_content(client, refused_staff):
    client.login(username=refused_staff.username, password=PASSWORD)
    for model in ("newsitem", "page", "person", "division", "question", "newscategory"):
        assert client.get(reverse(f"admin:municipality_{model}_changelist")).status_code == 403


def test_saving_a_page_in_admin_records_a_version(client, editor):
    client.login(username=editor.username, password=PASSWORD)
    data = {"kind": "powers", "title": "อำนาจหน้าที่", "body": "ฉบับแรก", "is_published": "on",
            "versions-TOTAL_FORMS": "0", "versions-INITIAL_FORMS": "0",
            "versions-MIN_NUM_FORMS": "0", "versions-MAX_NUM_FORMS": "1000",
            "references-TOTAL_FORMS": "0", "references-INITIAL_FORMS": "0",
            "references-MIN_NUM_FORMS": "0", "references-MAX_NUM_FORMS": "1000"}
    assert client.post(reverse("admin:municipality_page_add"), data).status_code == 302
    page = Page.objects.get()
    data["body"] = "ฉบับที่สอง"
    assert client.post(reverse("admin:municipality_page_change", args=[page.pk]), data).status_code == 302
    assert [v.body for v in page.versions.all()] == ["ฉบับที่สอง", "ฉบับแรก"]
    assert page.versions.first().created_by == editor
    assert LogEntry.objects.filter(object_id=str(page.pk)).count() == 2


def test_evidence_lists_only_what_exists():
    assert set(ita.evidence(current_fiscal_year())) <= {"contact", "social"}


def test_demo_meets_o1_to_o9_topics_and_is_idempotent(demo, django_assert_max_num_queries):
    counts = [model.objects.count() for model in (Division, Person, Page, NewsItem, Question)]
    call_command("load_demo", stdout=io.StringIO())
    assert [model.objects.count() for model in (Division, Person, Page, NewsItem, Question)] == counts
    fiscal_year = current_fiscal_year()
    with django_assert_max_num_queries(5):
        found = ita.evidence(fiscal_year)
    assert set(found) == MUNICIPALITY_TOPICS
    assert set(found) <= set(TOPICS)
    # Two fiscal years of news, one item scheduled for later, answered and open questions.
    assert set(ita.evidence(fiscal_year - 1)) >= {"news"}
    assert NewsItem.objects.count() - NewsItem.objects.published().count() == 1
    assert Question.objects.public().exists() and Question.objects.unanswered().exists()
    assert not Person.objects.exclude(name="").exists()  # positions only, no names
    # The chart's top box is the municipality; executives have sample office contacts (OIT O2).
    assert Division.objects.get(parent=None).kind == Division.Kind.MUNICIPALITY
    executives = Person.objects.filter(body=Person.Body.EXECUTIVE)
    assert executives.exists() and not executives.filter(phone="").exists()
    assert not executives.exclude(email__endswith="@example.com").exists()


def test_every_evidence_url_answers(client, demo):
    for links in ita.evidence(current_fiscal_year()).values():
        for _title, url in links:
            assert client.get(url).status_code == 200, url


def test_sitemap_lists_pages_and_published_news(client, demo):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/about/structure/" in xml and "/about/powers/" in xml
    assert NewsItem.objects.published().first().get_absolute_url() in xml
    assert "loy-krathong-schedule" not in xml


@pytest.mark.parametrize("count", [2, 20])
def test_evidence_queries_do_not_grow(count, django_assert_max_num_queries, category):
    for number in range(count):
        Division.objects.create(name=f"หน่วย {number}")
        NewsItem.objects.create(title=f"ข่าว {number}", body="x", category=category, publish_at=NOW)
    MunicipalityProfile.current()  # the identity record is cached on a running site
    with django_assert_max_num_queries(5):
        ita.evidence(current_fiscal_year())


def test_editor_opens_every_admin_screen_of_the_section(client, editor, demo):
    client.login(username=editor.username, password=PASSWORD)
    for model in (Division, Person, Page, NewsItem, Question):
        name = model._meta.model_name
        assert client.get(reverse(f"admin:municipality_{name}_changelist")).status_code == 200, name
        assert client.get(reverse(f"admin:municipality_{name}_add")).status_code == 200, name
        obj = model.objects.first()
        assert client.get(reverse(f"admin:municipality_{name}_change", args=[obj.pk])).status_code == 200, (
            name
        )


def test_editor_gives_an_executive_a_phone_and_email_in_admin(client, editor):
    client.login(username=editor.username, password=PASSWORD)
    assert 'name="email"' in client.get(reverse("admin:municipality_person_add")).content.decode()
    response = client.post(reverse("admin:municipality_person_add"), {
        "body": Person.Body.EXECUTIVE, "position": "นายกเทศมนตรี", "name": "", "phone": "0 5571 1111",
        "email": "mayor@example.com", "note": "", "order": 0,
    })
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.phone, person.email) == ("0 5571 1111", "mayor@example.com")
    bad = client.post(reverse("admin:municipality_person_add"), {
        "body": Person.Body.EXECUTIVE, "position": "รองนายกเทศมนตรี", "email": "ไม่ใช่อีเมล", "order": 1})
    assert bad.status_code == 200 and Person.objects.count() == 1
