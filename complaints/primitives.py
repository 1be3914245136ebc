"""The vault's cryptography, with no Django and no database: what a key is and what it opens.

X25519 + HKDF-SHA256 + AES-256-GCM seal a report's data key to a person ("sealed box" in the
manner of libsodium, as GlobaLeaks does with its recipients' keys); Argon2id derives keys from
passwords and receipts; Ed25519 signs a newcomer's public key (an endorsement). All from
`cryptography`.
"""
import hashlib
import os

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
_RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)

__all__ = ["InvalidTag"]


def random_key():
    return os.urandom(KEY_BYTES)


def aead_seal(key, plaintext, aad=b""):
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def aead_open(key, blob, aad=b""):
    """The plaintext, or raises InvalidTag (wrong key, changed data, or other context)."""
    blob = bytes(blob)
    return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)


def argon2id(secret, salt, *, memory_kib, iterations, lanes=1, length=KEY_BYTES):
    return Argon2id(salt=salt, length=length, iterations=iterations, lanes=lanes,
                    memory_cost=memory_kib).derive(secret)


def fingerprint(public):
    return hashlib.sha256(bytes(public)).hexdigest()


# -- sealing: X25519 ---------------------------------------------------------------------------------
def new_key_pair():
    """(private key, raw 32-byte public key)."""
    private = X25519PrivateKey.generate()
    return private, public_bytes(private)


def public_bytes(private):
    return private.public_key().public_bytes(*_RAW)


def private_bytes(private):
    return private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())


def private_from_bytes(raw):
    return X25519PrivateKey.from_private_bytes(bytes(raw))


def _sealing_key(shared, ephemeral_public, recipient_public, context):
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=ephemeral_public + recipient_public,
                info=b"kpp-complaints-seal:" + context).derive(shared)


def seal(recipient_public, secret, context):
    """`secret` readable only with the private key of `recipient_public` (an ephemeral X25519
    key agreement; the ephemeral public key travels with the box)."""
    recipient_public = bytes(recipient_public)
    ephemeral, ephemeral_public = new_key_pair()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    key = _sealing_key(shared, ephemeral_public, recipient_public, context)
    return ephemeral_public + aead_seal(key, secret, context)


def open_sealed(private, box, context):
    box = bytes(box)
    ephemeral_public, rest = box[:KEY_BYTES], box[KEY_BYTES:]
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    key = _sealing_key(shared, ephemeral_public, public_bytes(private), context)
    return aead_open(key, rest, context)


def data_key_context(key_id):
    return f"data-key:{key_id}".encode()


# -- a person's private key, wrapped by their password ---------------------------------------------
def wrap_private(private, password, owner, *, memory_kib, iterations):
    """(salt, params text, wrapped private key) for storage; `owner` binds it to one account."""
    salt = os.urandom(16)
    key = argon2id(password.encode("utf-8"), salt, memory_kib=memory_kib, iterations=iterations)
    wrapped = aead_seal(key, private_bytes(private), f"person:{owner}".encode())
    return salt, f"{memory_kib},{iterations}", wrapped


def unwrap_private(wrapped, salt, params, password, owner):
    """The private key, or None when the password does not open it."""
    memory_kib, iterations = (int(part) for part in params.split(","))
    key = argon2id(password.encode("utf-8"), bytes(salt), memory_kib=memory_kib, iterations=iterations)
    try:
        raw = aead_open(key, wrapped, f"person:{owner}".encode())
    except InvalidTag:
        return None
    return private_from_bytes(raw)


# -- endorsing: Ed25519 ------------------------------------------------------------------------------
def signing_key(private):
    """The Ed25519 key a person endorses with, derived from their X25519 private key: one secret
    to wrap, its two uses kept apart by HKDF."""
    seed = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=b"kpp-complaints-sign").derive(private_bytes(private))
    return Ed25519PrivateKey.from_private_bytes(seed)


def signing_public(private):
    return signing_key(private).public_key().public_bytes(*_RAW)


def endorsement_message(role, owner, public_key, signing_public_key):
    """What an endorser signs: this account, in this role, holds these two public keys."""
    return b"\n".join([b"kpp-complaints-endorse:v1", role.encode("utf-8"), str(owner).encode(),
                       bytes(public_key).hex().encode(), bytes(signing_public_key).hex().encode()])


def key_fingerprint(public_key, signing_public_key):
    """What a pinned root names: both public halves, so a row that copies one of them is no root."""
    return hashlib.sha256(b"kpp-complaints-key:" + bytes(public_key) + bytes(signing_public_key)).hexdigest()


def sign(private, message):
    return signing_key(private).sign(message)


def verify(signer_public, signature, message):
    try:
        Ed25519PublicKey.from_public_bytes(bytes(signer_public)).verify(bytes(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True
