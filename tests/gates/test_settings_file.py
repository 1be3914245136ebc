"""The one settings file reads as the runtime configuration, top to bottom."""
import ast
import re

from django.conf import settings

SOURCE = (settings.BASE_DIR / "kpp_portal" / "settings.py").read_text(encoding="utf-8")


def test_every_middleware_is_in_the_middleware_list_itself():
    tree = ast.parse(SOURCE)
    literal = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                   and getattr(node.targets[0], "id", "") == "MIDDLEWARE")
    assert [element.value for element in literal.elts] == settings.MIDDLEWARE
    assert "kpp_portal.pagecache.PublicPageCacheMiddleware" in settings.MIDDLEWARE
    assert not re.search(r"MIDDLEWARE\s*(\.|\+=)", SOURCE)


def test_no_issue_or_session_labels():
    assert not re.search(r"\bissues? \d", SOURCE, re.IGNORECASE)


def test_no_setting_is_read_by_the_tests_only():
    assert "OCDS_SCHEMA_DIR" not in SOURCE
