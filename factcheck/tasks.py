"""Tasks that keep an eye on the task system itself."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from factcheck import health


@shared_task(name="factcheck.ping")
def ping() -> str:
    """Answer 'pong': proves a message went through the broker to a worker and back."""
    return "pong"


@shared_task(name="factcheck.heartbeat", ignore_result=True)
def heartbeat() -> str:
    """Record that beat scheduled and a worker ran a periodic task just now."""
    now = timezone.now()
    health.heartbeat_record(at=now)
    return now.isoformat()
