"""ITA/OIT evidence: the general opinion channel itself."""

from django.urls import reverse
from django.utils.translation import gettext as _


def evidence(fiscal_year):
    return {"opinion-channel": [(_("ช่องทางการรับฟังความคิดเห็น / ติดต่อเสนอแนะทั่วไป"), reverse("feedback:index"))]}
