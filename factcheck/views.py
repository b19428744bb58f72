"""Project-level views."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from factcheck import health


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and broker status: 200 when both answer, 503 otherwise.

    `?worker=1` also round-trips a ping task through a worker (slower; for deploy checks).
    """
    checks = {"database": health.database_check(), "broker": health.broker_check()}
    if request.GET.get("worker") in {"1", "true", "yes"}:
        checks["worker"] = health.worker_roundtrip_check()
    ok = all(check.ok for check in checks.values())
    body: dict[str, object] = {
        "status": "ok" if ok else "unavailable",
        **{name: check.as_dict() for name, check in checks.items()},
        "heartbeat_age_seconds": health.heartbeat_age_seconds(),
        "queue_probe_age_seconds": health.queue_probe_age_seconds(),
    }
    return JsonResponse(body, status=200 if ok else 503)
