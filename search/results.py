"""Searching the index: the portal-wide results page and a section's own search use this."""
import dataclasses

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import FloatField, Value
from django.db.models.expressions import RawSQL

from .models import SearchEntry, Section

# SearchEntryQuerySet.ranked()'s order, over the columns of _counts_and_page's rows.
_RANKED = "rank DESC, date DESC NULLS LAST, id DESC"
# What the page shows of an entry besides its id, section and date (not the columns only
# matching uses).
_SHOWN = ("url", "title", "text", "inside", "inside_url")
_NOT_SHOWN = ("title_terms", "terms", "vector", "inside_vector")
_ROW = ("pk", "section", "date", "rank")

# The entries found only inside their files are counted up to this many in each section: checking
# a phrase reads a file's whole vector of positions (a GIN index knows the words, not their order),
# so a phrase in most files would cost a check of every file for an exact number. Beyond it the
# page says "more than".
INSIDE_COUNTED = 200


@dataclasses.dataclass
class Found:
    query: object
    section: str | None
    counts: dict  # section → number of entries found
    every_word: bool  # no phrase matched: entries holding every word anywhere instead
    page: list  # the entries of the slice asked for, best first
    more: frozenset = frozenset()  # sections with more entries than counted

    def total(self, section=None):
        return self.counts.get(section, 0) if section else sum(self.counts.values())

    def has_more(self, section=None):
        return section in self.more if section else bool(self.more)

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
    found = _counts_and_page(query, every_word, section, start, stop)
    if not found.counts:
        found = _counts_and_page(query, True, section, start, stop)
    return found


def _sql(queryset):
    sql, params = queryset.query.sql_with_params()
    return f"({sql})", list(params)


def _counts_and_page(query, every_word, section, start, stop):
    """A Found of one query. The entries found by their own words are matched, ranked and
    counted in one pass over their small vectors. Those found only inside their files rank 0
    (after them, newest first) and are read in that order through their own index, each
    section no further than its count (up to INSIDE_COUNTED) or the page needs."""
    visible = SearchEntry.objects.visible().order_by()
    table = SearchEntry._meta.db_table
    itself, params = _sql(visible.found_itself(query, every_word)
                          .annotate(rank=SearchEntry.rank(query, every_word)).values_list(*_ROW))
    # Rows: (id, section, found, in files, date, rank, *shown); count rows carry the number found
    # (by the entries' own words, or only inside their files), page rows an entry. Typed NULLs:
    # a UNION of several untyped ones takes them for text.
    no_entry = ", ".join(["CAST(NULL AS DATE) AS date, CAST(NULL AS DOUBLE PRECISION) AS rank",
                          *["NULL"] * len(_SHOWN)])
    ctes = [f"itself (id, section, date, rank) AS {itself}"]
    counts = [f"SELECT CAST(NULL AS BIGINT) AS id, section, COUNT(*), FALSE, {no_entry}"
              " FROM itself GROUP BY section"]
    in_section, section_params = ("WHERE section = %s", [section]) if section else ("", [])
    pages = [f"SELECT * FROM (SELECT * FROM itself {in_section} ORDER BY {_RANKED} LIMIT %s) AS own"]
    page_params = [*section_params, stop]
    if settings.IS_POSTGRES:
        inside = (visible.found_inside_only(query, every_word)
                  .annotate(rank=Value(0.0, output_field=FloatField())).values_list(*_ROW))
        # Each section that has files' text, through the index (section, newest first): one plan
        # for all.
        one, one_params = _sql(inside.filter(section=RawSQL("sections.section", ()))[
            :max(stop, INSIDE_COUNTED + 1)])
        ctes.append("in_files (id, section, date, rank) AS (SELECT one.* FROM (VALUES "
                    + ", ".join(["(%s)"] * len(Section.values)) + ") AS sections (section) "
                    f"CROSS JOIN LATERAL {one} AS one WHERE EXISTS (SELECT 1 FROM {table} AS read"
                    " WHERE read.section = sections.section AND read.inside_vector IS NOT NULL))")
        params += [*Section.values, *one_params]
        counts.append(f"SELECT NULL, section, COUNT(*), TRUE, {no_entry} FROM in_files GROUP BY section")
        pages.append(f"SELECT * FROM (SELECT * FROM in_files {in_section}"
                     f" ORDER BY {_RANKED} LIMIT %s) AS files")
        page_params += [*section_params, stop]
    shown = ", ".join(f"entry.{connection.ops.quote_name(column)}" for column in _SHOWN)
    with connection.cursor() as cursor:
        # The outer ORDER BY keeps the page in order: a UNION promises no order of its own.
        cursor.execute(
            f"WITH {', '.join(ctes)} "
            + " UNION ALL ".join(counts)
            + f" UNION ALL SELECT page.id, page.section, NULL, NULL, page.date, page.rank, {shown} FROM ("
            f"SELECT * FROM ({' UNION ALL '.join(pages)}) AS found ORDER BY {_RANKED} LIMIT %s OFFSET %s"
            f") AS page JOIN {table} AS entry ON entry.id = page.id "
            f"ORDER BY {_RANKED}",
            (*params, *page_params, stop - start, start))
        rows = cursor.fetchall()
    counts, more = {}, set()
    for _id, value, found, in_files, *_rest in rows:
        if found:
            if in_files and found > INSIDE_COUNTED:
                found = INSIDE_COUNTED
                more.add(value)
            counts[value] = counts.get(value, 0) + found
    page = [_entry(pk, value, date, entry) for pk, value, found, _in_files, date, _rank, *entry in rows
            if found is None]
    return Found(query, section, counts, every_word, page, frozenset(more))


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
