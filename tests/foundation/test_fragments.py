"""kpp_portal.fragments: parts of public pages kept for everyone, even with the page cache off
(PAGE_CACHE_SECONDS=0 in the tests), gone as soon as staff or a command change the data."""
import pytest
from django.test import Client

from tests.conftest import page_html
from tests.disclosures.conftest import make_document, many_documents


@pytest.mark.parametrize("count", [3, 30])
def test_a_kept_catalogue_costs_no_query_at_any_size(count, db, django_assert_max_num_queries):
    many_documents(count)
    Client().get("/disclosures/")
    with django_assert_max_num_queries(0):
        assert Client().get("/disclosures/").status_code == 200


def test_a_save_shows_at_once(db):
    assert "ฉบับใหม่ล่าสุด" not in Client().get("/disclosures/").content.decode()
    make_document("ฉบับใหม่ล่าสุด")  # a save outside a visitor's request: staff or a command
    assert "ฉบับใหม่ล่าสุด" in Client().get("/disclosures/").content.decode()


def test_each_query_is_its_own_fragment_and_unknown_parameters_are_not_kept(db):
    make_document("Alpha report")
    make_document("Bravo manual")
    alpha = Client().get("/disclosures/", {"q": "alpha"}).content.decode()
    bravo = Client().get("/disclosures/", {"q": "bravo"}).content.decode()
    assert "Alpha report" in alpha and "Bravo manual" not in alpha
    assert "Bravo manual" in bravo and "Alpha report" not in bravo
    client = Client()
    client.get("/disclosures/", {"q": "bravo", "utm": "x"})
    from django.core.cache import cache

    assert not any("utm" in str(cache.get(key)) for key in cache._cache if ":fragment:" in key)


def test_the_menu_marks_the_page_of_each_view(db):
    home = page_html(Client().get("/"))
    catalogue = page_html(Client().get("/disclosures/"))
    assert 'aria-current="page" href="/"' in home
    assert 'aria-current="page" href="/"' not in catalogue


def test_the_menu_is_rendered_once_per_process_language_and_view(db, settings, monkeypatch):
    from django.conf import settings as django_settings

    from kpp_portal import fragments

    settings.FRAGMENT_CACHE_SECONDS = 0  # no data in the menu: it is kept even with fragments off
    monkeypatch.setattr(fragments, "_constants", {})
    thai = [Client().get("/").content.decode() for _ in range(2)]
    english_reader = Client(headers={"cookie": f"{django_settings.LANGUAGE_COOKIE_NAME}=en"})
    english = english_reader.get("/").content.decode()
    catalogue = Client().get("/disclosures/").content.decode()
    assert thai[0] == thai[1] and ">หน้าแรก</a>" in thai[0] and ">Home</a>" in english
    assert 'aria-current="page" href="/"' in thai[0] and 'aria-current="page" href="/"' not in catalogue
    assert sorted((name, language) for name, language, *_rest in fragments._constants) == [
        ("base:nav", "en"), ("base:nav", "th"), ("base:nav", "th"),
        ("base:search", "en"), ("base:search", "th")]


def test_fragments_off_renders_everything(db, settings, django_assert_max_num_queries):
    settings.FRAGMENT_CACHE_SECONDS = 0
    many_documents(3)
    Client().get("/disclosures/")
    with pytest.raises(pytest.fail.Exception):
        with django_assert_max_num_queries(0):
            Client().get("/disclosures/")


def test_another_process_sees_a_save_within_the_generation_check(db, monkeypatch):
    from django.core.cache import cache

    from kpp_portal import pagecache

    seen = pagecache.generation()
    cache.set(pagecache.GENERATION_KEY, "saved-elsewhere", None)  # another server invalidated
    assert pagecache.generation() == seen  # read less than GENERATION_CHECK_SECONDS ago
    monkeypatch.setattr(pagecache, "GENERATION_CHECK_SECONDS", 0)
    assert pagecache.generation() == "saved-elsewhere"


def test_each_request_gets_its_own_copy_of_a_kept_page(db, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first, second = Client().get("/"), Client().get("/")
    assert first is not second and first.content == second.content
    second["X-Test"] = "changed"
    assert "X-Test" not in Client().get("/")


def test_a_kept_part_computes_its_section_only_when_it_renders(db, settings):
    from django.template import Context, Template

    from kpp_portal import fragments

    settings.FRAGMENT_CACHE_SECONDS = 60
    computed = []

    def compute():
        computed.append(1)
        return {"total": 41 + len(computed)}

    template = Template('{% load fragments %}'
                        '{% fragment "test:section" 1 using part %}[{{ total }}]{% endfragment %}')
    assert template.render(Context({"part": fragments.section(compute)})) == "[42]"
    assert template.render(Context({"part": fragments.section(compute)})) == "[42]"  # kept
    assert computed == [1]
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert template.render(Context({"part": fragments.section(compute)})) == "[43]"
    views = [path.read_text() for path in __import__("pathlib").Path(__file__).parents[2].glob("*/views.py")]
    assert not [text for text in views if "fragments.lazy" in text or "functools.cache(" in text]
