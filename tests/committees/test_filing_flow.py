import pytest

from kpp_portal.forms import issue_token
from tests.filing import files_one_way

pytestmark = pytest.mark.django_db


def test_the_opinion_files_one_way(client, settings, open_consultation):
    url = open_consultation.get_absolute_url()
    files_one_way(client, settings, url=url, count=open_consultation.opinions.count, limit="opinion",
                  then=url,
                  data=lambda: {"body": "อยากให้มีที่จอดรถเพิ่ม", "form_token": issue_token()})
