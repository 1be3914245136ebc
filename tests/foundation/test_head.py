"""The <head> of every page: a title naming the municipality, a meta description, a favicon."""
import html
import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from municipality.models import NewsItem
from tests.gates.conftest import KEY_PAGES

pytestmark = pytest.mark.django_db


def _head(client, path, **extra):
    body = client.get(path, follow=True, **extra).content.decode()
    title = html.unescape(re.search(r"<title>(.*?)</title>", body, re.S).group(1))
    descriptions = re.findall(r'<meta name="description" content="([^"]*)"', body)
    return title, [html.unescape(d) for d in descriptions]


def test_every_key_page_title_ends_with_the_municipality_and_has_a_description(client, demo):
    for path in KEY_PAGES:
        title, descriptions = _head(client, path)
        assert title.endswith(" | เทศบาลเมืองกำแพงเพชร"), (path, title)
        assert not title.startswith(" |"), (path, title)
        assert len(descriptions) == 1 and len(descriptions[0].strip()) > 30, (path, descriptions)


def test_the_english_site_names_the_municipality_in_english(client, demo):
    client.cookies["django_language"] = "en"
    title, _descriptions = _head(client, "/about/")
    assert title.endswith(" | Kamphaeng Phet Town Municipality"), title


def test_a_news_item_is_described_by_its_summary(client, demo):
    item = NewsItem.objects.published().exclude(summary="").first()
    _title, descriptions = _head(client, item.get_absolute_url())
    assert descriptions[0].startswith(item.summary[:50])


def test_favicon_ico_is_the_logo(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == static("img/logo.svg")
    assert finders.find("img/logo.svg")


def test_section_landing_pages_describe_themselves(client, demo):
    _title, (default,) = _head(client, "/about/structure/")
    seen = set()
    for path in ("/complaints/", "/procurement/", "/disclosures/", "/committees/", "/services/",
                 "/feedback/", "/privacy/"):
        _title, (description,) = _head(client, path)
        assert description != default, path
        seen.add(description)
    assert len(seen) == 7
