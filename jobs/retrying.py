"""How tasks decide about trying again; shared by every app's tasks."""

from __future__ import annotations

import logging
from typing import NoReturn

from celery import Task
from django.conf import settings
from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)

# The database being briefly unavailable (locked, restarting) is worth another try.
DATABASE_DOWN = (OperationalError, InterfaceError)


def delivered_again(task: Task[..., object]) -> bool:
    """True on a retry or a redelivery: a RUNNING row may be this very message's own."""
    delivery = task.request.delivery_info or {}
    return bool(task.request.retries) or bool(delivery.get("redelivered"))


def retries_left(task: Task[..., object]) -> bool:
    return int(task.request.retries) < int(settings.FACTCHECK_TASK_RETRIES)


def backoff(task: Task[..., object]) -> int:
    """Seconds before the next try: FACTCHECK_RETRY_BACKOFF, doubling, at most ten minutes."""
    return int(min(600, settings.FACTCHECK_RETRY_BACKOFF * 2 ** int(task.request.retries)))


def database_down(task: Task[..., object], exc: Exception) -> NoReturn:
    """What a task does when it meets the database down, whatever step it was at.

    It tries again with backoff while retries are left. After that it gives up without writing
    anything (it could not): its row still says queued or running, and recovery sends the job
    again once the database is back, so the job is done late, never lost.
    """
    if retries_left(task):
        raise task.retry(exc=exc, countdown=backoff(task))
    logger.warning(
        "%s%r gave up after %d tries with the database down; recovery sends it again",
        task.name,
        tuple(task.request.args or ()),
        int(task.request.retries) + 1,
    )
    raise exc


def internal_error(exc: BaseException, what: str) -> str:
    """Log a failure that is a bug, not bad input, and say so in words for the job's row."""
    logger.exception("%s failed", what)
    return f"internal error ({type(exc).__name__}); see worker log"
