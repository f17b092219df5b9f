"""The page cache's generation: one token that every purge replaces, and that says which
cached pages, fragments and per-process memos are still valid.

Every request reads it, so reading must cost next to nothing. With Redis, each process
subscribes to a purge channel and keeps the token in memory: a purge writes the new token
and publishes it, and before each use the process drains, without waiting, what arrived on
its subscription. A purge that has returned is therefore seen by the next request of every
worker, without a round trip to Redis per request. The memory is trusted for at most
TRUST_SECONDS (a silently dead subscription cannot hide a purge longer than that); when the
subscription breaks, every read goes to Redis until it is back.

Other cache backends (local memory, files) are read on every request, as before.
"""

import contextlib
import logging
import os
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

GENERATION_KEY = "nec:page-cache:generation"
CHANNEL_KEY = "nec:page-cache:purged"
TRUST_SECONDS = 2.0
RETRY_SECONDS = 5.0
SUBSCRIBE_TIMEOUT = 0.5


def redis_client(cache):
    """The redis-py client behind a Django Redis cache, or None for other backends."""
    if not isinstance(cache, RedisCache):
        return None
    return cache._cache.get_client(write=True)


def read_shared(cache):
    """The generation as stored in the shared cache (None if the cache is unreachable)."""
    return cache.get(GENERATION_KEY)


class Subscription:
    """One process's view of the generation on Redis. See the module docstring."""

    def __init__(self):
        self.lock = threading.Lock()
        self.cache = None
        self.pid = None
        self.pubsub = None
        self.value = None
        self.checked_at = 0.0
        self.retry_at = 0.0

    def read(self, cache):
        if not isinstance(cache, RedisCache):
            return read_shared(cache)
        # One thread at a time drains the subscription; another one meanwhile asks Redis.
        if not self.lock.acquire(blocking=False):
            return read_shared(cache)
        try:
            return self._read(cache)
        finally:
            self.lock.release()

    def note(self, cache, generation):
        """This process has just purged: no need to wait for its own message."""
        with self.lock:
            if self.cache is cache and self.pid == os.getpid() and self.pubsub is not None:
                self.value = generation
                self.checked_at = time.monotonic()

    def _read(self, cache):
        if self.cache is not cache or self.pid != os.getpid():
            self._drop(close=self.pid == os.getpid())
            self.cache, self.pid, self.retry_at = cache, os.getpid(), 0.0
        now = time.monotonic()
        if self.pubsub is None and (now < self.retry_at or not self._subscribe(cache)):
            return read_shared(cache)
        try:
            while (message := self.pubsub.get_message(timeout=0)) is not None:
                if message["type"] == "message":
                    self.value = message["data"].decode()
                    self.checked_at = now
        except (RedisError, OSError) as error:
            logger.warning("Page cache subscription lost (%s): reading Redis directly.", error)
            self._drop(close=True)
            self.retry_at = now + RETRY_SECONDS
            return read_shared(cache)
        if self.value is None or now - self.checked_at > TRUST_SECONDS:
            self.value = read_shared(cache)
            self.checked_at = now
        return self.value

    def _subscribe(self, cache):
        """Subscribe and wait for Redis to confirm, so that no purge falls in between."""
        try:
            pubsub = redis_client(cache).pubsub()
            pubsub.subscribe(cache.make_key(CHANNEL_KEY))
            deadline = time.monotonic() + SUBSCRIBE_TIMEOUT
            while time.monotonic() < deadline:
                message = pubsub.get_message(timeout=SUBSCRIBE_TIMEOUT)
                if message is not None and message["type"] == "subscribe":
                    self.pubsub, self.value = pubsub, None
                    return True
            pubsub.close()
        except (RedisError, OSError) as error:
            logger.warning("Page cache subscription unavailable: %s", error)
        self.retry_at = time.monotonic() + RETRY_SECONDS
        return False

    def _drop(self, close):
        if self.pubsub is not None and close:
            with contextlib.suppress(RedisError, OSError):
                self.pubsub.close()
        # After a fork the parent's connection is left alone: closing it would cut it
        # for the parent too.
        self.pubsub, self.value = None, None


_subscription = Subscription()


def read(cache):
    """The current generation, or None if the cache is unreachable. May raise what the
    cache raises (callers degrade to uncached serving)."""
    return _subscription.read(cache)


def announce(cache, generation):
    """Tell every process that `generation` is the current one (after it is stored)."""
    client = redis_client(cache)
    if client is None:
        return
    try:
        client.publish(cache.make_key(CHANNEL_KEY), generation)
    except (RedisError, OSError) as error:
        # The other processes still see it within TRUST_SECONDS.
        logger.error("Page cache purge not announced: %s", error)
    _subscription.note(cache, generation)
