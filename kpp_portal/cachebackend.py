"""The Redis cache as an accelerator: when Redis fails, the portal runs without it.

Every use of a cache here (whole pages, fragments, the identity record, rate-limit and login
counters) has an answer for "not there": render the page, count nothing. So an error from
Redis (refused, timed out, out of memory) is answered as a miss: get returns the default,
writes report failure, incr counts as if the key were new. Pages are slower, never errors; a
rate limit or a login counter stops counting while its Redis is away (nginx still limits per
address) and the log says so, once per RETRY_SECONDS, naming the cache and the error class
only, never a key or anything of the request.

While a cache is failing, each process skips it for RETRY_SECONDS instead of waiting for
another timeout on every call (a page makes several). Why not django-redis with
IGNORE_EXCEPTIONS: one more dependency replacing Django's own backend, and it would still wait
out the socket timeout on every call.
"""
import functools
import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

RETRY_SECONDS = 5.0
logger = logging.getLogger(__name__)

_down_until = {}  # cache LOCATION -> monotonic time before which it is not tried again
_down_lock = threading.Lock()


def _tolerant(on_failure):
    """Run the method; on a Redis error (or while the cache is known down) return on_failure(args)."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if _down_until.get(self._location, 0.0) > time.monotonic():
                return on_failure(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self._failed(error)
                return on_failure(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, version=None):
    return default


def _incremented(key, delta=1, version=None):
    return delta  # as if the key had just been made: a counter that counts nothing


def _false(*args, **kwargs):
    return False


def _none(*args, **kwargs):
    return None


def _empty(*args, **kwargs):
    return {}


def _all_failed(data, timeout=DEFAULT_TIMEOUT, version=None):
    return list(data)


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = server if isinstance(server, str) else ",".join(server)

    def _failed(self, error):
        with _down_lock:
            already = _down_until.get(self._location, 0.0) > time.monotonic()
            _down_until[self._location] = time.monotonic() + RETRY_SECONDS
        if not already:
            logger.warning("cache %s unavailable (%s): serving without it; rate limits and login "
                           "counters kept there do not count until it is back; retrying in %d s",
                           self._alias(), type(error).__name__, RETRY_SECONDS)

    def _alias(self):
        from django.conf import settings

        names = [name for name, conf in settings.CACHES.items() if conf.get("LOCATION") == self._location]
        return "/".join(names) or "?"

    add = _tolerant(_false)(RedisCache.add)
    get = _tolerant(_default)(RedisCache.get)
    set = _tolerant(_none)(RedisCache.set)
    touch = _tolerant(_false)(RedisCache.touch)
    delete = _tolerant(_false)(RedisCache.delete)
    get_many = _tolerant(_empty)(RedisCache.get_many)
    has_key = _tolerant(_false)(RedisCache.has_key)
    incr = _tolerant(_incremented)(RedisCache.incr)
    set_many = _tolerant(_all_failed)(RedisCache.set_many)
    delete_many = _tolerant(_none)(RedisCache.delete_many)
    clear = _tolerant(_false)(RedisCache.clear)


def forget_failures():
    """Try every cache again at once (the tests, after pointing a cache elsewhere)."""
    with _down_lock:
        _down_until.clear()
