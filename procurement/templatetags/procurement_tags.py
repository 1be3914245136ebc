from django import template

from ..models import Announcement, AnnouncementKind

register = template.Library()


@register.inclusion_tag("procurement/_latest_announcements.html")
def latest_procurement_announcements(count=5):
    """The newest published announcements and the draft TORs open for comment, for the home page."""
    published = Announcement.objects.published().select_related("project")
    return {
        "latest": published.exclude(kind=AnnouncementKind.DRAFT_TOR).order_by("-announced_on", "-pk")[:count],
        "hearings": published.open_for_comment().order_by("hearing_closes_on")[:count],
    }


@register.simple_tag
def ocds_ready():
    """Whether OCDS is published: only once the municipality has its ocid prefix."""
    from django.conf import settings

    return bool(settings.OCDS_OCID_PREFIX)
