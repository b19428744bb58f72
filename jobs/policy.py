"""The one retry policy every job task follows, declared where the task is defined.

A job task takes the id of its row and does one service's work. Around that work the policy:

- retries a temporary error (one of `known_errors` whose `temporary` is true: a timeout, a
  refused connection, a 5xx) with backoff while FACTCHECK_TASK_RETRIES are left, telling the
  task's `retrying` hook first so the row can say a retry is pending; when none are left it
  ends the row failed, saying how many attempts were made;
- ends the row failed at once, with the error in words, for bad input (`known_errors`);
- meets the database down as `retrying.database_down` does: retries, then leaves the row for
  recovery (it could not write anyway);
- marks the row failed on any other exception, a bug, and re-raises it for the worker's log.

It is a decorator rather than a base Task class: the whole control flow reads in one function
below, the hooks are plain arguments next to the task they belong to, and Celery's own call
path (which treats an overridden `Task.__call__` specially) is left as it is.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from celery import Task, shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from jobs.retrying import DATABASE_DOWN, backoff, database_down, internal_error, retries_left

Result = TypeVar("Result")


@dataclass(frozen=True, slots=True)
class PendingRetry:
    """A temporary failure the policy will try again: what a task's `retrying` hook records."""

    attempts: int  # attempts made so far, the failed one included
    limit: int  # attempts there will be at most
    error: str  # the failure, in words
    countdown: int  # seconds until the next attempt
    next_attempt_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a job ends failed: what its `fail` hook records on the row."""

    message: str  # readable, for the editor
    error: BaseException
    attempts: int  # attempts made, the last one included


FailHook = Callable[[int, Failure], None]
RetryHook = Callable[[int, PendingRetry], None]


def attempts_allowed() -> int:
    """The most attempts a job gets at a temporary failure: the first and its retries."""
    return int(settings.FACTCHECK_TASK_RETRIES) + 1


def job_task(
    *,
    name: str,
    what: str,
    fail: FailHook,
    known_errors: Mapping[type[Exception], str] | None = None,
    retrying: RetryHook | None = None,
) -> Callable[[Callable[[Task[..., object], int], Result]], Task[[int], object]]:
    """Make `body(task, job_id)` a Celery task named `name` that follows the retry policy.

    `what` names the job for the log ("fetching source {id}"). `known_errors` maps the
    exceptions whose message an editor can read (bad input, or when `temporary` worth another
    try) to the words put before it ("" for none). `fail` ends the row failed; `retrying`
    records on it that a retry is pending.
    """
    expected = tuple((known_errors or {}).keys())

    def prefixed(exc: BaseException) -> str:
        for kind, prefix in (known_errors or {}).items():
            if isinstance(exc, kind):
                return f"{prefix}: {exc}" if prefix else str(exc)
        return str(exc)

    def decorate(body: Callable[[Task[..., object], int], Result]) -> Task[[int], object]:
        # The result names the id as the task's own parameter does (article_id, source_id).
        id_name = list(inspect.signature(body).parameters)[1]

        def attempt(self: Task[..., object], job_id: int) -> Result | dict[str, object]:
            attempts = int(self.request.retries) + 1
            try:
                return body(self, job_id)
            except DATABASE_DOWN:
                raise  # for `run`, below: never a failure of the job
            except expected as exc:
                if getattr(exc, "temporary", False):
                    if retries_left(self):
                        raise _retry(self, job_id, exc, retrying) from exc
                    message = f"{prefixed(exc)} (gave up after {attempts_text(attempts)})"
                else:
                    message = prefixed(exc)
                fail(job_id, Failure(message, exc, attempts))
                return {id_name: job_id, "error": str(exc)}
            except DatabaseError as exc:
                # The database answered but refused (bad data, a constraint): say so plainly.
                fail(job_id, Failure(f"database error: {exc}", exc, attempts))
                raise
            except Exception as exc:
                message = internal_error(exc, what.format(id=job_id))
                fail(job_id, Failure(message, exc, attempts))
                raise

        def run(self: Task[..., object], job_id: int) -> Result | dict[str, object]:
            # Outermost, so that the database going away while a hook records a retry or a
            # failure is met the same way as in the body: retried, then left for recovery.
            try:
                return attempt(self, job_id)
            except DATABASE_DOWN as exc:
                database_down(self, exc)

        # Named and documented as the body; the arguments stay run's own (one positional id).
        run.__name__ = run.__qualname__ = body.__name__
        run.__module__, run.__doc__ = body.__module__, body.__doc__
        task: Task[[int], object] = shared_task(
            bind=True, name=name, max_retries=None, ignore_result=True
        )(run)
        return task

    return decorate


def attempts_text(count: int) -> str:
    """'1 attempt', '3 attempts'."""
    return "1 attempt" if count == 1 else f"{count} attempts"


def _retry(
    task: Task[..., object], job_id: int, exc: Exception, retrying: RetryHook | None
) -> BaseException:
    countdown = backoff(task)
    if retrying is not None:
        retrying(
            job_id,
            PendingRetry(
                attempts=int(task.request.retries) + 1,
                limit=attempts_allowed(),
                error=str(exc),
                countdown=countdown,
                next_attempt_at=timezone.now() + dt.timedelta(seconds=countdown),
            ),
        )
    retry: BaseException = task.retry(exc=exc, countdown=countdown)
    return retry
