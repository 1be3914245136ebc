"""The checklist of a year: each OIT item with the published documents that prove it, within
the item's window (in_window), and what the ITA evidence of the portal's own pages adds."""

import functools
import operator

from django.db.models import F, Q
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from kpp_portal import thai
from kpp_portal.ita import TOPICS

from .models import Category, Document, EvidenceWindow, OITItem


def _window_q(item):
    """in_window() as a filter, for the query that finds candidates (in_window() decides)."""
    year = item.window_fiscal_year()
    if item.window == EvidenceWindow.HALF:
        return Q(fiscal_year=year, publication_date__range=thai.fiscal_half_range(year))
    if item.window == EvidenceWindow.IN_FORCE:
        return Q(fiscal_year__lte=year) & (Q(valid_until__isnull=True) | Q(valid_until__gte=year))
    return Q(valid_until__isnull=False, fiscal_year__lte=year, valid_until__gte=year) | Q(
        valid_until__isnull=True, fiscal_year=year)


def in_window(item, document):
    """Whether a document falls in the item's window: of the window's fiscal year (or a
    multi-year plan covering it), dated in the half year, or in force in the year."""
    year = item.window_fiscal_year()
    if item.window == EvidenceWindow.HALF:
        start, end = thai.fiscal_half_range(year)
        return document.fiscal_year == year and start <= document.publication_date <= end
    if item.window == EvidenceWindow.IN_FORCE:
        return document.fiscal_year <= year and (document.valid_until or year) >= year
    if document.valid_until:
        return document.fiscal_year <= year <= document.valid_until
    return document.fiscal_year == year


_LINK = '<li><a href="{}">{}</a></li>'


class ChecklistRow:
    """One OIT item with what proves it inside its window: documents of the kind it names,
    documents staff linked to it, and pages of the portal per topic (an item merged from older
    ones needs each of its topics proven); or, where the portal cannot judge, staff's word."""

    def __init__(self, item, documents, pages_by_topic, kind_documents=(), gaps=None, categories=None):
        self.item = item
        linked = list(documents)
        self.documents_outside = [d for d in linked if not self._counts(d)]
        counted = [d for d in linked if self._counts(d)]
        seen = {d.pk for d in counted}
        counted += [d for d in kind_documents if d.pk not in seen]
        self.documents = counted
        self.parts = [(TOPICS.get(topic, topic), pages_by_topic.get(topic, [])) for topic in item.topics]
        self.pages = [link for _label, links in self.parts for link in links]
        self.document_count = max(len(self.documents),
                                  (item.published_count or 0) - len(self.documents_outside))
        self._gaps = gaps or dict
        self._categories = categories or {}

    def _counts(self, document):
        """A linked document proves the item in its window, and of the kind it names if any."""
        item = self.item
        return in_window(item, document) and (not item.kinds or document.category.slug in item.kinds)

    @property
    def more_documents(self):
        """How many linked documents the page leaves out (the catalogue lists them all)."""
        return max(self.document_count - len(self.documents), 0)

    @property
    def confirmed_by_staff(self):
        return self.item.evidence_confirmed_at is not None

    @property
    def proven(self):
        """Met by evidence the portal itself checks (documents or pages in the window)."""
        return bool(self.documents) or (bool(self.parts) and all(links for _label, links in self.parts))

    @property
    def is_met(self):
        return self.proven or self.confirmed_by_staff

    @property
    def is_partial(self):
        return not self.is_met and any(links for _label, links in self.parts)

    @property
    def missing_parts(self):
        return [label for label, links in self.parts if not links]

    @property
    def reasons(self):
        """[(why, where staff fix it)] for an item not met: what is missing in which window."""
        if self.is_met:
            return []
        item, window = self.item, self.item.window_label()
        found = []
        for topic, (label, links) in zip(item.topics, self.parts, strict=True):
            if links:
                continue
            why, fix = self._gaps().get(topic, (None, None))
            found.append((why or _("ไม่มี%(what)s ใน%(window)s") % {"what": label, "window": window}, fix))
        if item.kinds:
            names = ", ".join(self._categories.get(slug, slug) for slug in item.kinds)
            found.append((_("ไม่มีเอกสารหมวด %(kind)s ลงวันที่ใน%(window)s") % {"kind": names, "window": window},
                          reverse("admin:disclosures_document_add")))
        for document in self.documents_outside:
            found.append((_("เอกสาร “%(title)s” (ปีงบประมาณ %(year)s) ไม่อยู่ใน%(window)s "
                            "หรือไม่ใช่หมวดที่กำหนด") % {"title": document.title, "year": document.fiscal_year,
                                                       "window": window},
                          reverse("admin:disclosures_document_change", args=[document.pk])))
        if not found:
            found.append((_("ยังไม่มีหลักฐานที่ระบบตรวจได้ เจ้าหน้าที่ต้องเชื่อมโยงเอกสารหรือยืนยันหลักฐานของข้อนี้"),
                          None))
        item_admin = reverse("admin:disclosures_oititem_change", args=[item.pk])
        return [(why, fix or item_admin) for why, fix in found]

    # A row's links as HTML in one call each: the template's loop cost ~10 µs a link, and a
    # year's checklist links about eight hundred documents and pages.
    @property
    def document_items(self):
        links = ((document.get_absolute_url(), document.title) for document in self.documents)
        return format_html_join("", _LINK, links)

    @property
    def page_items(self):
        return format_html_join("", _LINK, ((path, title) for title, path in self.pages))

    def evidence_paths(self):
        """URL paths of every piece of evidence, documents first. Documents by their short,
        ASCII-only URL (/disclosures/<id>/), which redirects to the readable one: a sheet for
        the NACC's system should not carry percent-encoded Thai."""
        return [document.get_short_url() for document in self.documents] + [path for _t, path in self.pages]


