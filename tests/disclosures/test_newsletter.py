"""The ซากังราว issue builder: staff pick the month's items, get the PDF, and publish it as a
document of the newsletter category, where earlier issues are."""
import datetime

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.urls import reverse
from django.utils import timezone

from disclosures.models import Category, Document, NewsletterIssue
from disclosures.newsletter import publish
from municipality.models import NewsCategory, NewsItem
from tests.conftest import PASSWORD
from tests.pdftext import assert_no_word_split, pdf_lines
from tests.procurement.conftest import Factory

BODY = ("เทศบาลจัดกิจกรรมปลูกต้นไม้ริมคลองสวนหมากร่วมกับชุมชนและโรงเรียนในพื้นที่ "
        "มีประชาชนเข้าร่วมกว่าสามร้อยคน และได้ร่วมกันเก็บขยะริมตลิ่งตลอดแนวคลอง ") * 3


@pytest.fixture
def issue(db):
    today = timezone.localdate()
    factory = Factory()
    award = factory.awarded(contract_date=today - datetime.timedelta(days=5))
    announcement = award.project.announcements.first()
    announcement.announced_on = today - datetime.timedelta(days=10)
    announcement.save()
    category = NewsCategory.objects.create(name="ข่าวกิจกรรม", slug="activities")
    news = NewsItem.objects.create(title="ปลูกต้นไม้ริมคลองสวนหมาก", body=BODY, category=category,
                                   publish_at=timezone.now() - datetime.timedelta(days=2))
    issue = NewsletterIssue.objects.create(
        title="หนังสือพิมพ์ประชาสัมพันธ์ข่าวสารเทศบาล \"ซากังราว\" ฉบับทดสอบ", month=today,
        editorial="ฉบับนี้รวบรวมข่าวกิจกรรมและประกาศจัดซื้อจัดจ้างของเดือน")
    issue.news.add(news)
    issue.announcements.add(announcement)
    issue.awards.add(award)
    issue.plans.add(award.project.plan_item.plan)
    return issue


def test_publishing_makes_a_newsletter_document_with_the_issue_pdf(issue, tmp_path):
    document = publish(issue)
    assert document.category.slug == Category.NEWSLETTER and document.is_published
    assert document.content_type == "application/pdf" and document.file_size > 1000
    with document.attachment.open("rb") as attachment:
        lines = pdf_lines(attachment.read(), tmp_path)
    text = " ".join(lines)
    assert "ซากังราว" in text and "ปลูกต้นไม้ริมคลองสวนหมาก" in text and "บริษัท ก" in text
    assert "ข่าวกิจกรรม" in text and "ผลการจัดซื้อจัดจ้าง" in text
    assert_no_word_split([line for line in lines if "://" not in line])
    # Rebuilt, the issue replaces its own document rather than adding another.
    assert publish(issue).pk == document.pk
    assert Document.objects.filter(category__slug="newsletter").count() == 1
    assert document in Document.objects.published()


@pytest.fixture
def editor_client(client, editor):
    client.login(username="editor", password=PASSWORD)
    return client


def test_editor_builds_and_publishes_from_the_admin(editor_client, issue):
    add = editor_client.get(reverse("admin:disclosures_newsletterissue_add")).content.decode()
    assert "จัดทำหนังสือพิมพ์ซากังราว" in add or "ฉบับหนังสือพิมพ์ซากังราว" in add
    assert "ประกาศจัดซื้อจัดจ้าง" in add and "ปลูกต้นไม้ริมคลองสวนหมาก" in add
    changelist = reverse("admin:disclosures_newsletterissue_changelist")
    preview = editor_client.post(changelist, {"action": "preview", "_selected_action": [issue.pk]})
    assert preview["Content-Type"] == "application/pdf"
    assert not Document.objects.exists()  # a preview publishes nothing
    editor_client.post(changelist, {"action": "publish_issue", "_selected_action": [issue.pk]})
    issue.refresh_from_db()
    assert issue.document is not None and issue.document.is_published


def test_publishing_from_the_admin_leaves_audit_entries(editor_client, editor, issue):
    changelist = reverse("admin:disclosures_newsletterissue_changelist")
    editor_client.post(changelist, {"action": "preview", "_selected_action": [issue.pk]})
    assert not LogEntry.objects.exists()  # a preview writes nothing
    for _time in range(2):  # published, then rebuilt
        editor_client.post(changelist, {"action": "publish_issue", "_selected_action": [issue.pk]})
    issue.refresh_from_db()
    entries = LogEntry.objects.filter(user=editor).order_by("pk")
    of_issue = [entry for entry in entries if entry.object_id == str(issue.pk)
                and entry.content_type.model_class() is NewsletterIssue]
    of_document = [entry for entry in entries if entry.object_id == str(issue.document.pk)
                   and entry.content_type.model_class() is Document]
    assert [entry.action_flag for entry in of_issue] == [CHANGE, CHANGE]
    assert "ซากังราว" in of_issue[0].get_change_message()
    assert [entry.action_flag for entry in of_document] == [ADDITION, CHANGE]
    assert "is_published" in of_document[1].change_message


def test_staff_outside_content_editing_are_refused(client, refused_staff, procurement_officer):
    for user in (refused_staff, procurement_officer):
        client.force_login(user)
        response = client.get(reverse("admin:disclosures_newsletterissue_changelist"))
        assert response.status_code in (302, 403)
