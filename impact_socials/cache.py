"""A Redis cache that degrades instead of failing, so pages render and forms save with Redis down.

While Redis cannot be reached, reads miss, writes are dropped and ``add`` reports success. The
price, for as long as the outage lasts: nothing is cached, and DRF's API throttles are not
enforced (cheap reads may fail open).

The counters that stop password guessing and sign-up floods do not fail open: allauth's
(``allauth:rl:…``, login failures and sign-ups) and django-ratelimit's (``rl:…``, posting) move to
the database cache named ``rate_limits`` in settings.CACHES while Redis is down. Its table is
made by ``createcachetable``, which ``create_cache_tables`` runs after every ``migrate``.

After a failure the backend leaves Redis alone for ``retry_after`` seconds, so an outage costs
one failed connection per process every few seconds, not one per cache call.
"""

import logging
import time

from django.core.cache import InvalidCacheBackendError, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# allauth's rate-limit keys and django-ratelimit's (its RATELIMIT_CACHE_PREFIX default).
COUNTER_PREFIXES = ("allauth:rl:", "rl:")
SPARE_ALIAS = "rate_limits"


def spare_for(key):
    """Where a rate-limit counter lives while Redis is down; None for every other key."""
    if not isinstance(key, str) or not key.startswith(COUNTER_PREFIXES):
        return None
    try:
        return caches[SPARE_ALIAS]
    except InvalidCacheBackendError:
        return None


def create_cache_tables(using="default", **kwargs):
    """post_migrate receiver (directory/apps.py): the database cache's table, if missing."""
    call_command("createcachetable", database=using, verbosity=0)


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
        if not self.is_down:
            try:
                return method(self, *args)
            except UNREACHABLE as error:
                self._down_until = time.monotonic() + self.retry_after
                logger.warning("Cache unreachable, carrying on without it: %s", error)
        spare = spare_for(args[0]) if args else None
        if spare is not None:
            return getattr(spare, method.__name__)(*args)
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
