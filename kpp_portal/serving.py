"""The request being served, for code below the view that is not handed it (model signals, the
page cache's generation, who makes a change): one context variable, set by one middleware at
the top of the stack, so every later middleware and the view see the same request object."""
import contextlib
from contextvars import ContextVar

_request = ContextVar("kpp_portal_serving", default=None)


def current():
    """The request being served, or None (the shell, a command)."""
    return _request.get()


@contextlib.contextmanager
def serving(request):
    """`request` is the one being served while the block runs (the middleware; tests)."""
    token = _request.set(request)
    try:
        yield request
    finally:
        _request.reset(token)


class ServingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with serving(request):
            return self.get_response(request)
