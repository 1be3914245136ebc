"""The complaint channel's entrance sends each kind of matter to where it is handled."""
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _links_of_the_item_naming(html, words):
    item = next(item for item in re.findall(r"<li[^>]*>(.*?)</li>", html, re.S) if words in item)
    return re.findall(r'href="([^"]+)"', item)


def test_faults_go_to_the_e_service_and_opinions_to_feedback(client):
    html = client.get(reverse("complaints:index")).content.decode()
    assert _links_of_the_item_naming(html, "ไฟทางดับ") == [reverse("services:index")]
    assert _links_of_the_item_naming(html, "ความคิดเห็นทั่วไป") == [reverse("feedback:index")]
