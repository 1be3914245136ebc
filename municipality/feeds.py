from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from kpp_portal.models import MunicipalityProfile

from .models import NewsItem


class LatestNewsRss(Feed):
    link = reverse_lazy("municipality:news")
    description = _("ข่าวประชาสัมพันธ์ล่าสุดของเทศบาล")

    def title(self):
        return _("ข่าวประชาสัมพันธ์ %(name)s") % {"name": MunicipalityProfile.current().name_th}

    def items(self):
        return NewsItem.objects.published().select_related("category")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body[:300]

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]


class LatestNewsAtom(LatestNewsRss):
    feed_type = Atom1Feed
    subtitle = LatestNewsRss.description
