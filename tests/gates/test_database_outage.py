"""A lost database must answer the Thai 503 page at once, wherever the query happens.

The outage is simulated by making every new cursor fail as psycopg does when PostgreSQL is
gone (Django turns it into OperationalError). bench/faults does the same with a real server
stopped mid-load.
"""
import pytest
from django.db import OperationalError, connection
from django.test import Client

THAI_503_TITLE = "ระบบไม่พร้อมให้บริการชั่วคราว"


@pytest.fixture
def database_down(db):
    def refuse():
        raise OperationalError("connection refused: is the server running?")

    # Patched and restored here, not with monkeypatch: the test database's rollback at
    # teardown needs the real connection back first.
    connection.ensure_connection = refuse
    yield
    del connection.ensure_connection


@pytest.fixture
def client():
    # Failures outside the view reach Django's handler500; the test client would re-raise them.
    return Client(raise_request_exception=False)


def assert_thai_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert THAI_503_TITLE in response.content.decode()


def test_page_whose_context_processor_queries_answers_503(client, database_down):
    # The home page's only query is the identity record in the context processor.
    assert_thai_503(client.get("/"))


def test_session_saved_by_middleware_answers_503(client, database_down, settings):
    settings.ROOT_URLCONF = "tests.gates.urls"
    assert_thai_503(client.get("/test/session-write"))


def test_not_found_page_during_outage_answers_503(client, database_down):
    assert_thai_503(client.get("/no-such-page/"))


def test_logged_in_visitor_during_outage_answers_503(client, database_down):
    client.cookies["sessionid"] = "x" * 32
    assert_thai_503(client.get("/admin/"))


def test_healthz_says_503(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503


def test_other_server_errors_stay_500(client, settings, monkeypatch):
    settings.ROOT_URLCONF = "tests.gates.urls"

    def broken(*args, **kwargs):
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.save", broken)
    response = client.get("/test/session-write")
    assert response.status_code == 500
    assert THAI_503_TITLE not in response.content.decode()


def test_database_back_serves_again(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 200
