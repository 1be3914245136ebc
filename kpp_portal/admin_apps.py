from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from post_office.apps import PostOfficeConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, with Buddhist-Era dates installed before any ModelAdmin is registered
    (each one copies the form field defaults when it is created): kpp_portal/admin_dates.py;
    and a landing page per role (kpp_portal/admin_site.py)."""

    default_site = "kpp_portal.admin_site.PortalAdminSite"

    def ready(self):
        from . import admin_dates

        admin_dates.install()
        super().ready()


class OutboxConfig(PostOfficeConfig):
    """django-post-office, the outbox (kpp_portal/outbox.py), named in Thai in the admin."""

    verbose_name = _("อีเมลที่ส่ง")

    def ready(self):
        super().ready()
        from post_office.models import Email, Log

        Email._meta.verbose_name = Email._meta.verbose_name_plural = _("อีเมลในคิวและที่ส่งแล้ว")
        Log._meta.verbose_name = Log._meta.verbose_name_plural = _("บันทึกการส่ง")
