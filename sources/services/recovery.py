"""Finding the sources' lost jobs (fetches, verification runs) and sending them again."""

from __future__ import annotations

from sources.services.snapshots import lost_fetches_requeue
from sources.services.verification import lost_runs_requeue


def source_jobs_recover() -> dict[str, int]:
    """Send again every fetch and verification run whose message was lost or worker died."""
    return {"fetches": lost_fetches_requeue(), "runs": lost_runs_requeue()}
