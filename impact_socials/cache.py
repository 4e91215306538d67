"""A Redis cache that degrades instead of failing, so pages render and forms save with Redis down.

While Redis cannot be reached, reads miss, writes are dropped and ``add`` reports success. The
price, for as long as the outage lasts: nothing is cached, and the rate limits kept in the cache
(allauth's login throttling, django-ratelimit on posting, DRF's API throttles) are not enforced.
They fail open on purpose: allauth waits a second for a lock it cannot take and then refuses
the sign-in, so failing closed would turn every sign-in into an error page.

After a failure the backend leaves Redis alone for ``retry_after`` seconds, so an outage costs
one failed connection per process every few seconds, not one per cache call.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class TolerantRedisCache(RedisCache):
    retry_after = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        # Fail within a fraction of a second rather than after redis-py's retries with backoff.
        self._options = {
            "socket_connect_timeout": 0.5,
            "socket_timeout": 1.0,
            "retry": Retry(NoBackoff(), 1),
            **self._options,
        }
        self._down_until = 0.0

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _try(self, fallback, method, *args):
        if self.is_down:
            return fallback
        try:
            return method(self, *args)
        except UNREACHABLE as error:
            self._down_until = time.monotonic() + self.retry_after
            logger.warning("Cache unreachable, carrying on without it: %s", error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(True, RedisCache.add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._try(default, RedisCache.get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._try(None, RedisCache.set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(False, RedisCache.touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._try(False, RedisCache.delete, key, version)

    def get_many(self, keys, version=None):
        return self._try({}, RedisCache.get_many, keys, version)

    def has_key(self, key, version=None):
        return self._try(False, RedisCache.has_key, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._try(None, RedisCache.incr, key, delta, version)
        if result is None:  # callers already handle a missing key
            raise ValueError(f"Key '{key}' not found: the cache is unreachable.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(list(data), RedisCache.set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._try(None, RedisCache.delete_many, keys, version)

    def clear(self):
        return self._try(False, RedisCache.clear)
