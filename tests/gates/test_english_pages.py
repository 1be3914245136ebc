"""English gate: the English pages say everything in English but the content written in Thai.

Every public page (PublicPages) in English, with the demo content, is read for Thai script, in
its text and in the attributes people hear (title, alt, aria-label, placeholder, a meta
description). Thai is allowed where it is content kept in Thai: part of a value stored in the
database (names, addresses, document titles, news), unless the field has an English twin
(`<field>_en`: the identity record's address and opening hours, a question's label), which the
English page must show instead; or inside an element marked lang="th". Anything else is an
interface string left untranslated and fails the gate.
"""
import html.parser
import re

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation

from kpp_portal.discovery import is_portal_app

from .conftest import PublicPages

THAI = re.compile(r"[\u0e01-\u0e5b]+(?:[\s\d.,:()/-]*[\u0e01-\u0e5b]+)*")
READ_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder", "content")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class ThaiOutsideThai(html.parser.HTMLParser):
    """Thai script in an English page outside the elements marked lang="th"."""

    def __init__(self):
        super().__init__()
        self.stack, self.found = [], []  # stack: (tag, marked Thai)

    @property
    def in_thai(self):
        return any(thai for _tag, thai in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        thai = attrs.get("lang", "").startswith("th") or self.in_thai
        if not thai:
            for name in READ_ATTRIBUTES:
                if tag == "meta" and attrs.get("name") not in ("description", "og:title", "og:description"):
                    continue
                self.found += [(run, f"<{tag} {name}>") for run in THAI.findall(attrs.get(name) or "")]
        if tag not in VOID:
            self.stack.append((tag, thai))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style"):
            return
        if not self.in_thai:
            self.found += [(run, "text") for run in THAI.findall(data)]


def thai_outside_thai(page):
    parser = ThaiOutsideThai()
    parser.feed(page)
    return parser.found


def stored_thai():
    """Every Thai text stored in the portal's own tables but in fields with an English twin,
    joined (a page's Thai is content when it is part of one of them)."""
    values = []
    for model in apps.get_models():
        if not is_portal_app(model._meta.app_label):
            continue
        names = {field.name for field in model._meta.concrete_fields}
        text_fields = [field.name for field in model._meta.concrete_fields
                       if isinstance(field, (models.CharField, models.TextField))
                       and f"{field.name}_en" not in names]
        if text_fields:
            for row in model.objects.values_list(*text_fields):
                values += [value for value in row if isinstance(value, str) and THAI.search(value)]
    return "\n".join(values).replace("\u200b", "")  # the search index's word cuts are not shown


def is_content(run, content):
    """Whether RUN is stored Thai, or stored Thai values side by side ("มาตรา 15 (5)" and
    "ข้อมูลส่วนบุคคล"): its words split into groups each found in CONTENT."""
    words = run.split()
    joins = {0}  # positions where a split into stored values can end
    for end in range(1, len(words) + 1):
        if any(start in joins and " ".join(words[start:end]) in content for start in range(end)):
            joins.add(end)
    return len(words) in joins


def test_english_pages_have_no_thai_outside_thai_content(client, demo):
    paths = PublicPages(client).paths
    content = stored_thai()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    found = {}
    # The pages activate English in this thread: the override puts the language back after.
    with translation.override(settings.LANGUAGE_CODE):
        for path in paths:
            response = client.get(path)
            assert response["Content-Language"] == "en", path
            thai = [f"{where}: {run}" for run, where in thai_outside_thai(response.content.decode())
                    if not is_content(run, content)]
            if thai:
                found[path] = sorted(set(thai))
    assert not found, "\n".join(f"{path}: {' | '.join(thai[:30])}" for path, thai in found.items())
