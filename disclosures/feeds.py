"""RSS and Atom feeds of newly published documents, for all and per category."""
import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Category, Document

FEED_SIZE = 30


class DocumentsFeed(Feed):
    def get_object(self, request, slug=None):
        return get_object_or_404(Category, slug=slug) if slug else None

    def title(self, category):
        if category:
            return _("เอกสารเผยแพร่: %(category)s") % {"category": category.name}
        return _("เอกสารเผยแพร่ล่าสุด")

    def link(self, category):
        return category.get_absolute_url() if category else reverse("disclosures:index")

    def description(self, category):
        return _("เอกสารที่เทศบาลเมืองกำแพงเพชรเผยแพร่ต่อสาธารณะ")

    def items(self, category):
        documents = Document.objects.published().select_related("category")
        if category:
            documents = documents.filter(category=category)
        return documents.order_by("-publication_date", "-pk")[:FEED_SIZE]

    def item_title(self, document):
        return document.title

    def item_description(self, document):
        return document.summary

    def item_pubdate(self, document):
        return timezone.make_aware(datetime.datetime.combine(document.publication_date, datetime.time(8, 30)))

    def item_updateddate(self, document):
        return document.updated_at

    def item_categories(self, document):
        return [document.category.name]


class DocumentsAtomFeed(DocumentsFeed):
    feed_type = Atom1Feed

    def subtitle(self, category):
        return self.description(category)
