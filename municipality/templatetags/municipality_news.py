from django import template

from municipality.models import NewsItem

register = template.Library()


@register.simple_tag
def latest_news(count=3):
    """The newest published news, for the home page slot."""
    return list(NewsItem.objects.published().select_related("category")[:count])
