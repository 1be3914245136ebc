"""The news of the disclosures one can subscribe to by e-mail (kpp_portal/alerting.py)."""
from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from kpp_portal.alerting import Item, Topic, day_window

from .models import Category, Document


class CategoryDocuments(Topic):
    key = "disclosures.category"
    title = _("เอกสารใหม่ในหมวด")

    def choices(self):
        return list(Category.objects.values_list("slug", "name"))

    def label(self, value):
        return Category.objects.filter(slug=value).values_list("name", flat=True).first()

    def new_items(self, values, since, until):
        first, last = day_window(since, until)
        found = defaultdict(list)
        for doc in (Document.objects.filter(is_published=True, category__slug__in=values,
                                            publication_date__gte=first, publication_date__lt=last)
                    .select_related("category").order_by("publication_date", "pk")):
            found[doc.category.slug].append(Item(doc.title, doc.get_absolute_url(), doc.publication_date))
        return found


TOPICS = [CategoryDocuments()]
