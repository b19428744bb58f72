"""Tasks that keep an eye on the task system itself."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from factcheck import health
from jobs import queueing, recovery


@shared_task(name="factcheck.ping")
def ping() -> str:
    """Answer 'pong': proves a message went through the broker to a worker and back."""
    return "pong"


@shared_task(name="factcheck.heartbeat", ignore_result=True)
def heartbeat() -> str:
    """Record that beat scheduled and a worker ran a periodic task just now; probe the queue."""
    now = timezone.now()
    health.heartbeat_record(at=now)
    queueing.send(queue_probe, now.isoformat())
    return str(now.isoformat())


@shared_task(name="factcheck.queue_probe", ignore_result=True)
def queue_probe(sent_at: str) -> None:
    """Arriving at a worker, prove that the queue delivered every message sent before this one."""
    recovery.probe_delivered(sent_at=dt.datetime.fromisoformat(sent_at))
