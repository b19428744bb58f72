"""The Celery app, configured from Django settings (the CELERY_ prefix)."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    # Tasks may run twice (redelivery after a worker dies), so they are written to be idempotent
    # and acknowledged only once they finish.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_track_started=True,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _schedule_periodic_tasks(sender: Celery, **kwargs: object) -> None:
    from django.conf import settings

    sender.add_periodic_task(
        settings.CELERY_HEARTBEAT_INTERVAL,
        sender.signature("factcheck.heartbeat"),
        name="worker heartbeat",
    )
    sender.add_periodic_task(
        float(settings.FACTCHECK_RECOVERY_INTERVAL),
        sender.signature("webhooks.recover_lost_deliveries"),
        name="recover lost webhook deliveries",
    )
    for app_label in ("claims", "sources"):
        sender.add_periodic_task(
            float(settings.FACTCHECK_RECOVERY_INTERVAL),
            sender.signature(f"{app_label}.recover_lost_jobs"),
            name=f"recover lost {app_label} jobs",
        )
    sender.add_periodic_task(
        3600.0, sender.signature("sources.refetch_stale_sources"), name="refetch stale sources"
    )
    sender.add_periodic_task(
        600.0, sender.signature("claims.fill_claim_vectors"), name="fill claim vectors"
    )
    # Each due feed gets a poll job of its own; a feed's own interval says when it is due.
    sender.add_periodic_task(
        60.0, sender.signature("watching.poll_due_feeds"), name="poll due watched feeds"
    )
    # At the hour in TIME_ZONE (CELERY_TIMEZONE follows it): one e-mail job per subscriber.
    sender.add_periodic_task(
        crontab(minute=0, hour=settings.FACTCHECK_DIGEST_HOUR),
        sender.signature("watching.send_morning_digests"),
        name="send the morning lists",
    )
