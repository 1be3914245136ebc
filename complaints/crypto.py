"""Encryption at rest and receipts for corruption reports.

Report text, identity, contact, messages and evidence files are encrypted with AES-256-GCM
under the report's own data key, which only people hold (keys.py, recipients.py): a copy of the
server, settings included, opens nothing. A value is stored as "k2:<key id>:<base64>"; the key
id names the report's data key, so reading a column needs no other context. Reports filed
before per-person keys are read through legacy.py until they are moved.

A receipt is the whistleblower's only way back to the report. Argon2id over the receipt and
a pepper from settings gives two keys: a lookup digest (stored) and a key that unwraps the
report's data key (never stored), so the reporter's follow-up page opens the report, and a
stolen database cannot be searched for a receipt.
"""
import base64
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext

from kpp_portal import budget

from . import legacy
from .keys import KeysLocked, data_key_for, keyring
from .primitives import InvalidTag, aead_open, aead_seal, argon2id, data_key_context

# 25 decimal digits = 83 bits of randomness; five groups of five are easy to copy by hand.
RECEIPT_DIGITS = 25
RECEIPT_GROUP = 5
_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


TOKEN_PREFIX = "k2:"
FILE_PREFIX = b"k2:"


class Locked(str):
    """What a column reads as when its report's data key is not open here: a notice in place of
    the text, keeping the stored token so that saving the row writes the token back unchanged."""

    def __new__(cls, token):
        locked = super().__new__(cls, gettext("[เนื้อหาเข้ารหัส — เปิดได้เฉพาะผู้ได้รับกุญแจของเรื่องนี้]"))
        locked.token = token
        return locked


class Stored(str):
    """An already encrypted value on its way to the database."""


def decrypt_text(token):
    """The text of a stored value: Locked when its report's data key is not open here."""
    if not token:
        return ""
    if token.startswith(TOKEN_PREFIX):
        _prefix, key_id, body = token.split(":", 2)
        data_key = keyring().get(key_id)
        if data_key is None:
            return Locked(token)
        try:
            return aead_open(data_key, base64.b64decode(body), key_id.encode()).decode("utf-8")
        except (InvalidTag, ValueError):
            return Locked(token)
    return legacy.decrypt_text(token) if legacy.is_configured() else Locked(token)


def encrypt_for(report, text):
    """`text` as stored for `report`, under its data key (open in this context)."""
    if isinstance(text, Locked):
        return Stored(text.token)
    if not text:
        return ""
    if not report.data_key_id:
        raise ValueError("a report is filed through complaints.services.file_report (it gets its data key)")
    body = aead_seal(data_key_for(report), text.encode("utf-8"), report.data_key_id.encode())
    return Stored(f"{TOKEN_PREFIX}{report.data_key_id}:{base64.b64encode(body).decode('ascii')}")


def encrypt_file(report, data):
    key_id = report.data_key_id.encode()
    return FILE_PREFIX + key_id + b":" + aead_seal(data_key_for(report), data, key_id)


def decrypt_file(blob):
    """A stored file's content, or raises keys.KeysLocked."""
    if blob.startswith(FILE_PREFIX):
        key_id, body = blob[len(FILE_PREFIX):].split(b":", 1)
        data_key = keyring().get(key_id.decode("ascii"))
        if data_key is None:
            raise KeysLocked()
        return aead_open(data_key, body, key_id)
    if not legacy.is_configured():
        raise KeysLocked()
    return legacy.decrypt_bytes(blob)


class EncryptedTextField(models.TextField):
    """Text kept encrypted in the database and as plain text in Python.

    Only the token is ever written; reading the raw column (a dump, a backup, psql) shows
    nothing of the report. Lookups on these columns are meaningless and never used. The key
    is the data key of the row's report (the row itself, or its `report`).
    """

    def from_db_value(self, value, expression, connection):
        return decrypt_text(value)

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        return encrypt_for(getattr(model_instance, "report", model_instance), value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if isinstance(value, Stored):
            return str(value)
        if isinstance(value, Locked):
            return value.token
        if value:  # QuerySet.update() with plain text: it would be stored readable by the server
            raise ValueError("encrypted columns are written by saving the row, or blanked with \"\"")
        return ""


def new_receipt():
    """A fresh receipt: 25 random digits."""
    return f"{secrets.randbelow(10**RECEIPT_DIGITS):0{RECEIPT_DIGITS}d}"


def format_receipt(receipt):
    """12345-67890-… for reading aloud and writing down."""
    return "-".join(receipt[i:i + RECEIPT_GROUP] for i in range(0, len(receipt), RECEIPT_GROUP))


def normalise_receipt(typed):
    """Digits only (Thai digits accepted; spaces and dashes ignored), or "" when malformed."""
    digits = "".join(ch for ch in str(typed).translate(_THAI_TO_ARABIC) if ch.isdigit())
    return digits if len(digits) == RECEIPT_DIGITS and digits.isascii() else ""


def receipt_keys(receipt):
    """(lookup digest, hex; key that unwraps the data key) from Argon2id over the receipt. The
    pepper is the salt: without the settings, a stolen database cannot even try a receipt, and
    with them each guess of an 83-bit receipt costs one Argon2id."""
    salt = hashlib.sha256(b"kpp-receipt:" + settings.COMPLAINT_RECEIPT_PEPPER.encode()).digest()[:16]
    # A machine-wide cap (kpp_portal.budget): a burst of look-ups waits or gets a Thai 503
    # instead of taking every worker and the memory.
    with budget.slot("argon2id"):
        derived = argon2id(receipt.encode("ascii"), salt, length=64,
                           memory_kib=settings.COMPLAINT_RECEIPT_KDF_MEMORY_KIB,
                           iterations=settings.COMPLAINT_RECEIPT_KDF_ITERATIONS)
    return "a2" + derived[:31].hex(), derived[32:]


def wrap_receipt_key(wrap_key, report, data_key):
    return aead_seal(wrap_key, data_key, data_key_context(report.data_key_id))


def open_receipt_key(wrap_key, report):
    try:
        return aead_open(wrap_key, report.receipt_key, data_key_context(report.data_key_id))
    except InvalidTag:
        return None
