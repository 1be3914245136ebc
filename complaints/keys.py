"""Keys that only people hold: what a copy of the server cannot open.

Each report has its own random data key (crypto.py encrypts its text, messages and files with
it). The data key is kept only *sealed*: to the public key of every legal officer (and of the
supervisor a report is escalated to), to the recovery key kept in the municipality's safe, and
to a key derived from the reporter's receipt. Sealing needs only public keys, so filing, intake
and a reporter's messages work without anyone logged in.

A person's private key is stored wrapped by a key derived from their password (Argon2id). At
login it is unwrapped and wrapped again under a random key that lives only in the person's
browser (a signed, HttpOnly, SameSite=Strict cookie); the session row holds the wrapped copy.
The database, the session store, Redis and every setting together therefore open nothing; the
cookie alone opens nothing either. Logging out or going idle drops the session and the cookie.

Primitives (all from `cryptography`): X25519 + HKDF-SHA256 + AES-256-GCM to seal ("sealed box"
in the manner of libsodium, as GlobaLeaks does with its recipients' keys), Argon2id to derive
keys from passwords and receipts, AES-256-GCM for everything else.
"""
import base64
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from . import primitives
from .primitives import (  # noqa: F401 (the primitives' names, for the modules above)
    KEY_BYTES,
    InvalidTag,
    aead_open,
    aead_seal,
    argon2id,
    data_key_context,
    new_key_pair,
    open_sealed,
    private_bytes,
    private_from_bytes,
    public_bytes,
    random_key,
    seal,
)

VAULT_COOKIE = "kpp_keys"
_VAULT_SALT = "complaints.keys.vault"
_PERSON_SLOT = "person"
# Set at login when the key opened was made under the person's own password (access.guarded).
OWN_KEY_SESSION = "complaints_own_key"


class KeysLocked(PermissionDenied):
    """The data key of a report is not open in this context: nobody here may read it."""

    def __init__(self, message=None):
        super().__init__(message or _("เปิดเนื้อหาเรื่องนี้ไม่ได้: ท่านยังไม่ได้รับกุญแจของเรื่องนี้ "
                                      "หรือหมดเวลาการใช้งาน โปรดเข้าสู่ระบบอีกครั้ง"))


# -- a person's key pair, wrapped by their password -----------------------------------------------------
def person_kdf_params():
    return {"memory_kib": settings.COMPLAINT_PERSON_KDF_MEMORY_KIB,
            "iterations": settings.COMPLAINT_PERSON_KDF_ITERATIONS}


def wrap_private(private, password, user_pk):
    """(salt, params text, wrapped private key) for storage."""
    return primitives.wrap_private(private, password, user_pk, **person_kdf_params())


def unwrap_private(person_key, password):
    """The private key of `person_key` (a PersonKey), or None when the password does not open it."""
    return primitives.unwrap_private(person_key.wrapped_private, person_key.salt, person_key.kdf_params,
                                     password, person_key.user_id)


# -- the keyring: data keys open in this request (or this command) ---------------------------------------
@dataclass
class Keyring:
    """Data keys by key id, and who may open more: a person's private key (lazily, from the
    session vault) or a recovery private key."""

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
        """Open the boxes of many reports with one query (a grant works in batches)."""
        from .models import SealedDataKey

        private = self.private()
        wanted = [key_id for key_id in key_ids if key_id not in self.keys]
        if private is None or self.user_id is None or not wanted:
            return
        boxes = SealedDataKey.objects.filter(recipient_id=self.user_id, report__data_key_id__in=wanted)
        for key_id, box in boxes.values_list("report__data_key_id", "sealed"):
            try:
                self.keys[key_id] = open_sealed(private, box, data_key_context(key_id))
            except InvalidTag:
                continue

    def get(self, key_id):
        if key_id in self.keys:
            return self.keys[key_id]
        private = self.private()
        if private is None or self.user_id is None:
            return None
        from .models import SealedDataKey

        # One indexed query per report read in this request (the queue's list reads no text).
        box = (SealedDataKey.objects.filter(recipient_id=self.user_id, report__data_key_id=key_id)
               .values_list("sealed", flat=True).first())
        if box is None:
            return None
        try:
            data_key = open_sealed(private, box, data_key_context(key_id))
        except InvalidTag:
            return None
        self.keys[key_id] = data_key
        return data_key


_keyring = ContextVar("complaints_keyring", default=None)


