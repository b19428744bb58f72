"""The state a claim's page polls while its sources are fetched and verification runs go on
(see `claims.live`): running while a linked source is being fetched or a run is queued or
running; the fingerprint follows every source's fetch state and every run's state."""

from __future__ import annotations

from claims.live import LiveState, fingerprint
from sources.models import ClaimSource, FetchStatus, RunStatus, VerificationRun

_FETCH_RUNNING = frozenset({FetchStatus.PENDING, FetchStatus.FETCHING})
_RUN_RUNNING = frozenset({RunStatus.QUEUED, RunStatus.RUNNING})


def claim_state(claim_id: int) -> LiveState:
    sources = list(
        ClaimSource.objects.filter(claim_id=claim_id)
        .order_by("pk")
        .values_list(
            "source_id",
            "source__fetch_status",
            "source__fetch_requested_at",
            "source__fetched_at",
            "source__fetch_error",
        )
    )
    runs = list(
        VerificationRun.objects.filter(claim_id=claim_id)
        .order_by("pk")
        .values_list("pk", "status", "attempts", "started_at", "finished_at")
    )
    running = any(row[1] in _FETCH_RUNNING for row in sources) or any(
        row[1] in _RUN_RUNNING for row in runs
    )
    return LiveState(running, fingerprint(claim_id, sources, runs))
