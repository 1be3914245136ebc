import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/", "/disclosures/", "/committees/", "/feedback/", "/procurement/", "/complaints/", "/about/"]
)
def test_every_section_answers_in_thai(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="th">' in response.content.decode()
