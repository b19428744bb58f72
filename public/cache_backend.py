"""Django's Redis cache, keeping one Redis client instead of building one per cache call.

Django's client makes a new `redis.Redis` object for every get and set; in redis-py that object
fills a table of reply callbacks each time, which cost about as much as the round trip itself and
made up half of serving a cached public response. The connection pool was shared all along; now
the client over it is too (Django keeps one cache object per thread, so it is never shared
between threads).
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """Drop-in for django.core.cache.backends.redis.RedisCache."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
