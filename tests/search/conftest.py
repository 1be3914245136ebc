"""Objects of every section made through the ORM (so the index hears of them as in real use)."""
import datetime
from decimal import Decimal
from itertools import count

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from committees.models import Committee, Meeting
from disclosures.models import Category, Document
from municipality.models import NewsCategory, NewsItem, Page, Question
from procurement.models import Announcement, AnnouncementKind, PlanItem, ProcurementPlan, ProcurementProject
from search.models import SearchEntry

_numbers = count(1)


def document(title, summary="", published=True, date=datetime.date(2024, 1, 15), category="report"):
    category, _created = Category.objects.get_or_create(slug=category, defaults={"name": "รายงาน"})
    return Document.objects.create(title=title, summary=summary, category=category, fiscal_year=2567,
                                   publication_date=date, is_published=published,
                                   external_url="https://www.kppmu.go.th/x")


def news(title, body="เนื้อข่าว", publish_at=None, expire_at=None, draft=False):
    category, _created = NewsCategory.objects.get_or_create(slug="activities", defaults={"name": "ข่าวกิจกรรม"})
    publish_at = None if draft else publish_at or timezone.now() - datetime.timedelta(days=1)
    return NewsItem.objects.create(title=title, body=body, category=category, publish_at=publish_at,
                                   expire_at=expire_at)


def question(text, answer="", published=False, created_at=None):
    return Question.objects.create(question=text, answer=answer, is_published=published,
                                   created_at=created_at or timezone.now())


def page(title, body, kind=Page.Kind.POWERS, published=True):
    return Page.objects.create(kind=kind, title=title, body=body, is_published=published)


def committee(name, mandate=""):
    return Committee.objects.create(name=name, mandate=mandate)


def meeting(title, committee=None, agenda="", published=True):
    return Meeting.objects.create(
        title=title, committee=committee, agenda=agenda, place="ห้องประชุมเทศบาล",
        starts_at=timezone.now() - datetime.timedelta(days=3), is_published=published)


def plan(fiscal_year=2569, published_on=datetime.date(2025, 10, 5)):
    return ProcurementPlan.objects.create(
        fiscal_year=fiscal_year, budget_approved_on=datetime.date(2025, 9, 20), published_on=published_on)


def project(title, plan, announced_on=datetime.date(2025, 11, 10), kind=AnnouncementKind.INVITATION):
    item = PlanItem.objects.create(plan=plan, title=title, budget=Decimal("500000"), method="e_bidding",
                                   planned_month=datetime.date(2025, 11, 1), division="กองช่าง")
    project = ProcurementProject.objects.create(
        plan_item=item, egp_number=f"69{next(_numbers):09d}", title=title, method="e_bidding",
        reference_price=Decimal("500000"), reference_price_basis="สืบราคาจากท้องตลาด")
    Announcement.objects.create(project=project, kind=kind, title=f"{kind.label} {title}",
                                announced_on=announced_on)
    return project


def indexed(obj):
    """The entry of OBJ, or None."""
    content_type = ContentType.objects.get_for_model(obj)
    return SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).first()

