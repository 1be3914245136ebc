"""The recipients: who holds each report's data key, and every change to that (sealing, endorsing,
granting; the rows are in keyholders.py, the scheme in keys.py and session.py).

- A new report's data key is sealed to every legal officer whose key is endorsed back to a pinned
  root (below) and to the recovery key; a report escalated to a supervisor is sealed to them too
  when their key is endorsed.
- A person's key pair is made when they set their own password; their own later change wraps the
  same private key again. A password set by someone else changes nothing here: the key stays
  wrapped by the old password (which still opens it), and the person sets their own at the next
  login, which gives them a new key pair that another officer endorses.
- A grant seals existing data keys to a newcomer from the session of an officer who holds them
  (or with the recovery key's private half): nobody can grant what they cannot read.
- Removing a member deletes the data keys sealed to them.
"""
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from complaints.roles import LEGAL_AFFAIRS, SUPERVISORS
from kpp_portal import roles

from . import keys, primitives, session
from .models import (
    AuditEntry,
    CorruptionReport,
    KeyEndorsement,
    PersonKey,
    RecoveryKey,
    RecoverySealedKey,
    SealedDataKey,
)


# -- a new report ------------------------------------------------------------------------------------
def start_data_key(report):
    report.data_key_id = secrets.token_hex(16)
    keys.keyring().add(report.data_key_id, primitives.random_key())


# -- endorsements: who may receive a data key ------------------------------------------------------
def _endorsement_valid(endorsement, person):
    message = primitives.endorsement_message(endorsement.role, person.user_id, person.public_key,
                                             person.signing_public)
    return primitives.verify(endorsement.signer_public, endorsement.signature, message)


def trusted_keys():
    """{role: set of PersonKey ids} whose keys are endorsed back to a pinned root: the root keys
    (legal officers by definition), then every key a trusted legal officer's key signed for a
    role. A supervisor's signature counts for nothing."""
    roots = set(settings.COMPLAINT_KEY_ROOTS)
    people = {person.pk: person for person in PersonKey.objects.only(
        "pk", "user_id", "public_key", "signing_public")}
    legal = {pk for pk, person in people.items() if bytes(person.signing_public)
             and primitives.key_fingerprint(person.public_key, person.signing_public) in roots}
    endorsements = [e for e in KeyEndorsement.objects.all() if e.person_key_id in people]
    trusted = {LEGAL_AFFAIRS: legal, SUPERVISORS: set()}
    grown = True
    while grown:  # an endorsement counts once its signer is trusted; repeat until nothing changes
        grown = False
        signers = {bytes(people[pk].signing_public) for pk in legal}
        for endorsement in endorsements:
            held = trusted.get(endorsement.role)
            if held is None or endorsement.person_key_id in held:
                continue
            if bytes(endorsement.signer_public) not in signers:
                continue
            if _endorsement_valid(endorsement, people[endorsement.person_key_id]):
                held.add(endorsement.person_key_id)
                grown = grown or endorsement.role == LEGAL_AFFAIRS
    return trusted


def root_of(person):
    """The fingerprint to pin (settings.COMPLAINT_KEY_ROOTS) to make `person`'s key a root."""
    return primitives.key_fingerprint(person.public_key, person.signing_public)


def _role_of(user):
    return LEGAL_AFFAIRS if roles.in_group(user, LEGAL_AFFAIRS) else SUPERVISORS


def is_trusted(person, role=None):
    """Whether `person` (a PersonKey) may receive data keys in `role` (default: their own)."""
    trusted = trusted_keys()
    role = role or _role_of(person.user)
    return person.pk in trusted[LEGAL_AFFAIRS] or person.pk in trusted.get(role, ())


def endorse(person, role=None, ring=None):
    """Sign `person`'s keys (a PersonKey) in `role` with the key open in `ring` (default: this
    context), when that key is a trusted legal officer's, not the person's own, and the person's
    key was made under their own password. True when `person` is trusted afterwards."""
    ring = ring or keys.keyring()
    role = role or _role_of(person.user)
    if is_trusted(person, role):
        return True
    private = ring.private()
    if private is None or ring.user_id is None or ring.user_id == person.user_id or not person.own_password:
        return False
    if role not in (LEGAL_AFFAIRS, SUPERVISORS) or not roles.in_group(person.user, role):
        return False  # only a member, in the role the two-person rule gave them
    signer = PersonKey.objects.filter(user_id=ring.user_id).first()
    if signer is None or bytes(signer.public_key) != primitives.public_bytes(private) \
            or signer.pk not in trusted_keys()[LEGAL_AFFAIRS]:
        return False
    if not bytes(person.signing_public):
        return False
    message = primitives.endorsement_message(role, person.user_id, person.public_key, person.signing_public)
    KeyEndorsement.objects.create(person_key=person, role=role, endorsed_by_id=ring.user_id,
                                  signer_public=primitives.signing_public(private),
                                  signature=primitives.sign(private, message))
    AuditEntry.record(signer.user, AuditEntry.Action.KEYS_GRANTED, None,
                      f"รับรองกุญแจของ {person.user.get_username()} ({role})")
    return is_trusted(person, role)


