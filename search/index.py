"""Keeping the index in step with the sections.

Saves and deletes of a source's model (or of a model it follows) refresh the affected entries
inside the same transaction: the index lives in the same database, so an entry commits or rolls
back with its object and a reader never finds a page that is not there. Writes that send no
signal (bulk_create, QuerySet.update) need `manage.py rebuild_search_index`; saves inside a bulk
load (kpp_portal.bulk) leave the index alone, and it is rebuilt once when the load ends.
"""
import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, TextField, Value, signals

from kpp_portal import bulk, words

from .files import FileText, readable_kind
from .models import SearchEntry
from .sources import all_sources, as_date, as_datetime

BATCH = 1000


@functools.cache
def sources():
    return all_sources()


def _row(source, content_type, obj, texts, queue):
    entry = source.entry(obj)
    title, text = words.segment(entry.title), words.segment(entry.text)
    title_terms, terms = words.terms(title), words.terms(text)
    inside = _inside(obj.pk, entry.file, texts, queue)
    inside_terms = words.terms(inside)
    return SearchEntry(
        section=source.section, content_type=content_type, object_id=obj.pk, url=entry.url,
        title=title, text=text, title_terms=title_terms,
        # One column for matching on SQLite; PostgreSQL keeps the file's words apart (inside_vector).
        terms=terms + inside_terms.lstrip() if terms and inside_terms else terms or inside_terms,
        inside=inside, inside_url=entry.file_url if inside else "",  # "": the page number, unlinked
        date=as_date(entry.date), visible_from=as_datetime(entry.visible_from),
        visible_until=as_datetime(entry.visible_until),
        # Written with the row, by PostgreSQL's own parser (the query goes through it too).
        vector=_vector(title_terms, terms) if settings.IS_POSTGRES else None,
        inside_vector=_inside_vector(inside_terms) if settings.IS_POSTGRES and inside_terms else None,
    )


def _inside(pk, file, texts, queue):
    """The text read from the entry's file, or "" (none, not read yet); a file not read yet, or
    replaced since, joins the queue of `manage.py read_documents`."""
    if not file or not readable_kind(file.name):
        return ""
    known = texts.get(pk)
    if known is None or known.name != file.name:
        queue.append((pk, file.name, known))
        return ""
    return known.text if known.state == FileText.State.DONE else ""


def _vector(title_terms, terms):
    return (SearchVector(Value(title_terms, output_field=TextField()), config="simple", weight="A")
            + SearchVector(Value(terms, output_field=TextField()), config="simple", weight="B"))


def _inside_vector(inside_terms):
    return SearchVector(Value(inside_terms, output_field=TextField()), config="simple", weight="C")


# Every column but the object's identity: an entry written again replaces the old one in place.
_COLUMNS = ["section", "url", "title", "text", "title_terms", "terms", "inside", "inside_url", "date",
            "visible_from", "visible_until", "vector", "inside_vector"]


def _write(rows):
    # An upsert, not delete-and-insert: a delete would load and signal every row it removes (the
    # page cache listens to every model's deletions).
    SearchEntry.objects.bulk_create(rows, batch_size=BATCH, update_conflicts=True,
                                    unique_fields=["content_type", "object_id"], update_fields=_COLUMNS)


def refresh(source, pks=None):
    """Index again the objects PKS of SOURCE (all of them when None): those objects() still
    returns are written anew, the others leave the index."""
    content_type = ContentType.objects.get_for_model(source.model)
    existing = SearchEntry.objects.filter(content_type=content_type)
    objects = source.objects()
    if pks is not None:
        existing, objects = existing.filter(object_id__in=pks), objects.filter(pk__in=pks)
    with transaction.atomic():
        chunk = []
        for obj in objects.iterator(chunk_size=BATCH):
            chunk.append(obj)
            if len(chunk) == BATCH:
                _write_chunk(source, content_type, chunk)
                chunk = []
        _write_chunk(source, content_type, chunk)
        # Unpublished or deleted since: few rows, usually none.
        existing.exclude(object_id__in=objects.values("pk")).delete()
        texts = FileText.objects.filter(content_type=content_type)
        if pks is not None:
            texts = texts.filter(object_id__in=pks)
        texts.exclude(object_id__in=objects.values("pk")).delete()


def _write_chunk(source, content_type, chunk):
    texts = {text.object_id: text for text in FileText.objects.filter(
        content_type=content_type, object_id__in=[obj.pk for obj in chunk])} if chunk else {}
    queue = []
    _write([_row(source, content_type, obj, texts, queue) for obj in chunk])
    new = [FileText(content_type=content_type, object_id=pk, name=name)
           for pk, name, known in queue if not known]
    FileText.objects.bulk_create(new, ignore_conflicts=True)
    for _pk, name, known in queue:
        if known:
            known.queue_again(name)
            known.save()


def rebuild():
    """Every entry written anew from every source; {section: entries}."""
    with transaction.atomic():
        for source in sources():
            refresh(source)
        indexed = [ContentType.objects.get_for_model(source.model) for source in sources()]
        SearchEntry.objects.exclude(content_type__in=indexed).delete()  # a source no longer there
    return dict(SearchEntry.objects.order_by("section").values_list("section").annotate(entries=Count("pk")))


def _caught_up(stdout=None, **kwargs):
    """After a bulk load (kpp_portal.bulk), whose saves left the index alone: one rebuild."""
    call_command("rebuild_search_index", **({"stdout": stdout} if stdout is not None else {}))


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw") or bulk.active():  # raw: loaddata, objects may refer to rows not loaded yet
        return
    for source in sources():
        if sender is source.model:
            refresh(source, None if source.refresh_all else [instance.pk])
        elif sender in source.follows:
            if source.refresh_all:
                refresh(source)
            else:
                lookup = source.follows[sender]
                pks = list(source.model.objects.filter(**{lookup: instance.pk}).values_list("pk", flat=True))
                if pks:
                    refresh(source, pks)


def connect():
    for model in {model for source in sources() for model in (source.model, *source.follows)}:
        signals.post_save.connect(_changed, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        signals.post_delete.connect(_changed, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
    bulk.loaded.connect(_caught_up, dispatch_uid="search-bulk-loaded")
