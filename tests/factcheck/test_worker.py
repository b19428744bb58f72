"""A separate worker process takes tasks from the broker and writes to the database."""

from __future__ import annotations

import pytest
from django.test import Client
from django_celery_results.models import TaskResult

from factcheck.tasks import heartbeat, ping
from tests.conftest import WorkerProcess, wait_until

pytestmark = pytest.mark.worker


def _roundtrip_is_recorded() -> None:
    result = ping.delay()
    assert result.get(timeout=60) == "pong"
    row = TaskResult.objects.get(task_id=result.id)  # written by the worker process
    assert row.status == "SUCCESS"
    assert row.task_name == "factcheck.ping"


def test_a_worker_process_answers_ping_through_the_configured_broker(
    celery_worker_process: WorkerProcess,
) -> None:
    _roundtrip_is_recorded()


def test_a_worker_takes_a_task_from_redis_and_writes_to_postgresql(
    postgres: None, redis_url: str, celery_worker_process: WorkerProcess
) -> None:
    _roundtrip_is_recorded()


def test_the_heartbeat_and_its_queue_probe_run_by_a_worker_show_in_healthz(
    celery_worker_process: WorkerProcess, client: Client
) -> None:
    heartbeat.delay()

    def recorded() -> bool:
        body = client.get("/healthz").json()
        return None not in (body["heartbeat_age_seconds"], body["queue_probe_age_seconds"])

    assert wait_until(recorded, timeout=60)
    body = client.get("/healthz?worker=1").json()
    assert body["worker"]["ok"] is True, body
