"""Searching the index: the portal-wide results page and a section's own search use this."""
import dataclasses

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery

from .models import SearchEntry


@dataclasses.dataclass
class Found:
    entries: object  # ranked queryset of SearchEntry
    counts: dict  # section → number of entries found
    every_word: bool  # no phrase matched: entries holding every word anywhere instead


def find(query, section=None):
    """Visible entries for QUERY (a words.Query), best first, optionally of one section.

    Phrases first; when nothing at all matches them (a person typed words that never occur
    side by side), every word anywhere, which the page says."""
    entries = SearchEntry.objects.visible()
    if not query:
        return Found(entries.none(), {}, False)
    every_word = False
    counts = _counts(entries.matching(query))
    if not counts:
        every_word = True
        counts = _counts(entries.matching(query, every_word=True))
    # The page shows title, text, section, date and link: not the columns only matching uses.
    ranked = entries.ranked(query, every_word).defer("title_terms", "terms", "vector")
    if section:
        ranked = ranked.filter(section=section)
    return Found(ranked, counts, every_word)


def _counts(entries):
    return dict(entries.order_by().values_list("section").annotate(found=Count("pk")))


def rank_objects(queryset, query):
    """QUERYSET (public objects of one model, filtered as a section likes) narrowed to those
    QUERY finds, best first, then in the model's own order; the same phrase-then-every-word
    rule as find()."""
    if not query:
        return queryset.none()
    entries = SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(queryset.model))
    every_word = not queryset.filter(pk__in=entries.matching(query).values("object_id")).exists()
    # The rank of each object found, read from its own entry (one per object: no ordering).
    rank = entries.filter(object_id=OuterRef("pk")).values(rank=SearchEntry.rank(query, every_word))
    return (
        queryset.filter(pk__in=entries.matching(query, every_word).values("object_id"))
        .annotate(search_rank=Subquery(rank))
        .order_by("-search_rank", *queryset.model._meta.ordering)
    )
