"""The session side of the vault: a person's key opens only while they are signed in.

A person's private key is stored wrapped by a key derived from their password (Argon2id). At
login (the one place a password is seen) it is unwrapped and wrapped again under a random key
that lives only in the person's browser (a signed, HttpOnly, SameSite=Strict cookie); the
session row holds the wrapped copy. The database, the session store, Redis and every setting
together therefore open nothing; the cookie alone opens nothing either. Logging out or going
idle drops the session and the cookie. The middleware gives each request a keyring that opens
what the signed-in person's key opens.
"""
import base64

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from complaints.roles import COMPLAINT_GROUPS
from kpp_portal import budget

from . import keys, primitives
from .models import PersonKey, SealedDataKey

VAULT_COOKIE = "kpp_keys"
_VAULT_SALT = "complaints.keys.vault"
_PERSON_SLOT = "person"
# Set at login when the key opened was made under the person's own password (access.guarded).
OWN_KEY_SESSION = "complaints_own_key"


def is_member(user):
    """A member of a group that reads reports, active or not."""
    return bool(user.pk) and user.groups.filter(name__in=COMPLAINT_GROUPS).exists()


# -- a person's key pair, wrapped by their password -----------------------------------------------------
def person_kdf_params():
    return {"memory_kib": settings.COMPLAINT_PERSON_KDF_MEMORY_KIB,
            "iterations": settings.COMPLAINT_PERSON_KDF_ITERATIONS}


def wrap_private(private, password, user_pk):
    """(salt, params text, wrapped private key) for storage."""
    with budget.slot("argon2id"):
        return primitives.wrap_private(private, password, user_pk, **person_kdf_params())


def unwrap_private(person_key, password):
    """The private key of `person_key` (a PersonKey), or None when the password does not open it."""
    with budget.slot("argon2id"):
        return primitives.unwrap_private(person_key.wrapped_private, person_key.salt, person_key.kdf_params,
                                         password, person_key.user_id)


def unlock(user, password):
    """At login (the password is right): the person's private key, or None when they have none
    or this password does not open it (someone else set it: the key stays as it was)."""
    person = PersonKey.objects.filter(user=user).first()
    private = unwrap_private(person, password) if person is not None else None
    if private is not None and not bytes(person.signing_public):  # a key made before endorsements
        PersonKey.objects.filter(pk=person.pk).update(signing_public=primitives.signing_public(private))
    return private


def needs_own_password(user):
    """True while the person has no key made under a password they set themselves."""
    return not PersonKey.objects.filter(user=user, own_password=True, reset_by_other=False).exists()


def _boxes(user_id, key_ids):
    boxes = SealedDataKey.objects.filter(recipient_id=user_id, report__data_key_id__in=key_ids)
    return dict(boxes.values_list("report__data_key_id", "sealed"))


keys.find_boxes_with(_boxes)


# -- the vault: a secret the server can use only while the browser sends its cookie -----------------------
def _vault_key(request, create=False):
    key = getattr(request, "_vault_key", None)
    if key is None:
        raw = request.get_signed_cookie(VAULT_COOKIE, default=None, salt=_VAULT_SALT)
        try:
            key = base64.urlsafe_b64decode(raw) if raw else None
        except ValueError:
            key = None
        if key is not None and len(key) != primitives.KEY_BYTES:
            key = None
        if key is None and create:
            key = primitives.random_key()
            request._vault_key_new = True
        request._vault_key = key
    return key


def vault_put(request, slot, secret):
    key = _vault_key(request, create=True)
    box = primitives.aead_seal(key, secret, slot.encode())
    request.session[f"vault:{slot}"] = base64.b64encode(box).decode()


def vault_get(request, slot):
    blob = request.session.get(f"vault:{slot}") if hasattr(request, "session") else None
    key = _vault_key(request) if blob else None
    if key is None:
        return None
    try:
        return primitives.aead_open(key, base64.b64decode(blob), slot.encode())
    except (primitives.InvalidTag, ValueError):
        return None


def vault_drop(request, slot):
    request.session.pop(f"vault:{slot}", None)


def new_vault(request):
    """A new random vault key for this browser (at login): whatever an earlier one wrapped is gone."""
    request._vault_key = primitives.random_key()
    request._vault_key_new = True


class KeyringMiddleware:
    """A keyring per request, able to open what the signed-in person's own key opens; and the
    vault cookie: set when a new vault key was made, removed at logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with keys.fresh_keyring(loader=lambda: _person_from_vault(request)):
            response = self.get_response(request)
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
    vault_put(request, _PERSON_SLOT, primitives.private_bytes(private))
    ring = keys.keyring()
    ring.loader, ring.user_id, ring._private = None, request.user.pk, private


def _person_from_vault(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None, None
    raw = vault_get(request, _PERSON_SLOT)
    return user.pk, (primitives.private_from_bytes(raw) if raw else None)


def session_private_key():
    """The signed-in person's private key in this request, or None (logged out, idle, no key)."""
    return keys.keyring().private()


# -- login: the one place a password is seen -----------------------------------------------------------
class KeyUnlockingBackend(ModelBackend):
    """Django's model backend that, when the password is right, also unwraps the person's private
    key for the login signal to put in the vault."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and password and user.is_staff and is_member(user):  # only members pay
            private = unlock(user, password)
            if request is not None and private is not None:
                request._complaint_private_key = private
                request._complaint_own_key = not needs_own_password(user)
        return user


def on_login(sender, request, user, **kwargs):
    private = getattr(request, "_complaint_private_key", None)
    if private is not None:
        del request._complaint_private_key
        new_vault(request)
        vault_put(request, _PERSON_SLOT, primitives.private_bytes(private))
        if getattr(request, "_complaint_own_key", False):
            request.session[OWN_KEY_SESSION] = True


def on_logout(sender, request, user=None, **kwargs):
    vault_drop(request, _PERSON_SLOT)
    request._vault_forget = True
    request._vault_key = None
