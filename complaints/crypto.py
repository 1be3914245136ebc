"""Encryption at rest and receipts for corruption reports.

Report text, identity, contact and evidence files are encrypted with Fernet (AES-128-CBC +
HMAC-SHA256, from the `cryptography` package) under keys that come from settings, never from
the database: a dump or a backup alone opens nothing. MultiFernet makes rotation simple: the
first key encrypts, every key decrypts, `rotate_complaint_keys` re-encrypts under the first.

A receipt is the whistleblower's only way back to the report. The database stores an HMAC of
it keyed with a pepper from settings, so a stolen database cannot be searched for a receipt.
"""
import hashlib
import hmac
import secrets
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

# 25 decimal digits = 83 bits of randomness; five groups of five are easy to copy by hand.
RECEIPT_DIGITS = 25
RECEIPT_GROUP = 5
_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@lru_cache(maxsize=4)
def _multifernet(keys):
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"COMPLAINT_ENCRYPTION_KEYS holds an invalid Fernet key: {error}"
        ) from None


def cipher():
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
    if not token:
        return ""
    try:
        return decrypt_bytes(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ImproperlyConfigured(
            "A complaint field cannot be decrypted: "
            "is the key that encrypted it still in COMPLAINT_ENCRYPTION_KEYS?"
        ) from None


class EncryptedTextField(models.TextField):
    """Text kept as a Fernet token in the database and as plain text in Python.

    Only the token is ever written; reading the raw column (a dump, a backup, psql) shows
    nothing of the report. Lookups on these columns are meaningless and never used.
    """

    def from_db_value(self, value, expression, connection):
        return decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
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
    pepper = settings.COMPLAINT_RECEIPT_PEPPER.encode()
    return hmac.new(pepper, receipt.encode(), hashlib.sha256).hexdigest()
