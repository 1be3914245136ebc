"""The keyring: the data keys open in this request (or this command), and whose key may open more.

Each report has its own random data key (crypto.py encrypts its text, messages and files with
it), kept only sealed to the people who may read it (recipients.py). A keyring holds the data
keys opened so far in one context and, lazily, the private key that opens more: the signed-in
person's (session.py puts it there) or the recovery key's. It knows no table: the sealed boxes
are looked up by the function the session side registers (`find_boxes_with`).
"""
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .primitives import InvalidTag, data_key_context, open_sealed


class KeysLocked(PermissionDenied):
    """The data key of a report is not open in this context: nobody here may read it."""

    def __init__(self, message=None):
        super().__init__(message or _("เปิดเนื้อหาเรื่องนี้ไม่ได้: ท่านยังไม่ได้รับกุญแจของเรื่องนี้ "
                                      "หรือหมดเวลาการใช้งาน โปรดเข้าสู่ระบบอีกครั้ง"))


# (user id, [key id]) -> {key id: sealed box}; registered by session.py
_find_boxes = None


def find_boxes_with(function):
    global _find_boxes
    _find_boxes = function


@dataclass
class Keyring:
    """Data keys by key id, and who may open more: a person's private key (lazily, through
    `loader`, e.g. from the session vault) or a recovery private key."""

    keys: dict = field(default_factory=dict)
    # callable -> (user id, X25519PrivateKey or None); asked once, on the first key not yet open
    loader: object = None
    user_id: int = None
    _private: object = None

    def add(self, key_id, data_key):
        self.keys[key_id] = bytes(data_key)

    def private(self):
        if self.loader is not None:
            self.user_id, self._private = self.loader()
            self.loader = None
        return self._private

    def preload(self, key_ids):
        """Open the boxes of many reports with one query (a grant works in batches). `key_ids`
        is a list, or a query of them, which then stays a subquery of that one query."""
        lazy = hasattr(key_ids, "query")
        wanted = key_ids if lazy else [key_id for key_id in key_ids if key_id not in self.keys]
        private = self.private() if lazy or wanted else None
        if private is None or self.user_id is None or _find_boxes is None:
            return
        for key_id, box in _find_boxes(self.user_id, wanted).items():
            if key_id in self.keys:
                continue
            try:
                self.keys[key_id] = open_sealed(private, box, data_key_context(key_id))
            except InvalidTag:
                continue

    def get(self, key_id):
        """The open data key `key_id`, or None. One indexed query per report read in this
        context (the queue's list reads no text)."""
        if key_id not in self.keys:
            self.preload([key_id])
        return self.keys.get(key_id)


_current = ContextVar("complaints_keyring", default=None)


def keyring():
    """The keyring of this context; a command or a test gets one on first use."""
    ring = _current.get()
    if ring is None:
        ring = Keyring()
        _current.set(ring)
    return ring


class fresh_keyring:
    """`with fresh_keyring() as ring:` — a block that starts with no key open (each request is one)."""

    def __init__(self, ring=None, **kwargs):
        self.ring = ring or Keyring(**kwargs)

    def __enter__(self):
        self.token = _current.set(self.ring)
        return self.ring

    def __exit__(self, *exc):
        _current.reset(self.token)


def data_key_for(report):
    """The open data key of `report`, or raises KeysLocked."""
    data_key = keyring().get(report.data_key_id) if report.data_key_id else None
    if data_key is None:
        raise KeysLocked()
    return data_key
