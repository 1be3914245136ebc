"""What the portal's privacy notice (/privacy/) says about each channel that collects personal data.

One entry per form a citizen can fill in: what it collects, why, how long it is kept (read from
the retention settings, so the notice cannot drift from what the purge commands do) and who
reads it. Each app declares its own in its `privacy.py` (`channels()`, and PRIVATE_PATHS where
nothing may outlive the visit); this module collects them through kpp_portal.discovery.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .discovery import app_modules


@dataclass
class Channel:
    name: str
    url: str
    collects: str
    purpose: str
    retention: str  # may say %(period)s: `keeps_days` in days or years, from the retention setting
    readers: str
    keeps_days: int | None = None

    def __post_init__(self):
        if self.keeps_days is not None:
            self.retention = self.retention % {"period": days(self.keeps_days)}


def days(count):
    years, rest = divmod(count, 365)
    if years and not rest:
        return _("%(years)s ปี") % {"years": years}
    return _("%(days)s วัน") % {"days": count}


def all_channels():
    """Every app's entries, in INSTALLED_APPS order."""
    return [channel for _app, module in app_modules("privacy") if hasattr(module, "channels")
            for channel in module.channels()]


def rights_request_urls():
    """{right: url of the form that carries it} from the apps' privacy.rights_requests(): the
    notice links each right of a data subject to where it is exercised."""
    urls = {}
    for _app, module in app_modules("privacy"):
        if hasattr(module, "rights_requests"):
            urls.update(module.rights_requests())
    return urls
