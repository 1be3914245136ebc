"""Who holds each report's data key, and every change to that (see keys.py for the scheme).

- A new report's data key is sealed to every legal officer with a key pair and to the recovery
  key; a report escalated to a supervisor is sealed to them too.
- A person's key pair is made on first login (or when their password is first set); their own
  password change wraps the same private key again; a password set by someone else cannot open
  the old key, so the person gets a new key pair and an officer grants access again.
- A grant seals existing data keys to a newcomer from the session of an officer who holds them
  (or with the recovery key's private half): nobody can grant what they cannot read.
- Removing a member deletes the data keys sealed to them.
"""
import hashlib
import secrets

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from kpp_portal import roles

from . import keys
from .models import CorruptionReport, PersonKey, RecoveryKey, RecoverySealedKey, SealedDataKey


# -- a new report ------------------------------------------------------------------------------------
def start_data_key(report):
    report.data_key_id = secrets.token_hex(16)
    keys.keyring().add(report.data_key_id, keys.random_key())


def _legal_keys():
    return PersonKey.objects.filter(user__in=roles.members(roles.LEGAL_AFFAIRS))


def seal_new_report(report):
    """Seal the open data key of a just-saved report to everyone who may read it."""
    data_key = keys.data_key_for(report)
    context = keys.data_key_context(report.data_key_id)
    SealedDataKey.objects.bulk_create([
        SealedDataKey(report=report, recipient_id=person.user_id,
                      sealed=keys.seal(person.public_key, data_key, context))
        for person in _legal_keys()
    ])
    RecoverySealedKey.objects.bulk_create([
        RecoverySealedKey(report=report, recovery_key=recovery,
                          sealed=keys.seal(recovery.public_key, data_key, context))
        for recovery in RecoveryKey.objects.filter(is_current=True)
    ])


def seal_to(report, user):
    """Give `user` the data key of `report` (open in this context); False when they have no key pair."""
    person = PersonKey.objects.filter(user=user).first()
    if person is None:
        return False
    context = keys.data_key_context(report.data_key_id)
    sealed = keys.seal(person.public_key, keys.data_key_for(report), context)
    SealedDataKey.objects.update_or_create(report=report, recipient=user, defaults={"sealed": sealed})
    return True


# -- a person's key pair ---------------------------------------------------------------------------------
def _store_key_pair(user, private, password):
    salt, params, wrapped = keys.wrap_private(private, password, user.pk)
    PersonKey.objects.update_or_create(user=user, defaults={
        "public_key": keys.public_bytes(private), "wrapped_private": wrapped, "salt": salt,
        "kdf_params": params,
    })


def unlock(user, password):
    """At login (the password is right): the person's private key, made now if they have none.
    A stored key this password does not open was wrapped under an earlier password changed
    where the key could not follow: it is lost, so a new key pair replaces it (as after a reset
    by someone else) and an officer grants access again."""
    person = PersonKey.objects.filter(user=user).first()
    private = keys.unwrap_private(person, password) if person is not None else None
    if private is None:
        password_changed(user, password)
        private = keys.unwrap_private(PersonKey.objects.get(user=user), password)
    return private


@transaction.atomic
def password_changed(user, password, private=None):
    """Wrap the person's key under their new password. `private` is their key as open in their
    own session; without it (someone else set the password) the old key cannot be opened, so
    the person gets a new key pair and loses what was sealed to the old one."""
    if private is not None and PersonKey.objects.filter(user=user).exists():
        _store_key_pair(user, private, password)
        return False
    SealedDataKey.objects.filter(recipient=user).delete()
    new_private, _public = keys.new_key_pair()
    _store_key_pair(user, new_private, password)
    return True


# -- who may read what ------------------------------------------------------------------------------------
def readable_by(user):
    """The reports (with a data key) `user` may read by their role."""
    reports = CorruptionReport.objects.exclude(data_key_id="").filter(purged_at__isnull=True)
    if roles.in_group(user, roles.LEGAL_AFFAIRS):
        return reports
    if roles.in_group(user, roles.SUPERVISORS):
        return reports.filter(escalated_to=user)
    return reports.none()


