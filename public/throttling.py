"""Anonymous rate limits for the public API: per client address, counted atomically.

The client's address is the connection's own (REMOTE_ADDR) unless proxies in front of the server
are trusted by setting (FACTCHECK_TRUSTED_PROXIES: how many there are, or their addresses): only
then is X-Forwarded-For read, and only the entry that the nearest trusted proxy added, so a
client cannot name itself a fresh address. IPv6 clients are counted per /64, the block one
subscriber is given.

Counting is a sliding window over two fixed windows, kept in Redis with INCR (atomic, so 16
concurrent requests cannot all read the same count) and an expiry. A request refused is taken
off the count again, so a client that keeps asking regains its quota as the window slides.
Without Redis (the embedded default, or Redis unreachable) the counts are kept in the process,
which is exact for one process and said in the log when it happens.

Hand-written because DRF's throttles read, modify and write back a list of timestamps in the
cache (not atomic) and trust any X-Forwarded-For unless NUM_PROXIES is set.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import math
import threading
import time
from typing import Any

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import BaseThrottle

from caching.backend import CacheUnavailable, RedisCache

logger = logging.getLogger(__name__)

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """("120/minute") -> (120, 60): requests and the seconds they are counted over."""
    count, _, period = rate.partition("/")
    return int(count), _PERIODS[period[0]]


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip().strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def _trusted(address: str) -> bool:
    ip = _address(address)
    return ip is not None and any(
        ip in ipaddress.ip_network(network) for network in settings.FACTCHECK_TRUSTED_PROXY_NETWORKS
    )


def client_address(request: Any) -> str:
    """The address the request came from, as far as the trusted proxies vouch for it."""
    remote = str(request.META.get("REMOTE_ADDR", "")).strip()
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    chain = [*forwarded, remote]  # the nearest hop last
    count = int(settings.FACTCHECK_TRUSTED_PROXY_COUNT)
    if count:
        found = chain[max(0, len(chain) - 1 - count)]
    elif settings.FACTCHECK_TRUSTED_PROXY_NETWORKS:
        found = next((hop for hop in reversed(chain) if not _trusted(hop)), chain[0])
    else:
        found = remote
    return found if _address(found) is not None else remote


def client_key(address: str) -> str:
    """What one client is counted under: its IPv4 address, or its IPv6 /64."""
    ip = _address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else ip or address)


class _LocalCounts:
    """Window counts in this process, for when there is no Redis to count in."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, tuple[float, int]] = {}
        self._warned = False

    def hit(self, current: str, previous: str, ttl: int) -> tuple[int, int]:
        now = time.monotonic()
        with self._lock:
            if len(self._counts) > 100_000:  # drop expired windows now and then
                self._counts = {k: v for k, v in self._counts.items() if v[0] > now}
            expires, count = self._counts.get(current, (now + ttl, 0))
            self._counts[current] = (expires, count + 1)
            prev_expires, prev_count = self._counts.get(previous, (0.0, 0))
            return count + 1, prev_count if prev_expires > now else 0

    def undo(self, current: str) -> None:
        with self._lock:
            expires, count = self._counts.get(current, (0.0, 1))
            self._counts[current] = (expires, max(0, count - 1))

    def warn_once(self) -> None:
        if not self._warned:
            self._warned = True
            logger.warning("rate limits are counted in each process while Redis is unreachable")


local_counts = _LocalCounts()


def _redis() -> RedisCache | None:
    backend = caches["default"]
    return backend if isinstance(backend, RedisCache) else None


def _redis_hit(redis: RedisCache, current: str, previous: str, ttl: int) -> tuple[int, int]:
    def hit(client: Any) -> tuple[int, int]:
        pipe = client.pipeline(transaction=True)  # MULTI ... EXEC: one atomic round trip
        pipe.incr(current)
        pipe.expire(current, ttl, nx=True)
        pipe.get(previous)
        count, _, before = pipe.execute()
        return int(count), int(before or 0)

    return redis.run(hit)


class PublicAnonThrottle(BaseThrottle):
    """Requests per client and rate; the rate is read per request so tests can change it."""

    scope = "public_anon"
    rate_setting = "FACTCHECK_API_ANON_RATE"  # "" in the setting turns the limit off

    def __init__(self) -> None:
        self._wait: float | None = None

    def allow_request(self, request: Any, view: Any) -> bool:
        rate: str = getattr(settings, self.rate_setting)
        if not rate:
            return True
        limit, period = parse_rate(rate)
        now = time.time()
        window = int(now // period)
        elapsed = now - window * period
        namespace = f"{settings.DATABASES['default']['NAME']}:{settings.CELERY_TASK_DEFAULT_QUEUE}"
        base = f"throttle:{namespace}:{self.scope}:{client_key(client_address(request))}"
        current, previous = f"{base}:{window}", f"{base}:{window - 1}"
        count, before, redis = self._hit(current, previous, 2 * period)
        # The previous window counts for the part of it that is still within the last period.
        weight = 1 - elapsed / period
        if before * weight + count <= limit:
            return True
        self._undo(current, redis)
        if count - 1 >= limit or before == 0:
            self._wait = period - elapsed
        else:  # until enough of the previous window has slid out
            self._wait = (before * weight + count - 1 - limit) * period / before + 1
        return False

    def _hit(self, current: str, previous: str, ttl: int) -> tuple[int, int, bool]:
        redis = _redis()
        if redis is not None:
            try:
                return (*_redis_hit(redis, current, previous, ttl), True)
            except CacheUnavailable:
                local_counts.warn_once()
        return (*local_counts.hit(current, previous, ttl), False)

    def _undo(self, current: str, counted_in_redis: bool) -> None:
        redis = _redis()
        if counted_in_redis and redis is not None:
            with contextlib.suppress(CacheUnavailable):  # else it expires with its window
                redis.run(lambda client: client.decr(current))
            return
        local_counts.undo(current)

    def wait(self) -> float | None:
        if self._wait is None:
            return None
        return float(max(1, math.ceil(self._wait)))
