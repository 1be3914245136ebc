from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import signals
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kpp_portal"
    verbose_name = _("ข้อมูลหน่วยงาน")

    def ready(self):
        from . import antispam, filecleanup, pagecache

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
