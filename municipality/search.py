"""News, answered questions and the about pages in the portal-wide search (see search/sources.py)."""
from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from search.models import Section
from search.sources import Entry, Source

from .models import NewsCategory, NewsItem, Page, PageReference, Question


class NewsSource(Source):
    model = NewsItem
    section = Section.NEWS
    follows = {NewsCategory: "category"}

    def objects(self):
        return NewsItem.objects.exclude(publish_at=None).select_related("category")

    def entry(self, news):
        return Entry(
            title=news.title, url=news.get_absolute_url(), date=news.publish_at,
            text=f"{news.summary} {news.body} {news.category.name}",
            visible_from=news.publish_at, visible_until=news.expire_at,
        )


class QuestionSource(Source):
    model = Question
    section = Section.QA
    # The board shows newest first, ten a page: a newly published answer moves the older
    # ones down, so each entry's page number is recomputed whenever the board changes.
    refresh_all = True

    def objects(self):
        # Numbered as the board orders them (its default ordering, newest first).
        return Question.objects.public().annotate(
            position=Window(RowNumber(), order_by=[F("created_at").desc(), F("pk").desc()]))

    def entry(self, question):
        page = (question.position - 1) // settings.PAGE_SIZE + 1
        url = reverse("municipality:questions") + (f"?page={page}" if page > 1 else "") + f"#q-{question.pk}"
        return Entry(title=question.question, text=question.answer, url=url,
                     date=question.answered_at or question.created_at)


class PageSource(Source):
    model = Page
    section = Section.PAGES
    follows = {PageReference: "references"}

    def objects(self):
        return Page.objects.filter(is_published=True).prefetch_related("references")

    def entry(self, page):
        references = " ".join(reference.title for reference in page.references.all())
        return Entry(title=page.title, text=f"{page.body} {references}", url=page.get_absolute_url(),
                     date=page.updated_at)


SOURCES = [NewsSource(), QuestionSource(), PageSource()]
