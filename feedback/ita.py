"""ITA/OIT evidence: the general opinion channel itself."""

from django.urls import reverse


def evidence(fiscal_year):
    return {"opinion-channel": [("ช่องทางการรับฟังความคิดเห็น / ติดต่อเสนอแนะทั่วไป", reverse("feedback:index"))]}
