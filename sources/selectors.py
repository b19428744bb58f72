"""Reads for sources, links and verification runs."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from claims.models import Claim
from sources.models import ClaimSource, Evidence, VerificationRun


def claim_sources(*, claim: Claim) -> QuerySet[ClaimSource]:
    """The claim's linked sources with their fetch state."""
    return ClaimSource.objects.filter(claim=claim).select_related("source", "added_by")


def claim_runs(*, claim: Claim) -> QuerySet[VerificationRun]:
    """The claim's verification runs, newest first, with the evidence they added."""
    return VerificationRun.objects.filter(claim=claim).prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.select_related("source"))
    )


def run_as_dict(run: VerificationRun) -> dict[str, Any]:
    """A run and its findings as plain JSON-ready values."""
    result = run.result or {}
    return {
        "id": run.pk,
        "claim": run.claim_id,
        "status": run.status,
        "verifier": run.verifier,
        "attempts": run.attempts,
        "suggested_stance": run.suggested_stance,
        "suggested_verdict": run.suggested_verdict,
        "confidence": run.confidence,
        "error": run.error,
        "explanation": result.get("explanation", ""),
        "findings": result.get("findings", []),
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
    }
