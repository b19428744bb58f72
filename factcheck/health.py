"""Health of the pieces the product needs: the database, the broker, the worker and beat."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

HEARTBEAT_KEY = "factcheck:heartbeat"


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str
    latency_ms: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _timed(probe: str, func: object) -> Check:
    started = time.perf_counter()
    try:
        detail = func()  # type: ignore[operator]
        ok = True
    except Exception as exc:
        detail, ok = f"{type(exc).__name__}: {exc}".strip()[:300], False
    return Check(
        ok=ok,
        detail=str(detail or probe),
        latency_ms=round(1000 * (time.perf_counter() - started), 1),
    )


def database_check() -> Check:
    """Run one query on the default database."""

    def probe() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return f"{connection.vendor} answers"

    return _timed("database", probe)


def broker_check(*, timeout: float = 2.0) -> Check:
    """Open (and close) a connection to the Celery broker."""
    from factcheck.celery import app

    def probe() -> str:
        with app.connection_for_write() as conn:
            # One quick second try: a refused connection is known at once, not after seconds.
            # kombu takes seconds as floats; its stubs (celery-types) say int.
            conn.ensure_connection(
                max_retries=1,
                interval_start=0,
                interval_step=0.2,  # type: ignore[arg-type]
                timeout=timeout,  # type: ignore[arg-type]
            )
            return f"{conn.transport_cls} answers"

    return _timed("broker", probe)


def worker_roundtrip_check(*, timeout: float = 5.0) -> Check:
    """Send the ping task through the broker and wait for a worker's answer."""
    from factcheck.tasks import ping

    def probe() -> str:
        answer = ping.delay().get(timeout=timeout)
        if answer != "pong":
            raise RuntimeError(f"unexpected answer {answer!r}")
        return "a worker answered ping"

    return _timed("worker", probe)


def heartbeat_record(*, at: dt.datetime) -> None:
    cache.set(HEARTBEAT_KEY, at.isoformat(), timeout=None)


def heartbeat_age_seconds() -> float | None:
    """Seconds since beat and a worker last ran the heartbeat task, None if never."""
    try:
        value = cache.get(HEARTBEAT_KEY)
    except Exception:
        return None
    if not value:
        return None
    return round((timezone.now() - dt.datetime.fromisoformat(value)).total_seconds(), 1)


def queue_probe_age_seconds() -> float | None:
    """Seconds since the newest queue probe (sent by the heartbeat) was sent, None if none
    came through: recovery of lost jobs works from it (jobs/recovery.py)."""
    from jobs.recovery import delivered_before

    sent = delivered_before()
    if sent is None:
        return None
    return round((timezone.now() - sent).total_seconds(), 1)
