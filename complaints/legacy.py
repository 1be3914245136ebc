"""The retired server key, kept only for reports filed before per-person keys.

Such a report is still Fernet tokens under COMPLAINT_ENCRYPTION_KEYS until a legal officer runs
`migrate_complaint_keys`, and its receipt is still an HMAC with the pepper. Everything here goes
on 2027-06-30 (two fiscal half-years after per-person keys): by then `complaints.W001` must
report no report under the server key; a receipt of the old kind then opens nothing.
"""
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["InvalidToken"]


@lru_cache(maxsize=4)
def _multifernet(keys):
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"COMPLAINT_ENCRYPTION_KEYS holds an invalid Fernet key: {error}"
        ) from None


def is_configured():
    return bool(settings.COMPLAINT_ENCRYPTION_KEYS)


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
    return encrypt_bytes(text.encode("utf-8")).decode("ascii") if text else ""


def decrypt_text(token):
    try:
        return decrypt_bytes(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ImproperlyConfigured(
            "A complaint field cannot be decrypted: "
            "is the key that encrypted it still in COMPLAINT_ENCRYPTION_KEYS?"
        ) from None


def receipt_hash(receipt):
    """The lookup digest of receipts issued before per-person keys."""
    pepper = settings.COMPLAINT_RECEIPT_PEPPER.encode()
    return hmac.new(pepper, receipt.encode(), hashlib.sha256).hexdigest()
