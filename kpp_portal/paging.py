"""One page size for every list of the portal (settings.PAGE_SIZE), and one way to take a page."""
from django.conf import settings
from django.core.paginator import Paginator


def paginator(items):
    return Paginator(items, settings.PAGE_SIZE)


def page_of(items, request):
    """The page of `items` that ?page= asks for: the last for a number past the end, the first
    for anything that is not a number."""
    return paginator(items).get_page(request.GET.get("page"))
