"""Nobody reaches corruption reports alone.

The groups that read reports (COMPLAINT_GROUPS) are joined by two people. A membership
change made by anyone, superusers included, through any path that goes through Django's
membership manager (the user admin's groups widget, code, the shell) is turned back into a
pending AccessRequest (watch.py); a current legal officer, or for the first officer a supervisor,
approves it in the admin after TOTP (`approve_membership`), and the approver's key endorses the
newcomer's. A membership written around the manager (raw SQL, fixtures) seats no reader: nobody
endorsed the key (recipients.py). The very first legal officer of a new installation is seated
by `manage.py first_legal_officer` on the server, which pins their key as the root.

A person enrols their own TOTP device on a page only they reach, once per approval; nobody can
read a device's secret afterwards (the device admin shows no key), and only its owner removes
one. A password set by someone else switches the account's devices off and cancels what was
waiting for it.

Every change to these accounts is appended to the hash-chained AuditEntry log and e-mailed at
once to every legal officer and supervisor.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints.roles import COMPLAINT_GROUPS, LEGAL_AFFAIRS, SUPERVISORS
from kpp_portal import outbox, roles, serving
from kpp_portal.thai import format_thai_date

from . import recipients, session
from .models import AccessRequest, AuditEntry, PersonKey

Action = AuditEntry.Action
User = get_user_model()
def current_actor():
    """The signed-in person making the current change; None on the server (shell, commands).
    The model signals need it: the two-person rule must know the approver is not the asker."""
    user = getattr(serving.current(), "user", None)
    return user if user is not None and user.is_authenticated else None


def _tell(text):
    request = serving.current()
    if request is not None and hasattr(request, "_messages"):
        messages.warning(request, text)


# -- who is concerned ---------------------------------------------------------------------------
is_protected = session.is_member


def has_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _officers_able_to_decide(excluding):
    """Legal officers other than `excluding` who can pass TOTP (have a confirmed device)."""
    with_device = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return roles.members(LEGAL_AFFAIRS).exclude(pk=excluding.pk).filter(Exists(with_device))


# -- the audit and the alert ----------------------------------------------------------------------
def record(action, account, detail="", actor=None, also_tell=()):
    """Append an account change to the audit chain and e-mail it, after commit, to every legal
    officer and supervisor, to the account itself (it may not be a member, or no longer), and
    to `also_tell` (the address an account had before)."""
    actor = actor if actor is not None else current_actor()
    text = _("บัญชี %(account)s") % {"account": account.get_username()} + (f" · {detail}" if detail else "")
    entry = AuditEntry.record(actor or "server", action, None, text)
    told = [account.email, *also_tell]
    transaction.on_commit(lambda: _alert(entry, told), robust=True)
    return entry


def _alert(entry, also_tell=()):
    recipients = {user.email for name in COMPLAINT_GROUPS for user in roles.members(name) if user.email}
    recipients.update(address for address in also_tell if address)
    subject = _("[ระบบเรื่องร้องเรียน] การเปลี่ยนแปลงบัญชีผู้เข้าถึงเรื่องร้องเรียน: %(action)s") % {
        "action": entry.get_action_display()}
    body = "\n".join([
        entry.get_action_display(),
        entry.detail,
        _("ผู้ดำเนินการ: %(actor)s") % {"actor": entry.actor},
        _("เวลา: %(when)s") % {"when": format_thai_date(entry.created_at, long=True, with_time=True)},
        _("รหัสรายการในบันทึกการเข้าถึง: %(hash)s") % {"hash": entry.entry_hash},
        "",
        _("หากท่านไม่ทราบเรื่องนี้ โปรดแจ้งผู้บังคับบัญชาทันที คำขอที่รออนุมัติ: %(url)s") % {
            "url": settings.SITE_URL + reverse("admin:complaints_accessrequest_changelist")},
    ])
    # About an account, never a report: the same text the access log keeps.
    outbox.send_each(recipients, subject, body)


# -- requests and the second person's decision ------------------------------------------------------
def _describe(access_request):
    if access_request.kind == AccessRequest.Kind.JOIN:
        return _("เข้ากลุ่ม %(group)s") % {"group": access_request.group_name}
    return str(access_request.get_kind_display())


def request_membership(user, group_name, requested_by=None):
    """Ask for `user` to join a protected group; the membership waits for a second person."""
    pending, created = AccessRequest.objects.get_or_create(
        user=user, kind=AccessRequest.Kind.JOIN, group_name=group_name, state=AccessRequest.State.PENDING,
        defaults={"requested_by": requested_by},
    )
    if created:
        record(Action.ACCESS_REQUESTED, user, _describe(pending), actor=requested_by)
    _tell(_("การเพิ่มบัญชี %(account)s เข้ากลุ่ม %(group)s ต้องได้รับอนุมัติจากเจ้าหน้าที่ฝ่ายนิติการอีกคนหนึ่ง "
            "จึงยังไม่มีผล คำขอรออนุมัติแล้ว") % {"account": user.get_username(), "group": group_name})
    return pending


def request_enrolment(user):
    """The account asks to enrol a new device (it has none that works)."""
    pending, created = AccessRequest.objects.get_or_create(
        user=user, kind=AccessRequest.Kind.ENROL, group_name="", state=AccessRequest.State.PENDING,
        defaults={"requested_by": user},
    )
    if created:
        record(Action.ACCESS_REQUESTED, user, _describe(pending), actor=user)
    return pending


def decision_refused(approver, access_request):
    """Why `approver` may not decide this request (a sentence), or "" when they may."""
    if not access_request.is_pending:
        return _("คำขอนี้พิจารณาไปแล้ว")
    if approver.pk in (access_request.user_id, access_request.requested_by_id):
        return _("ผู้ขอหรือเจ้าของบัญชีพิจารณาคำขอนี้เองไม่ได้ ต้องเป็นอีกคนหนึ่ง")
    if roles.in_group(approver, LEGAL_AFFAIRS):
        return ""
    if roles.in_group(approver, SUPERVISORS) and _supervisor_may_decide(access_request):
        return ""
    return _("คำขอนี้ต้องพิจารณาโดยเจ้าหน้าที่ฝ่ายนิติการ (ผู้บังคับบัญชาพิจารณาได้เฉพาะเจ้าหน้าที่ฝ่ายนิติการคนแรก "
             "หรืออุปกรณ์ใหม่ของเจ้าหน้าที่ฝ่ายนิติการเมื่อไม่มีผู้อื่นที่ยืนยันตัวตนได้)")


def _supervisor_may_decide(access_request):
    """A supervisor decides only what no legal officer can, and nothing one administrator can bring
    about: the first legal officer of an installation that has never had one (history an admin
    cannot undo), or a new device for a legal officer when no other officer can pass TOTP (that
    seats no new reader; devices are removed by their owner only)."""
    if access_request.kind == AccessRequest.Kind.JOIN:
        ever_seated = AccessRequest.objects.filter(
            kind=AccessRequest.Kind.JOIN, group_name=LEGAL_AFFAIRS, state=AccessRequest.State.APPROVED)
        return access_request.group_name == LEGAL_AFFAIRS and not ever_seated.exists()
    return (roles.in_group(access_request.user, LEGAL_AFFAIRS)
            and not _officers_able_to_decide(excluding=access_request.user).exists())


def _seat(user, group_name):
    # The membership table directly: through user.groups the signal below would turn this
    # approved change back into a request.
    User.groups.through.objects.get_or_create(user_id=user.pk, group_id=Group.objects.get(name=group_name).pk)


@transaction.atomic
def approve_membership(approver, access_request):
    """The second person's yes, the only way into a protected group (besides the server command
    for the very first officer). The approver has passed TOTP in this session (the admin view
    checks). Whatever a new member must be given to read reports is given here."""
    access_request = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    refused = decision_refused(approver, access_request)
    if refused:
        raise PermissionDenied(refused)
    if access_request.kind == AccessRequest.Kind.JOIN:
        _seat(access_request.user, access_request.group_name)
        _endorse_newcomer(access_request.user, access_request.group_name)
    access_request.state = AccessRequest.State.APPROVED
    access_request.decided_by, access_request.decided_at = approver, timezone.now()
    access_request.enrolment_open = not has_device(access_request.user)
    access_request.save()
    record(Action.ACCESS_APPROVED, access_request.user, _describe(access_request), actor=approver)
    return access_request


def _endorse_newcomer(user, group_name):
    """The approving officer's key, open in their session, signs the newcomer's key (when the
    newcomer has set their own password already; otherwise the grant page does it later). A
    supervisor's signature would count for nothing: only a legal officer's key endorses."""
    person = PersonKey.objects.filter(user=user).first()
    if person is not None:
        recipients.endorse(person, role=group_name)


@transaction.atomic
def refuse_membership(approver, access_request):
    access_request = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    refused = decision_refused(approver, access_request)
    if refused:
        raise PermissionDenied(refused)
    access_request.state = AccessRequest.State.REFUSED
    access_request.decided_by, access_request.decided_at = approver, timezone.now()
    access_request.save()
    record(Action.ACCESS_REFUSED, access_request.user, _describe(access_request), actor=approver)
    return access_request


@transaction.atomic
def seat_first_legal_officer(user, operator):
    """A new installation's first legal officer, by a command run on the server (nobody in the
    admin can approve yet). Refused once the group has had any member, active or not."""
    if User.objects.filter(groups__name=LEGAL_AFFAIRS).exists():
        raise PermissionDenied(_("มีเจ้าหน้าที่ฝ่ายนิติการแล้ว เพิ่มคนต่อไปผ่านการอนุมัติในระบบหลังบ้าน"))
    _seat(user, LEGAL_AFFAIRS)
    AccessRequest.objects.create(
        user=user, kind=AccessRequest.Kind.JOIN, group_name=LEGAL_AFFAIRS,
        state=AccessRequest.State.APPROVED, decided_at=timezone.now(), enrolment_open=not has_device(user),
    )
    record(Action.FIRST_OFFICER, user, _("ผู้สั่งบนเซิร์ฟเวอร์: %(operator)s") % {"operator": operator},
           actor=f"server:{operator}")


# -- enrolling one's own device --------------------------------------------------------------------
def _unused_approvals(user):
    return AccessRequest.objects.filter(user=user, state=AccessRequest.State.APPROVED, enrolment_open=True)


def may_enrol(user):
    """Once per approval, and only while the account has no working device."""
    return is_protected(user) and user.is_active and not has_device(user) and _unused_approvals(user).exists()


def start_enrolment(user):
    """A fresh unconfirmed device (a new secret) for the enrolment page; any earlier unconfirmed
    device of the account goes, so only the QR code shown last can be confirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("โทรศัพท์"), confirmed=False)


def pending_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


@transaction.atomic
def finish_enrolment(user, device, token):
    """Confirm the device with a code from the app; uses up the approval. True on success."""
    grant = _unused_approvals(user).select_for_update().first()
    if grant is None or device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return False
    grant.enrolment_open = False
    grant.save(update_fields=["enrolment_open"])
    device.confirmed = True
    device.save()
    return True


def lock_second_factor(user):
    """After someone else set the password: the devices stop working and whatever was waiting
    for this account (requests, an unused enrolment) is cancelled, so the password alone opens
    nothing and a new device needs a second person again."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        device.confirmed = False
        device.save()
    waiting = AccessRequest.objects.filter(user=user, state=AccessRequest.State.PENDING)
    unused = _unused_approvals(user)
    if waiting.exists() or unused.exists():
        waiting.update(state=AccessRequest.State.WITHDRAWN, decided_at=timezone.now())
        unused.update(enrolment_open=False)
        record(Action.ACCESS_WITHDRAWN, user, _("เพราะผู้อื่นตั้งรหัสผ่านให้"))
