"""Django's Redis cache, made to keep one client and to carry on when Redis is unreachable.

One client: Django's client makes a new `redis.Redis` object for every get and set; in redis-py
that object fills a table of reply callbacks each time, which cost about as much as the round
trip itself and made up half of serving a cached public response. The connection pool was shared
all along; now the client over it is too (Django keeps one cache object per thread, so it is
never shared between threads).

Carrying on: everything this project keeps in the cache can be done without it (rendered
responses are rendered again, rate limits are counted in the process, the heartbeat is only
reported), so an unreachable Redis must never turn a page into an error. Reads answer as misses
and writes are dropped, with one warning when Redis goes away and one when it is back; for
BREAKER_SECONDS after a failure Redis is not even tried, so requests do not each wait for a
connection attempt. Short socket timeouts (OPTIONS in settings) bound the attempt itself.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

BREAKER_SECONDS = 5.0
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
T = TypeVar("T")


class CacheUnavailable(Exception):
    """Redis cannot be reached now; callers that must count something count elsewhere."""


class _Breaker:
    """Shared by every thread of the process: Redis is down for all of them at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._down = False

    def is_open(self) -> bool:
        with self._lock:
            return time.monotonic() < self._down_until

    def failed(self, exc: BaseException) -> None:
        with self._lock:
            self._down_until = time.monotonic() + BREAKER_SECONDS
            first = not self._down
            self._down = True
        if first:
            logger.warning(
                "the cache (Redis) is unreachable, carrying on without it: %s", exc or type(exc)
            )

    def succeeded(self) -> None:
        with self._lock:
            was_down, self._down = self._down, False
        if was_down:
            logger.warning("the cache (Redis) is reachable again")

    def reset(self) -> None:
        with self._lock:
            self._down_until, self._down = 0.0, False


breaker = _Breaker()


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Both are Django's own, private to its client and so absent from django-stubs.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client

    def _guarded(self, call: Callable[[], T], fallback: T) -> T:
        if breaker.is_open():
            return fallback
        try:
            result = call()
        except UNREACHABLE as exc:
            breaker.failed(exc)
            return fallback
        breaker.succeeded()
        return result

    def _required(self, call: Callable[[], T]) -> T:
        if breaker.is_open():
            raise CacheUnavailable("the cache (Redis) is unreachable")
        try:
            result = call()
        except UNREACHABLE as exc:
            breaker.failed(exc)
            raise CacheUnavailable(f"the cache (Redis) is unreachable: {exc}") from exc
        breaker.succeeded()
        return result

    # Reads miss and writes are dropped while Redis is away.
    def get(self, key: Any, default: Any) -> Any:
        return self._guarded(
            lambda: super(ResilientRedisCacheClient, self).get(key, default), default
        )

    def get_many(self, keys: Any) -> Any:
        nothing: dict[Any, Any] = {}
        return self._guarded(lambda: super(ResilientRedisCacheClient, self).get_many(keys), nothing)

    def has_key(self, key: Any) -> Any:
        return self._guarded(lambda: super(ResilientRedisCacheClient, self).has_key(key), False)

    def set(self, key: Any, value: Any, timeout: Any) -> Any:
        return self._guarded(
            lambda: super(ResilientRedisCacheClient, self).set(key, value, timeout), None
        )

    def set_many(self, data: Any, timeout: Any) -> Any:
        # Django's client answers None here (RedisCache.set_many makes its own answer).
        return self._guarded(
            lambda: super(ResilientRedisCacheClient, self).set_many(data, timeout), None
        )

    def touch(self, key: Any, timeout: Any) -> Any:
        return self._guarded(
            lambda: super(ResilientRedisCacheClient, self).touch(key, timeout), False
        )

    def delete(self, key: Any) -> Any:
        return self._guarded(lambda: super(ResilientRedisCacheClient, self).delete(key), False)

    def delete_many(self, keys: Any) -> Any:
        return self._guarded(lambda: super(ResilientRedisCacheClient, self).delete_many(keys), None)

    def clear(self) -> Any:
        return self._guarded(lambda: super(ResilientRedisCacheClient, self).clear(), False)

    # What the caller decides on (was it added? what is the count?) cannot be made up.
    def add(self, key: Any, value: Any, timeout: Any) -> Any:
        return self._required(
            lambda: super(ResilientRedisCacheClient, self).add(key, value, timeout)
        )

    def incr(self, key: Any, delta: Any) -> Any:
        return self._required(lambda: super(ResilientRedisCacheClient, self).incr(key, delta))

    def run(self, call: Callable[[Any], T]) -> T:
        """`call(redis_client)`, or CacheUnavailable: for what Django's API has no word for."""
        return self._required(lambda: call(self.get_client(write=True)))


class RedisCache(DjangoRedisCache):
    """Drop-in for django.core.cache.backends.redis.RedisCache."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    def run(self, call: Callable[[Any], T]) -> T:
        """Run `call` on the Redis client (atomic counters); CacheUnavailable when Redis is away."""
        client = cast(ResilientRedisCacheClient, self._cache)  # _class above makes it one
        return client.run(call)
