"""A body over REQUEST_MAX_BYTES is refused from its Content-Length, before anything reads it."""
import io

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db


class WatchedBody(io.BytesIO):
    """A request body that remembers whether anything read it."""

    was_read = False

    def read(self, *args):
        self.was_read = True
        return super().read(*args)

    def readline(self, *args):
        self.was_read = True
        return super().readline(*args)


def post_declaring(client, path, length, content=b"--x--\r\n"):
    body = WatchedBody(content)
    response = client.generic("POST", path, content, content_type="multipart/form-data; boundary=x",
                              CONTENT_LENGTH=str(length), **{"wsgi.input": body})
    return response, body


@pytest.mark.parametrize("path", ["/complaints/report/", "/feedback/", "/admin/login/", "/"])
def test_an_oversized_body_is_refused_unread_with_the_thai_page(client, settings, path):
    settings.REQUEST_MAX_BYTES = 1000
    response, body = post_declaring(client, path, 200 * 1024 * 1024)
    assert response.status_code == 413
    assert "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป" in response.content.decode()
    assert not body.was_read  # so no temporary file was written either


def test_no_rate_limit_or_session_runs_for_an_oversized_body(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    settings.RATE_LIMIT_OVERRIDES = {"complaint-submit": (1, 3600)}
    for _ in range(3):
        response, _body = post_declaring(client, "/complaints/report/", 5000)
        assert response.status_code == 413
    assert not response.cookies
    from django.core.cache import caches

    assert not caches["limits"]._cache  # nothing counted


def test_a_body_within_the_limit_reaches_the_view(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response, body = post_declaring(client, "/feedback/", 7)
    assert response.status_code != 413 and body.was_read


def test_the_limit_sits_before_everything_that_reads_a_body_and_fits_the_largest_report():
    order = django_settings.MIDDLEWARE
    limit = order.index("kpp_portal.middleware.RequestSizeLimitMiddleware")
    for later in ("whitenoise.middleware.WhiteNoiseMiddleware",
                  "kpp_portal.pagecache.PublicPageCacheMiddleware",
                  "django.contrib.sessions.middleware.SessionMiddleware",
                  "django.middleware.csrf.CsrfViewMiddleware"):
        assert limit < order.index(later)
    largest_report = django_settings.COMPLAINT_UPLOAD_MAX_BYTES * django_settings.COMPLAINT_MAX_FILES
    assert django_settings.REQUEST_MAX_BYTES > max(largest_report, django_settings.UPLOAD_MAX_BYTES)
