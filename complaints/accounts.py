"""Nobody reaches corruption reports alone.

The groups that read reports (roles.COMPLAINT_GROUPS) are joined by two people. A membership
change made by anyone, superusers included, through any path that goes through Django's
membership manager (the user admin's groups widget, code, the shell) is turned back into a
pending AccessRequest; a current legal officer, or for the first officer a supervisor, approves
it in the admin after TOTP (`approve_membership`). The very first legal officer of a new
installation is seated by `manage.py first_legal_officer` on the server.

A person enrols their own TOTP device on a page only they reach, once per approval; nobody can
read a device's secret afterwards (the device admin shows no key). A password set by someone
else switches the account's devices off and cancels what was waiting for it.

Every change to these accounts is appended to the hash-chained AuditEntry log and e-mailed at
once to every legal officer and supervisor.
"""
from contextvars import ContextVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_delete, pre_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from kpp_portal import roles
from kpp_portal.thai import format_thai_date

from .models import AccessRequest, AuditEntry

Action = AuditEntry.Action
User = get_user_model()
_serving = ContextVar("complaints_accounts_request", default=None)


class ActorMiddleware:
    """Remembers the request being served, so the model signals below know who made a change
    (the two-person rule needs to know that the approver is not the one who asked)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _serving.set(request)
        try:
            return self.get_response(request)
        finally:
            _serving.reset(token)


def current_actor():
    """The signed-in person making the current change; None on the server (shell, commands)."""
    user = getattr(_serving.get(), "user", None)
    return user if user is not None and user.is_authenticated else None


def _tell(text):
    request = _serving.get()
    if request is not None and hasattr(request, "_messages"):
        messages.warning(request, text)


# -- who is concerned ---------------------------------------------------------------------------
def is_protected(user):
    """A member of a group that reads reports, active or not."""
    return bool(user.pk) and user.groups.filter(name__in=roles.COMPLAINT_GROUPS).exists()


def has_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _officers_able_to_decide(excluding):
    """Legal officers other than `excluding` who can pass TOTP (have a confirmed device)."""
    with_device = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return roles.members(roles.LEGAL_AFFAIRS).exclude(pk=excluding.pk).filter(Exists(with_device))


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
    recipients = {user.email for name in roles.COMPLAINT_GROUPS for user in roles.members(name) if user.email}
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
    sender = settings.DEFAULT_FROM_EMAIL
    send_mass_mail([(subject, body, sender, [address]) for address in sorted(recipients)])


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
    if roles.in_group(approver, roles.LEGAL_AFFAIRS):
        return ""
    if roles.in_group(approver, roles.SUPERVISORS) and _supervisor_may_decide(access_request):
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
            kind=AccessRequest.Kind.JOIN, group_name=roles.LEGAL_AFFAIRS, state=AccessRequest.State.APPROVED)
        return access_request.group_name == roles.LEGAL_AFFAIRS and not ever_seated.exists()
    return (roles.in_group(access_request.user, roles.LEGAL_AFFAIRS)
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
    from . import recipients
    from .models import PersonKey

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
    if User.objects.filter(groups__name=roles.LEGAL_AFFAIRS).exists():
        raise PermissionDenied(_("มีเจ้าหน้าที่ฝ่ายนิติการแล้ว เพิ่มคนต่อไปผ่านการอนุมัติในระบบหลังบ้าน"))
    _seat(user, roles.LEGAL_AFFAIRS)
    AccessRequest.objects.create(
        user=user, kind=AccessRequest.Kind.JOIN, group_name=roles.LEGAL_AFFAIRS,
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


def _lock_second_factor(user):
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


# -- signals: every path that changes these accounts ---------------------------------------------------
def _pairs(instance, reverse, pk_set):
    """(user, group) pairs of a membership change that touch a protected group; pk_set is None
    for a clear()."""
    if reverse:  # group.user_set.…
        if instance.name not in roles.COMPLAINT_GROUPS:
            return []
        users = instance.user_set.all() if pk_set is None else User.objects.filter(pk__in=pk_set)
        return [(user, instance) for user in users]
    groups = Group.objects.filter(name__in=roles.COMPLAINT_GROUPS)
    if pk_set is not None:
        groups = groups.filter(pk__in=pk_set)
    return [(instance, group) for group in groups]


def _existing(pairs):
    through = User.groups.through
    return [(user, group) for user, group in pairs
            if through.objects.filter(user_id=user.pk, group_id=group.pk).exists()]


def _membership_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action == "post_add":
        for user, group in _pairs(instance, reverse, pk_set):
            User.groups.through.objects.filter(user_id=user.pk, group_id=group.pk).delete()
            request_membership(user, group.name, requested_by=current_actor())
    elif action in ("pre_remove", "pre_clear"):
        instance._complaint_memberships_leaving = _existing(_pairs(instance, reverse, pk_set))
    elif action in ("post_remove", "post_clear"):
        from . import recipients

        for user, group in instance.__dict__.pop("_complaint_memberships_leaving", []):
            record(Action.MEMBER_REMOVED, user, _("ออกจากกลุ่ม %(group)s") % {"group": group.name})
            recipients.remove_unneeded(user)


def _refuse_group_rename(sender, instance, **kwargs):
    if instance.pk is None:
        return
    old = Group.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    if old != instance.name and (old in roles.COMPLAINT_GROUPS or instance.name in roles.COMPLAINT_GROUPS):
        raise PermissionDenied(_("เปลี่ยนชื่อกลุ่มที่เข้าถึงเรื่องร้องเรียนไม่ได้"))


def _refuse_group_delete(sender, instance, **kwargs):
    if instance.name in roles.COMPLAINT_GROUPS:
        raise PermissionDenied(_("ลบกลุ่มที่เข้าถึงเรื่องร้องเรียนไม่ได้"))


# What each watched model's saves are compared on (as loaded, then as saved).
_WATCHED = {User: ("password", "is_active", "email"), TOTPDevice: ("confirmed", "key", "user_id")}


def _snapshot(instance):
    return {name: instance.__dict__.get(name) for name in _WATCHED[type(instance)]}


def _remember(sender, instance, **kwargs):
    instance._complaint_watched = _snapshot(instance)


def _before_and_after(instance):
    """The watched values when loaded (or last saved) and now; the next save compares to now."""
    before, after = getattr(instance, "_complaint_watched", None), _snapshot(instance)
    instance._complaint_watched = after
    return before, after


def _rewrap_key(user, created):
    """Keep the person's complaint key wrapped by their own current password (recipients.py). A
    password anyone else sets (the admin, the shell, a command) leaves the key as it was."""
    from . import keys, recipients
    from .models import PersonKey

    password = user._password
    if password is None or not (user.is_staff or PersonKey.objects.filter(user=user).exists()):
        return
    actor = current_actor()
    own = not created and actor is not None and actor.pk == user.pk
    private = recipients.password_changed(user, password, keys.session_private_key() if own else None,
                                          own=own)
    request = _serving.get()
    if own and private is not None and request is not None and hasattr(request, "session"):
        keys.remember_private(request, private)


def _account_saved(sender, instance, created, **kwargs):
    _rewrap_key(instance, created)
    before, after = _before_and_after(instance)
    if created or before is None:
        return
    changed = {name for name in after if before[name] is not None and before[name] != after[name]}
    if not changed or not is_protected(instance):
        return
    actor = current_actor()
    # A hash upgrade at login saves the same password (Django leaves _password unset for it).
    password_set = "password" in changed and (
        instance._password is not None or not instance.has_usable_password())
    if password_set and (actor is None or actor.pk != instance.pk):
        record(Action.PASSWORD_SET, instance)
        _lock_second_factor(instance)
    if "is_active" in changed:
        record(Action.ACCOUNT_ACTIVATED if instance.is_active else Action.ACCOUNT_DEACTIVATED, instance)
    if "email" in changed:
        record(Action.EMAIL_CHANGED, instance, f"{before['email'] or '-'} → {after['email'] or '-'}",
               also_tell=[before["email"]])


def _account_deleted(sender, instance, **kwargs):
    if is_protected(instance):
        record(Action.MEMBER_REMOVED, instance, _("ลบบัญชี"))


def _device_saved(sender, instance, created, **kwargs):
    before, after = _before_and_after(instance)
    if created or before is None:
        event = Action.DEVICE_ADDED if instance.confirmed else None
    elif before == after:
        return
    elif not before["confirmed"] and instance.confirmed and before["key"] == after["key"]:
        event = Action.DEVICE_ADDED
    else:
        event = Action.DEVICE_RESET if before["confirmed"] or instance.confirmed else None
    if event and is_protected(instance.user):
        record(event, instance.user, _("อุปกรณ์ “%(name)s”") % {"name": instance.name})


def _refuse_device_delete(sender, instance, **kwargs):
    """Only its owner removes a working second factor of a protected account (the admin cannot):
    otherwise one administrator could leave the legal unit unable to pass TOTP."""
    actor = current_actor()
    if (instance.confirmed and actor is not None and actor.pk != instance.user_id
            and is_protected(instance.user)):
        raise PermissionDenied(_("ลบอุปกรณ์ยืนยันตัวตนของผู้อื่นไม่ได้ เจ้าของบัญชีเท่านั้นที่ลบได้"))


def _device_deleted(sender, instance, **kwargs):
    if instance.confirmed and is_protected(instance.user):
        record(Action.DEVICE_REMOVED, instance.user, _("อุปกรณ์ “%(name)s”") % {"name": instance.name})


def connect():
    """Called once from ComplaintsConfig.ready()."""
    from django.contrib.auth.signals import user_logged_in, user_logged_out

    from . import keys

    user_logged_in.connect(keys.on_login, dispatch_uid="complaints_keys_login")
    user_logged_out.connect(keys.on_logout, dispatch_uid="complaints_keys_logout")
    m2m_changed.connect(_membership_changed, sender=User.groups.through, dispatch_uid="complaints_membership")
    pre_save.connect(_refuse_group_rename, sender=Group, dispatch_uid="complaints_group_rename")
    pre_delete.connect(_refuse_group_delete, sender=Group, dispatch_uid="complaints_group_delete")
    post_init.connect(_remember, sender=User, dispatch_uid="complaints_account_init")
    post_save.connect(_account_saved, sender=User, dispatch_uid="complaints_account_saved")
    pre_delete.connect(_account_deleted, sender=User, dispatch_uid="complaints_account_deleted")
    post_init.connect(_remember, sender=TOTPDevice, dispatch_uid="complaints_device_init")
    post_save.connect(_device_saved, sender=TOTPDevice, dispatch_uid="complaints_device_saved")
    pre_delete.connect(_refuse_device_delete, sender=TOTPDevice, dispatch_uid="complaints_device_delete")
    post_delete.connect(_device_deleted, sender=TOTPDevice, dispatch_uid="complaints_device_deleted")