def keyring():
    """The keyring of this context; a command or a test gets one on first use."""
    ring = _keyring.get()
    if ring is None:
        ring = Keyring()
        _keyring.set(ring)
    return ring


class fresh_keyring:
    """`with fresh_keyring() as ring:` — a block that starts with no key open."""

    def __init__(self, **kwargs):
        self.ring = Keyring(**kwargs)

    def __enter__(self):
        self.token = _keyring.set(self.ring)
        return self.ring

    def __exit__(self, *exc):
        _keyring.reset(self.token)


def data_key_for(report):
    """The open data key of `report`, or raises KeysLocked."""
    data_key = keyring().get(report.data_key_id) if report.data_key_id else None
    if data_key is None:
        raise KeysLocked()
    return data_key


# -- the session vault: a secret the server can use only while the browser sends its cookie ---------------
def _vault_key(request, create=False):
    key = getattr(request, "_vault_key", None)
    if key is None:
        raw = request.get_signed_cookie(VAULT_COOKIE, default=None, salt=_VAULT_SALT)
        try:
            key = base64.urlsafe_b64decode(raw) if raw else None
        except ValueError:
            key = None
        if key is not None and len(key) != KEY_BYTES:
            key = None
        if key is None and create:
            key = random_key()
            request._vault_key_new = True
        request._vault_key = key
    return key


def vault_put(request, slot, secret):
    key = _vault_key(request, create=True)
    request.session[f"vault:{slot}"] = base64.b64encode(aead_seal(key, secret, slot.encode())).decode()


def vault_get(request, slot):
    blob = request.session.get(f"vault:{slot}") if hasattr(request, "session") else None
    key = _vault_key(request) if blob else None
    if key is None:
        return None
    try:
        return aead_open(key, base64.b64decode(blob), slot.encode())
    except (InvalidTag, ValueError):
        return None


def vault_drop(request, slot):
    request.session.pop(f"vault:{slot}", None)


def new_vault(request):
    """A new random vault key for this browser (at login): whatever an earlier one wrapped is gone."""
    request._vault_key = random_key()
    request._vault_key_new = True


class KeyringMiddleware:
    """A keyring per request, able to open what the signed-in person's own key opens; and the
    vault cookie: set when a new vault key was made, removed at logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _keyring.set(Keyring(loader=lambda: _person_from_vault(request)))
        try:
            response = self.get_response(request)
        finally:
            _keyring.reset(token)
        if getattr(request, "_vault_forget", False):
            response.delete_cookie(VAULT_COOKIE, samesite="Strict")
        elif getattr(request, "_vault_key_new", False):
            response.set_signed_cookie(
                VAULT_COOKIE, base64.urlsafe_b64encode(request._vault_key).decode(), salt=_VAULT_SALT,
                httponly=True, secure=settings.SESSION_COOKIE_SECURE, samesite="Strict",
            )
        return response


def remember_private(request, private):
    """After the person's own password change made or kept their key: open in this session."""
    new_vault(request)
    vault_put(request, _PERSON_SLOT, private_bytes(private))
    ring = _keyring.get()
    if ring is not None:
        ring.loader, ring.user_id, ring._private = None, request.user.pk, private


def _person_from_vault(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None, None
    raw = vault_get(request, _PERSON_SLOT)
    return user.pk, (private_from_bytes(raw) if raw else None)


def session_private_key():
    """The signed-in person's private key in this request, or None (logged out, idle, no key)."""
    return keyring().private()


# -- login: the one place a password is seen -----------------------------------------------------------
class KeyUnlockingBackend(ModelBackend):
    """Django's model backend that, when the password is right, also unwraps the person's private
    key (or makes their key pair on first login) for the login signal to put in the vault."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and password and user.is_staff:
            from . import accounts, recipients

            if not accounts.is_protected(user):
                return user  # only members pay for the key derivation
            private = recipients.unlock(user, password)
            if request is not None and private is not None:
                request._complaint_private_key = private
                request._complaint_own_key = not recipients.needs_own_password(user)
        return user


def on_login(sender, request, user, **kwargs):
    private = getattr(request, "_complaint_private_key", None)
    if private is not None:
        del request._complaint_private_key
        new_vault(request)
        vault_put(request, _PERSON_SLOT, private_bytes(private))
        if getattr(request, "_complaint_own_key", False):
            request.session[OWN_KEY_SESSION] = True


def on_logout(sender, request, user=None, **kwargs):
    vault_drop(request, _PERSON_SLOT)
    request._vault_forget = True
    request._vault_key = None
