"""Background jobs for sources: fetching snapshots, verifying claims, recovering lost jobs.

As in claims/tasks.py, the step that takes the job is inside the database-down guard, and the
outcome is kept on the rows rather than in Celery's result backend.
"""

from __future__ import annotations

from celery import Task, shared_task

import fetching
from jobs.retrying import (
    DATABASE_DOWN,
    backoff,
    database_down,
    delivered_again,
    internal_error,
    retries_left,
)
from sources import services


@shared_task(bind=True, name="sources.fetch_source", max_retries=None, ignore_result=True)
def fetch_source(self: Task[[int], dict[str, object]], source_id: int) -> dict[str, object]:
    """Fetch one source and store a snapshot if its text changed (idempotent)."""
    try:
        if not services.source_fetch_claim(source_id=source_id, retrying=delivered_again(self)):
            return {"source_id": source_id, "skipped": "being fetched by another task"}
        snapshot = services.source_fetch(source_id=source_id)
    except fetching.FetchError as exc:
        if exc.temporary and retries_left(self):
            raise self.retry(exc=exc, countdown=backoff(self)) from exc
        services.source_fetch_fail(source_id=source_id, error=exc)
        return {"source_id": source_id, "error": str(exc)}
    except DATABASE_DOWN as exc:
        database_down(self, exc)
    except Exception as exc:
        message = internal_error(exc, f"fetching source {source_id}")
        services.source_fetch_fail(source_id=source_id, error=fetching.FetchError(message))
        raise
    return {"source_id": source_id, "snapshot": snapshot.pk if snapshot else None}


@shared_task(bind=True, name="sources.verify_claim", max_retries=None, ignore_result=True)
def verify_claim(self: Task[[int], dict[str, object]], run_id: int) -> dict[str, object]:
    """Run the verifiers for one queued VerificationRun (idempotent: recorded once)."""
    try:
        if not services.verification_run_claim(run_id=run_id, redelivered=delivered_again(self)):
            return {"run_id": run_id, "skipped": "not queued, or taken by another task"}
        run = services.claim_verify(run_id=run_id)
    except DATABASE_DOWN as exc:
        database_down(self, exc)
    except Exception as exc:
        message = internal_error(exc, f"verification run {run_id}")
        services.verification_run_fail(run_id=run_id, message=message)
        raise
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
