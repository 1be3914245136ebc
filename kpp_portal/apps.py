from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kpp_portal"
    verbose_name = _("ข้อมูลหน่วยงาน")
