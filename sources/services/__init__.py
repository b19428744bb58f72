"""Writes for sources: adding and linking them, snapshots, verification runs and evidence.

Admin, commands and tasks import from here; each idea lives in its own module.
"""

from __future__ import annotations

import fetching
from sources.services.links import LinkResult, claim_source_link
from sources.services.snapshots import (
    document_text_from_upload,
    snapshot_record,
    snapshot_text,
    source_add,
    source_fetch,
    source_fetch_claim,
    source_fetch_fail,
    source_fetch_queue,
    source_upload,
    stale_sources_refetch,
)
from sources.services.verification import (
    AUTOMATIC_STANCES,
    VERIFIER_SUITE,
    article_verification_queue,
    claim_verification_queue,
    claim_verify,
    finding_as_dict,
    stuck_runs_requeue,
    verification_run_claim,
    verification_run_fail,
)

__all__ = [
    "AUTOMATIC_STANCES",
    "VERIFIER_SUITE",
    "LinkResult",
    "article_verification_queue",
    "claim_source_link",
    "claim_verification_queue",
    "claim_verify",
    "document_text_from_upload",
    "fetching",
    "finding_as_dict",
    "snapshot_record",
    "snapshot_text",
    "source_add",
    "source_fetch",
    "source_fetch_claim",
    "source_fetch_fail",
    "source_fetch_queue",
    "source_upload",
    "stale_sources_refetch",
    "stuck_runs_requeue",
    "verification_run_claim",
    "verification_run_fail",
]
