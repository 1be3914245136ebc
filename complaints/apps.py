from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("ร้องเรียนการทุจริต")

    def ready(self):
        from . import checks, watch  # noqa: F401 (checks registers itself)

        watch.connect()
