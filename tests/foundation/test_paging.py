"""One page size for every public list (settings.PAGE_SIZE, kpp_portal/paging.py)."""
import pathlib

from django.test import RequestFactory

from kpp_portal.paging import page_of

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_every_list_takes_its_page_one_way(settings):
    settings.PAGE_SIZE = 3
    assert list(page_of(range(10), RequestFactory().get("/", {"page": "2"}))) == [3, 4, 5]
    assert page_of(range(10), RequestFactory().get("/", {"page": "99"})).number == 4
    written = [str(path.relative_to(ROOT)) for path in ROOT.glob("*/views.py")
               if "Paginator(" in path.read_text() or "PAGE_SIZE =" in path.read_text()]
    assert written == []
