"""People who only read the portal get no cookie: nothing on their device says they were here
(whistleblowers read these pages too), and public pages stay cacheable (kpp_portal.pagecache)."""

from .conftest import PublicPages


# Every kind of public page in one test (the demo content is loaded once). A page whose form
# carries a CSRF token sets its cookie by design (the language switch needs none).
def test_reading_a_public_page_sets_no_cookie(client, demo):
    problems, reading = [], 0
    for path in PublicPages(client).paths:
        client.cookies.clear()
        response = client.get(path)
        if b'name="csrfmiddlewaretoken"' in response.content:
            continue
        reading += 1
        if response.cookies:
            problems.append(f"{path}: sets {sorted(response.cookies)}")
        if "Cookie" in response.get("Vary", ""):
            problems.append(f"{path}: varies by cookie")
    assert problems == [] and reading > 40


def test_language_switch_works_without_a_token(demo):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/about/"})
    assert response.status_code == 302
    assert response["Location"] == "/about/"
    assert client.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get("/about/").content.decode()


def test_language_switch_refuses_an_outside_next(demo, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
