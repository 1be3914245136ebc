import pytest

from tests.filing import files_one_way

from .test_hearing import _comment, _url, open_tor  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_the_draft_tor_comment_files_one_way(client, settings, open_tor):  # noqa: F811
    url = _url(open_tor)
    files_one_way(client, settings, url=url, count=open_tor.comments.count, limit="procurement-hearing",
                  then=url, data=lambda: _comment(body="ขอให้ระบุมาตรฐานวัสดุให้ชัดเจนกว่านี้"))
