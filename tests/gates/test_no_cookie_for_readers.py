"""People who only read the portal get no cookie: nothing on their device says they were here
(whistleblowers read these pages too), and public pages stay cacheable (kpp_portal.pagecache)."""

from .conftest import READING_PAGES


# One test over every reading page: the demo content is loaded once, not once per page.
def test_reading_a_public_page_sets_no_cookie(client, demo_content):
    problems = []
    for path in READING_PAGES:
        client.cookies.clear()
        response = client.get(path, follow=True)  # /disclosures/ita/ leads to the latest year
        if response.status_code != 200:
            problems.append(f"{path}: {response.status_code}")
        if response.cookies:
            problems.append(f"{path}: sets {sorted(response.cookies)}")
        if "Cookie" in response.get("Vary", ""):
            problems.append(f"{path}: varies by cookie")
    assert problems == []


def test_language_switch_works_without_a_token(demo_content):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/about/"})
    assert response.status_code == 302
    assert response["Location"] == "/about/"
    assert client.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get("/about/").content.decode()


def test_language_switch_refuses_an_outside_next(demo_content, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
