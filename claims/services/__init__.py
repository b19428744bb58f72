"""Writes for articles and claims: ingest, extraction, matching, and recovering lost jobs."""

from __future__ import annotations

from claims.services.extraction import (
    ExtractionOutcome,
    article_extract,
    article_extraction_claim,
    article_extraction_fail,
    article_extraction_queue,
    claim_fingerprint,
    claim_row,
    claims_worked_on,
)
from claims.services.ingest import (
    ArticleInputError,
    IngestResult,
    article_import_url,
    article_ingest,
    article_page_fetch,
    article_page_fetch_fail,
    article_page_fetch_queue,
    content_hash,
    document_decode,
)
from claims.services.matches import (
    FoundMatch,
    MatchOutcome,
    article_claims_match,
    article_matching_batch,
    article_matching_claim,
    article_matching_fail,
    article_matching_queue,
    claim_matches_store,
    claims_match_all,
    matches_for_claim,
    published_matches_for_text,
)
from claims.services.recovery import Recovered, article_jobs_recover

__all__ = [
    "ArticleInputError",
    "ExtractionOutcome",
    "FoundMatch",
    "IngestResult",
    "MatchOutcome",
    "Recovered",
    "article_claims_match",
    "article_extract",
    "article_extraction_claim",
    "article_extraction_fail",
    "article_extraction_queue",
    "article_import_url",
    "article_ingest",
    "article_jobs_recover",
    "article_matching_batch",
    "article_matching_claim",
    "article_matching_fail",
    "article_matching_queue",
    "article_page_fetch",
    "article_page_fetch_fail",
    "article_page_fetch_queue",
    "claim_fingerprint",
    "claim_matches_store",
    "claim_row",
    "claims_match_all",
    "claims_worked_on",
    "content_hash",
    "document_decode",
    "matches_for_claim",
    "published_matches_for_text",
]
