from django.apps import AppConfig
from django.db.models import signals
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kpp_portal"
    verbose_name = _("ข้อมูลหน่วยงาน")

    def ready(self):
        signals.post_save.connect(_portal_data_changed, dispatch_uid="pagecache-save")
        signals.post_delete.connect(_portal_data_changed, dispatch_uid="pagecache-delete")
        signals.m2m_changed.connect(_portal_data_changed, dispatch_uid="pagecache-m2m")


def _portal_data_changed(sender, **kwargs):
    """A public page may show this row: cached pages are stale (sessions, users are not shown)."""
    from . import pagecache
    from .discovery import is_portal_app

    label = sender._meta.app_label
    if is_portal_app(label) and label not in pagecache.NOT_INVALIDATING_APPS:
        pagecache.invalidate()
