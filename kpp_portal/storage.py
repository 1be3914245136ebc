"""The private file storage (files never under a public URL, served only by permission-checked
views): `FileField(storage=private_storage_field)`.

A FileField evaluates its storage callable once, at import; this object looks
storages["private"] up on first use instead, and again after STORAGES changes (tests, S3).
"""
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = _PrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty


def private_storage_field():
    """For FileField(storage=…): a callable keeps the storage out of migrations."""
    return private_storage
