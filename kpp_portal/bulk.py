"""Writing many rows at once (the demo content): what follows each save waits and catches up once.

A loader says `with bulk.loading(stdout): …` without knowing who listens; an app whose save
signals are costly (the search index re-indexes a whole source) skips them while `active()` and
catches up on `loaded`, sent when the block ends without an error.
"""
import contextlib
import contextvars

from django.dispatch import Signal

_active = contextvars.ContextVar("bulk_loading", default=False)
loaded = Signal()  # sent with `stdout`, for the listeners to catch up and say so


def active():
    return _active.get()


@contextlib.contextmanager
def loading(stdout=None):
    token = _active.set(True)
    try:
        yield
    finally:
        _active.reset(token)
    loaded.send(sender=None, stdout=stdout)
