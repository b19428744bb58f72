"""Background jobs for sources: fetching snapshots, verifying claims, recovering lost jobs.

As in claims/tasks.py, the job tasks follow the retry policy in `jobs.policy`, and the outcome
is kept on the rows rather than in Celery's result backend.
"""

from __future__ import annotations

from celery import Task, shared_task

import fetching
from jobs.policy import Failure, PendingRetry, job_task
from jobs.retrying import delivered_again
from sources import services


def _fetch_failed(source_id: int, failure: Failure) -> None:
    error = failure.error
    services.source_fetch_fail(
        source_id=source_id,
        # A bug is no FetchError: the source still says, in words, that the fetch failed.
        error=error if isinstance(error, fetching.FetchError) else fetching.FetchError(""),
        message=failure.message,
        attempts=failure.attempts,
    )


def _fetch_retrying(source_id: int, retry: PendingRetry) -> None:
    services.source_fetch_retrying(
        source_id=source_id,
        attempts=retry.attempts,
        error=retry.error,
        next_attempt_at=retry.next_attempt_at,
    )


@job_task(
    name="sources.fetch_source",
    what="fetching source {id}",
    fail=_fetch_failed,
    known_errors={fetching.FetchError: ""},
    retrying=_fetch_retrying,
)
def fetch_source(task: Task[..., object], source_id: int) -> dict[str, object]:
    """Fetch one source and store a snapshot if its text changed (idempotent)."""
    if not services.source_fetch_claim(source_id=source_id, retrying=delivered_again(task)):
        return {"source_id": source_id, "skipped": "being fetched by another task"}
    snapshot = services.source_fetch(source_id=source_id)
    return {"source_id": source_id, "snapshot": snapshot.pk if snapshot else None}


def _run_failed(run_id: int, failure: Failure) -> None:
    services.verification_run_fail(run_id=run_id, message=failure.message)


@job_task(name="sources.verify_claim", what="verification run {id}", fail=_run_failed)
def verify_claim(task: Task[..., object], run_id: int) -> dict[str, object]:
    """Run the verifiers for one queued VerificationRun (idempotent: recorded once)."""
    if not services.verification_run_claim(run_id=run_id, redelivered=delivered_again(task)):
        return {"run_id": run_id, "skipped": "not queued, or taken by another task"}
    run = services.claim_verify(run_id=run_id)
    return {"run_id": run_id, "status": run.status, "verdict": run.suggested_verdict}


@shared_task(name="sources.refetch_stale_sources", ignore_result=True)
def refetch_stale_sources() -> int:
    """Queue fetches for sources older than FACTCHECK_SOURCE_MAX_AGE."""
    return services.stale_sources_refetch()


@shared_task(name="sources.recover_lost_jobs", ignore_result=True)
def recover_lost_jobs() -> dict[str, int]:
    """Send again the fetches and verification runs whose message was lost or worker died."""
    return services.source_jobs_recover()


@shared_task(name="sources.requeue_stuck_runs", ignore_result=True)
def requeue_stuck_runs() -> int:
    """The name beat used before `recover_lost_jobs`: messages queued under it still run."""
    return sum(services.source_jobs_recover().values())
