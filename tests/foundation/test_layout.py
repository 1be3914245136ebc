"""One breadcrumb trail in base.html, one paginator, one stylesheet per section layout."""
import re

import pytest
from django.core.paginator import Paginator
from django.template import RequestContext, Template
from django.test import RequestFactory

from tests.conftest import page_html
from tests.gates.conftest import KEY_PAGES

pytestmark = pytest.mark.django_db

SECTION_CSS = {"/disclosures/": "disclosures.css", "/committees/": "committees.css",
               "/procurement/": "procurement.css", "/about/": "municipality.css"}


def _trail(html):
    match = re.search(r'<nav aria-label="([^"]+)"><ol class="breadcrumb">(.*?)</ol></nav>', html, re.S)
    return match and (match.group(1), re.findall(r"<li[^>]*>(.*?)</li>", match.group(2), re.S))


def test_every_page_but_home_says_where_it_is_in_one_trail(client, demo):
    assert _trail(client.get("/").content.decode()) is None
    for path in KEY_PAGES[1:]:
        html = page_html(client.get(path, follow=True))
        label, crumbs = _trail(html)
        assert label == "เส้นทาง" and 'href="/"' in crumbs[0], path
        assert len(crumbs) >= 2 and html.count('class="breadcrumb"') == 1, path
        last = re.search(r'<li class="breadcrumb-item active" aria-current="page">', html)
        assert last, path  # the trail ends with the page itself


def test_a_section_page_loads_its_stylesheet_once(client, demo):
    for path, stylesheet in SECTION_CSS.items():
        assert client.get(path).content.decode().count(stylesheet) == 1, path


def _paginator(path, count):
    request = RequestFactory().get(path)
    page = Paginator(range(count), 20).get_page(request.GET.get("page"))
    template = Template('{% include "snippets/pagination.html" %}')
    return template.render(RequestContext(request, {"page": page}))


def test_the_paginator_keeps_every_other_parameter_and_says_where_the_reader_is():
    html = _paginator("/disclosures/?q=%E0%B9%81%E0%B8%9C%E0%B8%99&category=budget&page=2", 95)
    assert 'aria-label="เลขหน้า"' in html and "หน้า 2 จาก 5" in html
    assert 'aria-current="page"' in html
    previous, following = re.findall(r'href="([^"]+)"', html)
    for link, number in ((previous, 1), (following, 3)):
        assert "category=budget" in link and "q=%E0%B9%81%E0%B8%9C%E0%B8%99" in link
        assert f"page={number}" in link


def test_one_page_needs_no_paginator():
    assert _paginator("/news/", 5).strip() == ""
