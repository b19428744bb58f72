"""Writes for sources: adding and linking them, snapshots, verification runs and evidence.

Admin, commands and tasks import from here; each idea lives in its own module.
"""

from __future__ import annotations

import fetching
from sources.services.evidence import (
    EvidenceError,
    evidence_add,
    evidence_remove,
    evidence_update,
    finding_accept,
)
from sources.services.links import (
    REFETCHABLE,
    LinkResult,
    SourceLinkError,
    claim_source_fetch_again,
    claim_source_link,
    claim_source_unlink,
)
from sources.services.recovery import source_jobs_recover
from sources.services.snapshots import (
    SOURCE_PUBLIC_FIELDS,
    document_text_from_upload,
    lost_fetches_requeue,
    snapshot_record,
    snapshot_text,
    source_add,
    source_existing,
    source_fetch,
    source_fetch_claim,
    source_fetch_fail,
    source_fetch_queue,
    source_fetch_retrying,
    source_public_claims,
    source_update,
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
    lost_runs_requeue,
    verification_run_claim,
    verification_run_fail,
    verification_run_send,
)

__all__ = [
    "AUTOMATIC_STANCES",
    "REFETCHABLE",
    "SOURCE_PUBLIC_FIELDS",
    "VERIFIER_SUITE",
    "EvidenceError",
    "LinkResult",
    "SourceLinkError",
    "article_verification_queue",
    "claim_source_fetch_again",
    "claim_source_link",
    "claim_source_unlink",
    "claim_verification_queue",
    "claim_verify",
    "document_text_from_upload",
    "evidence_add",
    "evidence_remove",
    "evidence_update",
    "fetching",
    "finding_accept",
    "finding_as_dict",
    "lost_fetches_requeue",
    "lost_runs_requeue",
    "snapshot_record",
    "snapshot_text",
    "source_add",
    "source_existing",
    "source_fetch",
    "source_fetch_claim",
    "source_fetch_fail",
    "source_fetch_queue",
    "source_fetch_retrying",
    "source_jobs_recover",
    "source_public_claims",
    "source_update",
    "source_upload",
    "stale_sources_refetch",
    "verification_run_claim",
    "verification_run_fail",
    "verification_run_send",
]
