import pytest
from django.urls import reverse

from feedback import ita
from kpp_portal.ita import TOPICS

pytestmark = pytest.mark.django_db


def test_the_channel_is_evidence_every_year():
    for year in (2500, 2569):
        [(title, url)] = ita.evidence(year)["opinion-channel"]
        assert url == "/feedback/" and "opinion-channel" in TOPICS


def test_sitemap_lists_the_channel_and_its_follow_up_page(client):
    xml = client.get("/sitemap.xml").content.decode()
    for path in (reverse("feedback:index"), reverse("feedback:follow_up")):
        assert f"{path}</loc>" in xml, path
