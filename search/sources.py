"""What each app lets the portal-wide search find: its `search.py` lists a Source per model
(see Source), and the index keeps one entry per public object.
"""
import dataclasses
import datetime

from django.utils import timezone

from kpp_portal.discovery import app_modules


@dataclasses.dataclass
class Entry:
    title: str
    url: str
    text: str = ""
    date: datetime.date | datetime.datetime | None = None  # shown on the result, newest first on ties
    visible_from: datetime.date | datetime.datetime | None = None
    visible_until: datetime.date | datetime.datetime | None = None
    # The published file whose text the search reads too (a PDF or DOCX; see search/files.py),
    # and the address that serves it (a result links its page: file_url#page=N).
    file: object = None
    file_url: str = ""


class Source:
    """What citizens can find of one model. Each app may define `<app>/search.py` with
    `SOURCES = [SomeSource(), …]`, one Source per model whose objects citizens can find:

        class NewsSource(Source):
            model = NewsItem
            section = Section.NEWS
            follows = {NewsCategory: "category"}   # a saved category refreshes its news

            def objects(self):     # public now or scheduled: everything that belongs in the index
                return NewsItem.objects.exclude(publish_at=None).select_related("category")

            def entry(self, news):
                return Entry(title=news.title, text=news.body, url=news.get_absolute_url(),
                             date=news.publish_at, visible_from=news.publish_at, visible_until=news.expire_at)

    An object that objects() no longer returns (unpublished, deleted) leaves the index; the index
    hides an entry outside visible_from/visible_until, so scheduled publication needs no job.
    `follows` maps another model to the lookup from this model to it, for objects whose entry
    shows or depends on that model (a plan's publication decides whether its projects show).
    """

    model = None
    section = None
    follows = {}
    # Set when an object's entry depends on the other objects of its kind (a question's page
    # number on the Q&A board): any change refreshes them all.
    refresh_all = False

    def objects(self):
        raise NotImplementedError

    def entry(self, obj):
        raise NotImplementedError


def as_datetime(value):
    """A date is a whole Bangkok day: it becomes visible at the start of that day."""
    if value is None or isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def all_sources():
    return [source for _app, module in app_modules("search") for source in module.SOURCES]
