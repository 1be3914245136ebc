"""Every path that changes an account reaching reports, watched through Django's signals
(accounts.py holds the rules they apply): a membership added is turned back into a request, a
password set by someone else or a device removed is audited, a protected group keeps its name."""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_delete, pre_save
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints.roles import COMPLAINT_GROUPS
from kpp_portal import serving

from . import recipients, session
from .accounts import current_actor, is_protected, lock_second_factor, record, request_membership
from .models import AuditEntry, PersonKey

Action = AuditEntry.Action
User = get_user_model()


# -- memberships ---------------------------------------------------
def _pairs(instance, reverse, pk_set):
    """(user, group) pairs of a membership change that touch a protected group; pk_set is None
    for a clear()."""
    if reverse:  # group.user_set.…
        if instance.name not in COMPLAINT_GROUPS:
            return []
        users = instance.user_set.all() if pk_set is None else User.objects.filter(pk__in=pk_set)
        return [(user, instance) for user in users]
    groups = Group.objects.filter(name__in=COMPLAINT_GROUPS)
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
        for user, group in instance.__dict__.pop("_complaint_memberships_leaving", []):
            record(Action.MEMBER_REMOVED, user, _("ออกจากกลุ่ม %(group)s") % {"group": group.name})
            recipients.remove_unneeded(user)


def _refuse_group_rename(sender, instance, **kwargs):
    if instance.pk is None:
        return
    old = Group.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    if old != instance.name and (old in COMPLAINT_GROUPS or instance.name in COMPLAINT_GROUPS):
        raise PermissionDenied(_("เปลี่ยนชื่อกลุ่มที่เข้าถึงเรื่องร้องเรียนไม่ได้"))


def _refuse_group_delete(sender, instance, **kwargs):
    if instance.name in COMPLAINT_GROUPS:
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
    password = user._password
    if password is None or not (user.is_staff or PersonKey.objects.filter(user=user).exists()):
        return
    actor = current_actor()
    own = not created and actor is not None and actor.pk == user.pk
    private = recipients.password_changed(user, password, session.session_private_key() if own else None,
                                          own=own)
    request = serving.current()
    if own and private is not None and request is not None and hasattr(request, "session"):
        session.remember_private(request, private)


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
        lock_second_factor(instance)
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

    user_logged_in.connect(session.on_login, dispatch_uid="complaints_keys_login")
    user_logged_out.connect(session.on_logout, dispatch_uid="complaints_keys_logout")
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
