from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("บริการออนไลน์ (E-Service)")

    def ready(self):
        from . import notices  # noqa: F401  (connects the sending of queued notices)
