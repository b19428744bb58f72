"""How tasks decide about trying again; shared by every app's tasks."""

from __future__ import annotations

from celery import Task
from django.conf import settings
from django.db import InterfaceError, OperationalError

# The database being briefly unavailable (locked, restarting) is worth another try.
DATABASE_DOWN = (OperationalError, InterfaceError)


def delivered_again(task: Task) -> bool:
    """True on a retry or a redelivery: a RUNNING row may be this very message's own."""
    delivery = task.request.delivery_info or {}
    return bool(task.request.retries) or bool(delivery.get("redelivered"))


def retries_left(task: Task) -> bool:
    return int(task.request.retries) < settings.FACTCHECK_TASK_RETRIES


def backoff(task: Task) -> int:
    """Seconds before the next try: FACTCHECK_RETRY_BACKOFF, doubling, at most ten minutes."""
    return int(min(600, settings.FACTCHECK_RETRY_BACKOFF * 2 ** int(task.request.retries)))
