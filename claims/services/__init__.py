"""Writes for articles and claims: ingest, extraction, and matching claims to earlier ones."""

from __future__ import annotations

from claims.services.articles import (
    ArticleInputError,
    ExtractionOutcome,
    IngestResult,
    article_extract,
    article_extraction_claim,
    article_extraction_fail,
    article_extraction_queue,
    article_ingest,
    article_ingest_url,
    claim_fingerprint,
    claim_row,
    claims_worked_on,
    content_hash,
    document_decode,
    stale_extractions_requeue,
)
from claims.services.matches import (
    FoundMatch,
    MatchOutcome,
    article_claims_match,
    claim_matches_store,
    claims_match_all,
    matches_for_claim,
    published_matches_for_text,
)

__all__ = [
    "ArticleInputError",
    "ExtractionOutcome",
    "FoundMatch",
    "IngestResult",
    "MatchOutcome",
    "article_claims_match",
    "article_extract",
    "article_extraction_claim",
    "article_extraction_fail",
    "article_extraction_queue",
    "article_ingest",
    "article_ingest_url",
    "claim_fingerprint",
    "claim_matches_store",
    "claim_row",
    "claims_match_all",
    "claims_worked_on",
    "content_hash",
    "document_decode",
    "matches_for_claim",
    "published_matches_for_text",
    "stale_extractions_requeue",
]
