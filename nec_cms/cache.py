"""A Redis cache that degrades instead of failing.

When Redis is down or slow, every read is a miss and every write is dropped, with one
warning in the log: the site serves uncached pages rather than errors. After a failure,
Redis is left alone for RETRY_AFTER seconds so that each request does not wait on it.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _call(self, name, default, *args, **kwargs):
        if self._down_until and time.monotonic() < self._down_until:
            return default
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except (RedisError, OSError) as error:
            if not self._down_until:
                logger.warning("Cache unavailable (%s on %s): serving without it.", error, name)
            self._down_until = time.monotonic() + self.RETRY_AFTER
            return default
        if self._down_until:
            logger.warning("Cache available again.")
            self._down_until = 0.0
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        # Django raises ValueError for a missing key; keep that contract when Redis is down.
        result = self._call("incr", None, key, delta, version)
        if result is None:
            raise ValueError(f"Key '{key}' not found (cache unavailable).")
        return result

    def clear(self):
        return self._call("clear", False)
