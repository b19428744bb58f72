"""Background jobs for webhooks: posting a delivery, and sending again those whose message was lost.

Delivery follows the project's retry policy (jobs.policy): a timeout, a refused connection or
a 5xx, 408 or 429 answer is tried again after FACTCHECK_RETRY_BACKOFF seconds, twice as long
each time (at most ten minutes), up to FACTCHECK_TASK_RETRIES times; then, or at once for an
answer that will not change (another 4xx, a redirect, a refused address), the delivery ends
failed with the reason.
"""

from __future__ import annotations

from celery import Task, shared_task
from django.conf import settings

import fetching
from jobs.policy import Failure, PendingRetry, job_task
from webhooks import services


def _delivery_failed(delivery_id: int, failure: Failure) -> None:
    services.delivery_fail(delivery_id=delivery_id, message=failure.message)


def _delivery_retrying(delivery_id: int, retry: PendingRetry) -> None:
    services.delivery_retrying(
        delivery_id=delivery_id, error=retry.error, next_attempt_at=retry.next_attempt_at
    )


@job_task(
    name="webhooks.deliver",
    what="webhook delivery {id}",
    fail=_delivery_failed,
    known_errors={fetching.FetchError: ""},
    retrying=_delivery_retrying,
)
def deliver_webhook(task: Task[..., object], delivery_id: int) -> dict[str, object]:
    """POST one delivery to its subscription's URL, signed (skipped once it is delivered)."""
    delivery = services.delivery_attempt(delivery_id=delivery_id)
    if delivery is None:
        return {"delivery_id": delivery_id, "skipped": "delivered, failed or gone"}
    return {"delivery_id": delivery_id, "status": delivery.last_status}


@shared_task(name="webhooks.recover_lost_deliveries", ignore_result=True)
def recover_lost_deliveries() -> int:
    """Queue again the deliveries whose message was lost (pending or overdue for too long)."""
    return services.deliveries_recover(lost_after=settings.FACTCHECK_LOST_JOB_SECONDS)
