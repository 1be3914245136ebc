"""Files a row stops referring to are deleted once the change is committed, and files written
for a change that fails are deleted at once: one mechanism for every file on every model.

A replaced or cleared file, and the files of a deleted row, must not stay reachable under a
guessable /media/ path (a withdrawn order, a removed photo, evidence). What counts as a row's
files: each FileField (any storage, the private one too) and, for PictureMixin models, every
rendition in the picture's size list. Deletion waits for the commit, so a rolled-back change
keeps its files; a storage error then is logged, never shown to the person who saved.

django-cleanup does the same for FileFields, but our public pictures are JSON lists of
renditions that it cannot see; one receiver for both keeps it one way.
"""
import logging
from contextlib import contextmanager
from functools import cache

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save

from .images import PictureMixin, size_names

logger = logging.getLogger(__name__)


@cache
def tracked_fields(model):
    """(FileField list, the picture's JSON field name or None) of a model."""
    file_fields = tuple(f for f in model._meta.concrete_fields if isinstance(f, models.FileField))
    picture = model.picture_field if issubclass(model, PictureMixin) else None
    return file_fields, picture


def _attnames(model):
    file_fields, picture = tracked_fields(model)
    return [f.attname for f in file_fields] + ([picture] if picture else [])


def _files(model, values):
    """{(storage, name)} referred to by `values` (attname → stored value) of a row of `model`."""
    file_fields, picture = tracked_fields(model)
    found = set()
    for field in file_fields:
        value = values.get(field.attname)
        name = getattr(value, "name", value)
        if name:
            found.add((field.storage, name))
    if picture:
        found.update((default_storage, name) for name in size_names(values.get(picture)))
    return found


def files_of(instance):
    return _files(type(instance), {name: getattr(instance, name) for name in _attnames(type(instance))})


def _delete_on_commit(files, using):
    def delete():
        for storage, name in files:
            try:
                storage.delete(name)
            except Exception:  # the row is already committed; a leftover file is only logged
                logger.warning("could not delete a replaced or deleted file", exc_info=True)

    if files:
        transaction.on_commit(delete, using=using)


@contextmanager
def removed_on_failure():
    """Collect the FieldFiles written inside the block (`written.append(field_file)`) and delete
    them if the block fails: a failed submission leaves neither rows nor orphaned files."""
    written = []
    try:
        yield written
    except BaseException:
        for field_file in written:
            try:
                field_file.storage.delete(field_file.name)
            except Exception:  # the original error is the one to report
                logger.warning("could not delete a file of a failed change", exc_info=True)
        raise


def _remember_files(sender, instance, raw=False, update_fields=None, using=None, **kwargs):
    if raw or instance._state.adding or instance.pk is None:
        return
    names = _attnames(sender)
    if update_fields is not None and not set(update_fields) & set(names):
        return
    before = sender._base_manager.using(using).filter(pk=instance.pk).values(*names).first()
    if before is not None:
        instance._files_before_save = _files(sender, before)


def _drop_replaced(sender, instance, raw=False, using=None, **kwargs):
    before = instance.__dict__.pop("_files_before_save", None)
    if before:
        _delete_on_commit(before - files_of(instance), using)


def _drop_deleted(sender, instance, using=None, **kwargs):
    _delete_on_commit(files_of(instance), using)


def connect():
    """Connect the receivers to each model that has files (per model, so that models without
    files keep Django's fast bulk delete)."""
    for model in apps.get_models():
        file_fields, picture = tracked_fields(model)
        if file_fields or picture:
            uid = f"filecleanup-{model._meta.label_lower}"
            pre_save.connect(_remember_files, sender=model, dispatch_uid=uid)
            post_save.connect(_drop_replaced, sender=model, dispatch_uid=uid)
            post_delete.connect(_drop_deleted, sender=model, dispatch_uid=uid)
