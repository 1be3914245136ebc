"""Searching the index: the portal-wide results page and a section's own search use this."""
import dataclasses

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from .models import SearchEntry

# SearchEntryQuerySet.ranked()'s order, over the columns of _counts_and_page's rows.
_RANKED = "rank DESC, date DESC NULLS LAST, id DESC"
# What the page shows of an entry besides its id, section and date (not the columns only
# matching uses).
_SHOWN = ("url", "title", "text", "inside", "inside_url")
_NOT_SHOWN = ("title_terms", "terms", "vector", "inside_vector")


@dataclasses.dataclass
class Found:
    query: object
    section: str | None
    counts: dict  # section → number of entries found
    every_word: bool  # no phrase matched: entries holding every word anywhere instead
    page: list  # the entries of the slice asked for, best first

    def total(self, section=None):
        return self.counts.get(section, 0) if section else sum(self.counts.values())

    @property
    def entries(self):
        """Everything found (of the section), best first, as a queryset."""
        entries = SearchEntry.objects.visible()
        if not self.query:
            return entries.none()
        entries = entries.ranked(self.query, self.every_word).defer(*_NOT_SHOWN)
        return entries.filter(section=self.section) if self.section else entries


def find(query, section=None, start=0, stop=20):
    """Visible entries for QUERY (a words.Query), best first, optionally of one section: the
    number found in each section and the entries START:STOP of the ranked list.

    Phrases first; when nothing at all matches them (a person typed words that never occur
    side by side), every word anywhere, which the page says."""
    if not query:
        return Found(query, section, {}, False, [])
    every_word = False
    counts, page = _counts_and_page(query, every_word, section, start, stop)
    if not counts:
        every_word = True
        counts, page = _counts_and_page(query, every_word, section, start, stop)
    return Found(query, section, counts, every_word, page)


def _counts_and_page(query, every_word, section, start, stop):
    """({section: entries found}, the entries START:STOP of the ranked list, best first) from
    one pass over the visible matches: matching and ranking them is what costs, so it is done
    once for both, and the page's entries come in the same answer."""
    matches = (SearchEntry.objects.visible().matching(query, every_word).order_by()
               .annotate(rank=SearchEntry.rank(query, every_word))
               .values_list("pk", "section", "date", "rank"))
    sql, params = matches.query.sql_with_params()
    in_section = "WHERE section = %s" if section else ""
    shown = ", ".join(f"entry.{connection.ops.quote_name(column)}" for column in _SHOWN)
    no_entry = ", ".join(["NULL"] * len(_SHOWN))
    with connection.cursor() as cursor:
        # Count rows carry the number found and no entry; page rows an entry and no number.
        # The outer ORDER BY keeps the page in order: a UNION promises no order of its own.
        cursor.execute(
            f"WITH found (id, section, date, rank) AS ({sql}) "
            f"SELECT NULL AS id, section, COUNT(*) AS found, NULL AS date, NULL AS rank, {no_entry}"
            " FROM found GROUP BY section "
            f"UNION ALL SELECT page.*, {shown} FROM ("
            f" SELECT id, section, CAST(NULL AS BIGINT), date, rank FROM found {in_section}"
            f" ORDER BY {_RANKED} LIMIT %s OFFSET %s) AS page "
            f"JOIN {SearchEntry._meta.db_table} AS entry ON entry.id = page.id "
            f"ORDER BY {_RANKED}",
            (*params, *([section] if section else []), stop - start, start))
        rows = cursor.fetchall()
    return ({section: found for _id, section, found, *_rest in rows if found is not None},
            [_entry(pk, section, date, entry) for pk, section, found, date, _rank, *entry in rows
             if found is None])


def _entry(pk, section, date, shown):
    """A SearchEntry of the columns read, the others deferred (from_db wants them in the
    model's order). A raw SQLite cursor gives dates as text."""
    read = {"id": pk, "section": section, "date": SearchEntry._meta.get_field("date").to_python(date),
            **dict(zip(_SHOWN, shown, strict=True))}
    names = [field.attname for field in SearchEntry._meta.concrete_fields if field.attname in read]
    return SearchEntry.from_db(connection.alias, names, [read[name] for name in names])


def rank_objects(queryset, query):
    """QUERYSET (public objects of one model, filtered as a section likes) narrowed to those
    QUERY finds, in the portal-wide search's order (best first, then newest); the same
    phrase-then-every-word rule as find(). The ids are ranked in one query from the objects'
    entries alone; a paginator then fetches its page."""
    if not query:
        return queryset.none()
    entries = SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(queryset.model),
                                         object_id__in=queryset.values("pk"))
    for every_word in (False, True):
        ids = list(entries.ranked(query, every_word).values_list("object_id", flat=True))
        if ids:
            break
    return RankedObjects(queryset, ids)


class RankedObjects:
    """Objects in the order of a list of their ids, fetched a slice at a time: what a Paginator
    and an export need of a queryset (count, slices, iteration)."""

    def __init__(self, queryset, ids):
        self.queryset = queryset
        self.ids = ids

    def count(self):
        return len(self.ids)

    __len__ = count

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self._objects(self.ids[key])
        return self._objects([self.ids[key]])[0]

    def __iter__(self):
        return self.iterator()

    def iterator(self, chunk_size=2000):
        for start in range(0, len(self.ids), chunk_size):
            yield from self._objects(self.ids[start:start + chunk_size])

    def _objects(self, ids):
        found = self.queryset.in_bulk(ids)
        # One removed since the ids were read is left out, not an error.
        return [found[pk] for pk in ids if pk in found]