def legal_keys():
    """The keys of current legal officers that are endorsed back to a pinned root."""
    trusted = trusted_keys()[LEGAL_AFFAIRS]
    return PersonKey.objects.filter(user__in=roles.members(LEGAL_AFFAIRS), pk__in=trusted)


def seal_new_report(report):
    """Seal the open data key of a just-saved report to everyone who may read it."""
    data_key = keys.data_key_for(report)
    context = primitives.data_key_context(report.data_key_id)
    SealedDataKey.objects.bulk_create([
        SealedDataKey(report=report, recipient_id=person.user_id,
                      sealed=primitives.seal(person.public_key, data_key, context))
        for person in legal_keys()
    ])
    RecoverySealedKey.objects.bulk_create([
        RecoverySealedKey(report=report, recovery_key=recovery,
                          sealed=primitives.seal(recovery.public_key, data_key, context))
        for recovery in RecoveryKey.objects.filter(is_current=True)
    ])


def seal_to(report, user):
    """Give `user` the data key of `report` (open in this context); False when they have no
    endorsed key."""
    person = PersonKey.objects.filter(user=user).first()
    if person is None or not is_trusted(person):
        return False
    context = primitives.data_key_context(report.data_key_id)
    sealed = primitives.seal(person.public_key, keys.data_key_for(report), context)
    SealedDataKey.objects.update_or_create(report=report, recipient=user, defaults={"sealed": sealed})
    return True


# -- a person's key pair ---------------------------------------------------------------------------------
def _store_key_pair(user, private, password, **flags):
    salt, params, wrapped = session.wrap_private(private, password, user.pk)
    PersonKey.objects.update_or_create(user=user, defaults={
        "public_key": primitives.public_bytes(private), "wrapped_private": wrapped, "salt": salt,
        "kdf_params": params, "signing_public": primitives.signing_public(private), **flags,
    })


@transaction.atomic
def new_own_key(user, password):
    """A new key pair under the person's own password; what was sealed to an earlier key, and its
    endorsements, go (another officer endorses and grants again). Returns the private key."""
    SealedDataKey.objects.filter(recipient=user).delete()
    KeyEndorsement.objects.filter(person_key__user=user).delete()
    private, _public = primitives.new_key_pair()
    _store_key_pair(user, private, password, own_password=True, reset_by_other=False)
    return private


@transaction.atomic
def password_changed(user, password, private=None, own=False):
    """After a password is set. By someone else (`own` false): nothing changes, the key stays
    wrapped by the old password, and the person must set their own. By the person: their key
    (`private`, as open in their session) is wrapped again; without it, or when it was made under
    a password someone else chose, they get a new key pair. Returns the private key now open,
    or None."""
    person = PersonKey.objects.filter(user=user).first()
    if not own:
        if person is not None:
            PersonKey.objects.filter(pk=person.pk).update(reset_by_other=True)
        return None
    if (person is not None and private is not None and person.own_password
            and bytes(person.public_key) == primitives.public_bytes(private)):
        _store_key_pair(user, private, password, reset_by_other=False)
        return private
    return new_own_key(user, password)


# -- who may read what ------------------------------------------------------------------------------------
def readable_by(user):
    """The reports (with a data key) `user` may read by their role."""
    reports = CorruptionReport.objects.exclude(data_key_id="").filter(purged_at__isnull=True)
    if roles.in_group(user, LEGAL_AFFAIRS):
        return reports
    if roles.in_group(user, SUPERVISORS):
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
    ring = opener or keys.keyring()
    ring.private()  # learns whose session this is
    if person is None or not endorse(person, ring=ring):
        return 0, missing_for(user).count()
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
            context = primitives.data_key_context(key_id)
            boxes.append(SealedDataKey(report_id=pk, recipient=user,
                                       sealed=primitives.seal(person.public_key, data_key, context)))
    # One insert per batch; a box sealed meanwhile by another officer's grant is kept.
    SealedDataKey.objects.bulk_create(boxes, ignore_conflicts=True)
    return len(boxes), missing_for(user).count()


def waiting_for_grant():
    """Members who may read reports they hold no key for, with how many."""
    members = roles.members(LEGAL_AFFAIRS) | roles.members(SUPERVISORS)
    people = []
    for user in members.distinct().order_by("username"):
        missing = missing_for(user).count()
        if missing:
            people.append((user, missing, not session.needs_own_password(user)))
        elif not session.needs_own_password(user) and not is_trusted(user.complaint_key):
            people.append((user, 0, True))  # holds every key, but nobody endorsed theirs yet
    return people


# -- the recovery key ------------------------------------------------------------------------------------


def recovery_keyring(private):
    """A keyring that opens every report through the recovery key's private half."""
    ring = keys.Keyring()
    fingerprint = primitives.fingerprint(primitives.public_bytes(private))
    mine = RecoverySealedKey.objects.filter(recovery_key__fingerprint=fingerprint)
    boxes = dict(mine.values_list("report__data_key_id", "sealed"))
    for key_id, box in boxes.items():
        ring.add(key_id, primitives.open_sealed(private, box, primitives.data_key_context(key_id)))
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
            RecoverySealedKey.objects.create(report=report, recovery_key=recovery, sealed=primitives.seal(
                recovery.public_key, data_key, primitives.data_key_context(report.data_key_id)))
            done += 1
    return done
