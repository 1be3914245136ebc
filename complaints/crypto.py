"""Encryption at rest and receipts for corruption reports.

Report text, identity, contact, messages and evidence files are encrypted with AES-256-GCM
under the report's own data key, which only people hold (complaints/keys.py): a copy of the
server, settings included, opens nothing. A value is stored as "k2:<key id>:<base64>"; the key
id names the report's data key, so reading a column needs no other context.

Reports filed before per-person keys are still Fernet tokens under COMPLAINT_ENCRYPTION_KEYS
(the retired server key) until `migrate_complaint_keys` moves them; MultiFernet reads them.

A receipt is the whistleblower's only way back to the report. Argon2id over the receipt and
a pepper from settings gives two keys: a lookup digest (stored) and a key that unwraps the
report's data key (never stored), so the reporter's follow-up page opens the report, and a
stolen database cannot be searched for a receipt.
"""
import base64
import hashlib
import hmac
import secrets
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

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
        from django.utils.translation import gettext

        locked = super().__new__(cls, gettext("[เนื้อหาเข้ารหัส — เปิดได้เฉพาะผู้ได้รับกุญแจของเรื่องนี้]"))
        locked.token = token
        return locked


class _Token(str):
    """An already encrypted value on its way to the database."""


@lru_cache(maxsize=4)
def _multifernet(keys):
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"COMPLAINT_ENCRYPTION_KEYS holds an invalid Fernet key: {error}"
        ) from None


def cipher():
    if not settings.COMPLAINT_ENCRYPTION_KEYS:
        raise ImproperlyConfigured("COMPLAINT_ENCRYPTION_KEYS is retired but a report still uses it")
    return _multifernet(tuple(settings.COMPLAINT_ENCRYPTION_KEYS))


def encrypt_bytes(data):
    return cipher().encrypt(data)


def decrypt_bytes(token):
    return cipher().decrypt(token)


def rotate_token(token):
    return cipher().rotate(token)


def encrypt_text(text):
    if not text:
        return ""
    return encrypt_bytes(text.encode("utf-8")).decode("ascii")


def decrypt_text(token):
    """The text of a stored value: Locked when its report's data key is not open here."""
    from . import keys

    if not token:
        return ""
    if token.startswith(TOKEN_PREFIX):
        _prefix, key_id, body = token.split(":", 2)
        data_key = keys.keyring().get(key_id)
        if data_key is None:
            return Locked(token)
        try:
            return keys.aead_open(data_key, base64.b64decode(body), key_id.encode()).decode("utf-8")
        except (InvalidTag, ValueError):
            return Locked(token)
    if not settings.COMPLAINT_ENCRYPTION_KEYS:
        return Locked(token)
    try:
        return decrypt_bytes(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ImproperlyConfigured(
            "A complaint field cannot be decrypted: "
            "is the key that encrypted it still in COMPLAINT_ENCRYPTION_KEYS?"
        ) from None


def encrypt_for(report, text):
    """`text` as stored for `report`: under its data key, or the server key for a report that
    has not been moved to per-person keys yet."""
    from . import keys

    if isinstance(text, Locked):
        return _Token(text.token)
    if not text:
        return ""
    if not report.data_key_id:
        return _Token(encrypt_text(text))
    body = keys.aead_seal(keys.data_key_for(report), text.encode("utf-8"), report.data_key_id.encode())
    return _Token(f"{TOKEN_PREFIX}{report.data_key_id}:{base64.b64encode(body).decode('ascii')}")


def encrypt_file(report, data):
    from . import keys

    if not report.data_key_id:
        return encrypt_bytes(data)
    key_id = report.data_key_id.encode()
    return FILE_PREFIX + key_id + b":" + keys.aead_seal(keys.data_key_for(report), data, key_id)


def decrypt_file(blob):
    """A stored file's content, or raises keys.KeysLocked."""
    from . import keys

    if blob.startswith(FILE_PREFIX):
        key_id, body = blob[len(FILE_PREFIX):].split(b":", 1)
        data_key = keys.keyring().get(key_id.decode("ascii"))
        if data_key is None:
            raise keys.KeysLocked()
        return keys.aead_open(data_key, body, key_id)
    if not settings.COMPLAINT_ENCRYPTION_KEYS:
        raise keys.KeysLocked()
    return decrypt_bytes(blob)


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
        if isinstance(value, _Token):
            return str(value)
        if isinstance(value, Locked):
            return value.token
        # Only "" reaches here outside a save (QuerySet.update() to blank a purged report).
        return encrypt_text(value) if value else ""


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


def receipt_hash(receipt):
    """The lookup digest of receipts issued before per-person keys (kept so they still open
    their follow-up page)."""
    pepper = settings.COMPLAINT_RECEIPT_PEPPER.encode()
    return hmac.new(pepper, receipt.encode(), hashlib.sha256).hexdigest()


def receipt_keys(receipt):
    """(lookup digest, hex; key that unwraps the data key) from Argon2id over the receipt. The
    pepper is the salt: without the settings, a stolen database cannot even try a receipt, and
    with them each guess of an 83-bit receipt costs one Argon2id."""
    from . import keys

    salt = hashlib.sha256(b"kpp-receipt:" + settings.COMPLAINT_RECEIPT_PEPPER.encode()).digest()[:16]
    derived = keys.argon2id(receipt.encode("ascii"), salt, length=64,
                            memory_kib=settings.COMPLAINT_RECEIPT_KDF_MEMORY_KIB,
                            iterations=settings.COMPLAINT_RECEIPT_KDF_ITERATIONS)
    return "a2" + derived[:31].hex(), derived[32:]


def wrap_receipt_key(wrap_key, report, data_key):
    from . import keys

    return keys.aead_seal(wrap_key, data_key, keys.data_key_context(report.data_key_id))


def open_receipt_key(wrap_key, report):
    from . import keys

    try:
        return keys.aead_open(wrap_key, report.receipt_key, keys.data_key_context(report.data_key_id))
    except InvalidTag:
        return None
