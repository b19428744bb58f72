"""Sending a job's message once its row is committed, without failing when the broker is away.

A broker that cannot take the message (Redis stopped, unreachable, a full disk under the
filesystem broker) must not undo or break the write that created the job: the row is committed
already and recovery sends the message again later. So the failure is logged, handed to the
row's `on_failure` (which records it where editors see it) and collected for the caller, which
says so on the page or the command line (`queue_report`).

After one failure, sending is not tried again for BROKER_RETRY_SECONDS: every web request would
otherwise wait for the broker's connection attempts in turn.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

BROKER_RETRY_SECONDS = 5.0
_BROKER_ERRORS = (KombuError, RedisError, OSError)


@dataclass(frozen=True)
class QueueFailure:
    task: str
    reason: str

    def __str__(self) -> str:
        return self.reason


_report: contextvars.ContextVar[list[QueueFailure] | None] = contextvars.ContextVar(
    "queue_report", default=None
)


class _Breaker:
    """Whether the broker failed moments ago (then messages are not even tried)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until = 0.0
        self._reason = ""
        self._down = False

    def open_reason(self) -> str | None:
        with self._lock:
            return self._reason if time.monotonic() < self._until else None

    def trip(self, reason: str) -> bool:
        """Note the failure; True when the broker was thought up until now."""
        with self._lock:
            self._until = time.monotonic() + BROKER_RETRY_SECONDS
            self._reason = reason
            first, self._down = not self._down, True
            return first

    def sent(self) -> bool:
        """Note a message sent; True when the broker was thought down until now."""
        with self._lock:
            back, self._down = self._down, False
            return back

    def reset(self) -> None:
        with self._lock:
            self._until, self._down = 0.0, False


breaker = _Breaker()


@contextmanager
def queue_report() -> Iterator[list[QueueFailure]]:
    """Collect the jobs registered inside the block whose message could not be sent.

    The list fills when the transaction commits, which may be after the block (an admin view
    commits when it returns): read it from an on_commit callback registered after the block,
    or after the block when no transaction is open.
    """
    failures: list[QueueFailure] = []
    token = _report.set(failures)
    try:
        yield failures
    finally:
        _report.reset(token)


def broker_failure_reason(exc: BaseException) -> str:
    """One line on why the broker refused a message."""
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
    return f"the task queue is unavailable ({detail})"


def send(task: Any, *args: Any, reported: bool = False) -> str | None:
    """Send `task(*args)` now; the reason it could not be sent, or None when it was.

    The broker going away and coming back are logged as warnings, each message not sent as
    information; `reported`: the caller tells its user itself, so nothing is said twice.
    """
    name = getattr(task, "name", task)
    reason = breaker.open_reason()
    if reason is None:
        try:
            task.delay(*args)
        except _BROKER_ERRORS as exc:
            reason = broker_failure_reason(exc)
            if breaker.trip(reason) and not reported:
                logger.warning("%s: jobs are stored and sent once it is back", reason)
        else:
            if breaker.sent():
                logger.warning("the task queue is reachable again")
            return None
    logger.log(
        logging.DEBUG if reported else logging.INFO, "not queued %s%r: %s", name, args, reason
    )
    return reason


def enqueue_on_commit(
    task: Any, *args: Any, on_failure: Callable[[str], None] | None = None
) -> None:
    """Send `task(*args)` once the current transaction commits (at once outside one).

    When the broker cannot take it, `on_failure(reason)` records that on the job's row (in a
    transaction of its own, the first one being committed) and the open `queue_report` gets it.
    """
    report = _report.get()
    name = str(getattr(task, "name", task))

    def send_committed() -> None:
        reason = send(task, *args, reported=report is not None)
        if reason is None:
            return
        if report is not None:
            report.append(QueueFailure(name, reason))
        if on_failure is not None:
            try:
                on_failure(reason)
            except Exception:  # the row stays queued; recovery finds it either way
                logger.exception("could not record that %s%r was not queued", name, args)

    transaction.on_commit(send_committed)


def queued_later_notice(failures: list[QueueFailure], what: str) -> str:
    """What an editor is told when work could not be queued: what, why, and what happens next."""
    return (
        f"{what} could not be queued: {failures[0].reason}. Nothing is lost: it is sent again"
        " automatically once the task queue is back."
    )


def warn_if_not_queued(request: Any, failures: list[QueueFailure], what: str) -> None:
    """Tell the editor, on the page the request leads to, when `what` could not be queued.

    Registered after the work, so it runs after the messages were sent, when they commit.
    """
    from django.contrib import messages

    def tell() -> None:
        if failures:
            messages.warning(request, queued_later_notice(failures, what))

    transaction.on_commit(tell)
