from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, with Buddhist-Era dates installed before any ModelAdmin is registered
    (each one copies the form field defaults when it is created): kpp_portal/admin_dates.py;
    and a landing page per role (kpp_portal/admin_site.py)."""

    default_site = "kpp_portal.admin_site.PortalAdminSite"

    def ready(self):
        from . import admin_dates

        admin_dates.install()
        super().ready()