def missing_for(user):
    """Reports `user` may read but holds no key for: what a grant must still seal."""
    held = SealedDataKey.objects.filter(report=OuterRef("pk"), recipient=user)
    return readable_by(user).exclude(Exists(held))


@transaction.atomic
def remove_unneeded(user):
    """After a membership ends: delete the data keys sealed to `user` that their roles no longer
    let them read."""
    keep = readable_by(user).values("pk")
    SealedDataKey.objects.filter(recipient=user).exclude(report__in=keep).delete()


def grant(user, batch=500, opener=None):
    """Seal up to `batch` missing data keys to `user`, with the keys open in this context (the
    granting officer's session, or `opener`: a keyring with the recovery key). Returns
    (sealed now, still missing). Each batch commits, so an interrupted grant resumes."""
    person = PersonKey.objects.filter(user=user).first()
    if person is None:
        return 0, missing_for(user).count()
    ring = opener or keys.keyring()
    ring.private()  # learns whose session this is
    candidates = missing_for(user)
    if ring.user_id is not None:  # only what the granter holds, so a batch never stalls on the rest
        candidates = candidates.filter(Exists(SealedDataKey.objects.filter(report=OuterRef("pk"),
                                                                           recipient_id=ring.user_id)))
    else:
        candidates = candidates.filter(data_key_id__in=list(ring.keys))
    boxes = []
    chosen = list(candidates.order_by("pk").values_list("pk", "data_key_id")[:batch])
    ring.preload([key_id for _pk, key_id in chosen])
    for pk, key_id in chosen:
        data_key = ring.get(key_id)
        if data_key is not None:
            context = keys.data_key_context(key_id)
            boxes.append(SealedDataKey(report_id=pk, recipient=user,
                                       sealed=keys.seal(person.public_key, data_key, context)))
    # One insert per batch; a box sealed meanwhile by another officer's grant is kept.
    SealedDataKey.objects.bulk_create(boxes, ignore_conflicts=True)
    return len(boxes), missing_for(user).count()


def waiting_for_grant():
    """Members who may read reports they hold no key for, with how many."""
    members = roles.members(roles.LEGAL_AFFAIRS) | roles.members(roles.SUPERVISORS)
    people = []
    for user in members.distinct().order_by("username"):
        missing = missing_for(user).count()
        if missing:
            people.append((user, missing, PersonKey.objects.filter(user=user).exists()))
    return people


# -- the recovery key ------------------------------------------------------------------------------------
def fingerprint(public):
    return hashlib.sha256(bytes(public)).hexdigest()


def recovery_keyring(private):
    """A keyring that opens every report through the recovery key's private half."""
    ring = keys.Keyring()
    mine = RecoverySealedKey.objects.filter(recovery_key__fingerprint=fingerprint(keys.public_bytes(private)))
    boxes = dict(mine.values_list("report__data_key_id", "sealed"))
    for key_id, box in boxes.items():
        ring.add(key_id, keys.open_sealed(private, box, keys.data_key_context(key_id)))
    return ring


def missing_for_recovery(recovery):
    held = RecoverySealedKey.objects.filter(report=OuterRef("pk"), recovery_key=recovery)
    return CorruptionReport.objects.exclude(Q(data_key_id="") | Exists(held)).filter(purged_at__isnull=True)


@transaction.atomic
def seal_missing_to_recovery(recovery, ring=None, batch=500):
    """Seal the data keys open in `ring` (default: this context) to a new recovery key, for
    reports filed before it existed. Returns how many were sealed."""
    ring = ring or keys.keyring()
    done = 0
    for report in missing_for_recovery(recovery).only("pk", "data_key_id").order_by("pk")[:batch]:
        data_key = ring.get(report.data_key_id)
        if data_key is not None:
            RecoverySealedKey.objects.create(report=report, recovery_key=recovery, sealed=keys.seal(
                recovery.public_key, data_key, keys.data_key_context(report.data_key_id)))
            done += 1
    return done
