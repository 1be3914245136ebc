"""The complaint-handling manual is the portal's sample until the municipality adopts it."""
import datetime

import pytest
from django.urls import reverse

from complaints import ita
from kpp_portal.models import MunicipalityProfile

pytestmark = pytest.mark.django_db
SAMPLE = "ตัวอย่างคู่มือที่ระบบเตรียมไว้ ยังไม่ใช่ขั้นตอนที่เทศบาลประกาศใช้"


def test_the_manual_says_it_is_a_sample_until_adopted(client, settings):
    settings.COMPLAINT_ACKNOWLEDGE_DAYS, settings.COMPLAINT_CONCLUDE_DAYS = 10, 60
    body = client.get(reverse("complaints:manual")).content.decode()
    assert SAMPLE in body and "ตอบรับ 10 วันและแจ้งผล 60 วัน" in body
    assert "complaint-manual" not in ita.evidence(2569)  # a sample proves nothing
    profile = MunicipalityProfile.current()
    profile.complaint_manual_adopted_on = datetime.date(2026, 10, 1)
    profile.save()
    body = client.get(reverse("complaints:manual")).content.decode()
    assert SAMPLE not in body and "ประกาศใช้เมื่อ 1 ต.ค. 2569" in body
    assert "complaint-manual" in ita.evidence(2570)
    assert "complaint-manual" not in ita.evidence(2569)  # promulgated after that year ended
