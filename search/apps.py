from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("ค้นหาทั้งเว็บไซต์")

    def ready(self):
        from . import index

        index.connect()
