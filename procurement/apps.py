from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("การจัดซื้อจัดจ้าง")

    def ready(self):
        from . import checks  # noqa: F401  (registers the settings check)
