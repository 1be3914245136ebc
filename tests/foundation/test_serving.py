"""One way to know the request being served (kpp_portal/serving.py)."""
from django.conf import settings
from django.test import RequestFactory

from kpp_portal import serving


def test_one_middleware_at_the_top_sets_it_for_every_later_layer():
    assert settings.MIDDLEWARE[0] == "kpp_portal.serving.ServingMiddleware"
    assert not [name for name in settings.MIDDLEWARE if name.endswith("ActorMiddleware")]
    request = RequestFactory().get("/")
    seen = []
    middleware = serving.ServingMiddleware(lambda served: seen.append(serving.current()) or "answer")
    assert middleware(request) == "answer" and seen == [request]
    assert serving.current() is None
