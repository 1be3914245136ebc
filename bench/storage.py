"""A storage that accepts a number of files and then refuses, as a full disk or an object
store that went away does: for the storage-failure drill in bench.faults."""
import errno

from django.core.files.storage import FileSystemStorage


class RefusingStorage(FileSystemStorage):
    """Saves the first `accept` files of each process, then raises ENOSPC (disk full)."""

    def __init__(self, accept=0, **kwargs):
        super().__init__(**kwargs)
        self.accept = accept

    def _save(self, name, content):
        if self.accept <= 0:
            raise OSError(errno.ENOSPC, "No space left on device (bench.faults drill)", name)
        self.accept -= 1
        return super()._save(name, content)
