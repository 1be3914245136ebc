from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import signals
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kpp_portal"
    verbose_name = _("ข้อมูลหน่วยงาน")

    def ready(self):
        from . import antispam, choices, filecleanup, pagecache

        filecleanup.connect()

        unknown = sorted(set(settings.RATE_LIMIT_OVERRIDES) - set(antispam.LIMITS))
        if unknown:
            raise ImproperlyConfigured(
                f"RATE_LIMIT_OVERRIDES names no such limit: {', '.join(unknown)} "
                f"(the limits: {', '.join(antispam.LIMITS)})"
            )
        for signal, name in [(signals.post_save, "save"), (signals.post_delete, "delete"),
                             (signals.m2m_changed, "m2m")]:
            signal.connect(pagecache.portal_data_changed, dispatch_uid=f"pagecache-{name}")
        _name_auth_links()
        choices.install()


def _name_auth_links():
    # The admin's delete confirmation lists a group's or a user's links by their tables' names,
    # which Django makes up in English ("Group-permission relationship").
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model()
    for link, name in [(Group.permissions, _("สิทธิ์ของกลุ่ม")), (user.groups, _("การเป็นสมาชิกกลุ่ม")),
                       (user.user_permissions, _("สิทธิ์ของผู้ใช้"))]:
        link.through._meta.verbose_name = link.through._meta.verbose_name_plural = name
        link.through.__str__ = _linked  # not "User_groups object (1)"


def _linked(link):
    return " – ".join(str(getattr(link, field.name)) for field in link._meta.concrete_fields
                      if field.is_relation)