# The checklist page shows this many documents per item; the export lists all of them.
DOCUMENTS_PER_ITEM = 5


def _kind_documents(year, items):
    """{item pk: [published documents of the kinds it names, in its window]}. A document staff
    linked to another item of the year, or to an item of any year that the portal's pages prove
    (one naming topics), is that item's evidence, not this one's: the complaint manual is not
    the staff work manual. Two queries."""
    kinds = {item.pk: set(item.kinds) for item in items}
    wanted = set().union(*kinds.values())
    if not wanted:
        return {}
    # Only the documents some item's window can hold, and only what a row shows: the kinds of a
    # year hold a thousand documents, most of them outside every window.
    candidates = Document.objects.published().filter(
        functools.reduce(operator.or_, (Q(category__slug__in=kinds[item.pk]) & _window_q(item)
                                        for item in items if kinds[item.pk])))
    documents = list(
        candidates.annotate(kind=F("category__slug"))
        .only("pk", "title", "fiscal_year", "publication_date", "valid_until")
        .order_by("-fiscal_year", "-publication_date", "-pk")
    )
    links, elsewhere = {}, set()
    for document_id, item_id, item_year, topics in Document.oit_items.through.objects.filter(
            document__in=candidates.values("pk")).values_list(
                "document_id", "oititem_id", "oititem__assessment_year", "oititem__topics"):
        if item_year == year:
            links.setdefault(document_id, set()).add(item_id)
        elif topics:
            elsewhere.add(document_id)
    # Each document is weighed against the items naming its kind only, in the query's order.
    by_kind = {}
    for item in items:
        for slug in kinds[item.pk]:
            by_kind.setdefault(slug, []).append(item)
    found = {}
    for document in documents:
        pk = document.pk
        mine = links.get(pk, ())
        for item in by_kind.get(document.kind, ()):
            if ((not mine or mine == {item.pk}) and in_window(item, document)
                    and (pk not in elsewhere or item.pk in mine)):
                found.setdefault(item.pk, []).append(document)
    return found


def checklist_rows(year, documents_per_item=None):
    """The rows of a year's checklist in a constant number of queries (items, their published
    documents, the documents of the kinds they name, and each app's evidence() for the years
    their windows name)."""
    from kpp_portal.ita import portal_evidence, portal_gaps

    items = list(OITItem.objects.for_year(year).select_related("evidence_confirmed_by")
                 .with_published_documents(documents_per_item))
    if not items:
        return []
    years = {item.window_fiscal_year() for item in items}
    pages = {fiscal_year: portal_evidence(fiscal_year) for fiscal_year in years}
    gaps = {each: functools.cache(functools.partial(portal_gaps, each)) for each in years}
    kind_documents = _kind_documents(year, items)
    has_kinds = any(item.kinds for item in items)
    categories = dict(Category.objects.values_list("slug", "name")) if has_kinds else {}
    return [
        ChecklistRow(item, item.published_documents, pages[item.window_fiscal_year()],
                     kind_documents.get(item.pk, ()), gaps[item.window_fiscal_year()], categories)
        for item in items
    ]


def met_condition(items):
    """Q for the OIT items of `items` the checklist counts as met (one checklist per distinct year)."""
    met = []
    for year in items.order_by().values_list("assessment_year", flat=True).distinct():
        met += [row.item.pk for row in checklist_rows(year) if row.is_met]
    return Q(pk__in=met)
