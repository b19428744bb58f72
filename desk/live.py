"""What the desk's pages poll while a worker runs: whether anything is still running for an
article, and a fingerprint that changes whenever what the page shows of that work changes.

A page renders its state once; its script asks for the state again only while `running` is
true, and fetches the page's live parts when the fingerprint moves. Nothing polls a page whose
work is done, so an idle desk costs nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from claims.models import Article, ExtractionStatus, MatchingStatus
from sources.models import ClaimSource, FetchStatus, RunStatus, Source, VerificationRun

_ARTICLE_RUNNING = frozenset(
    {
        ExtractionStatus.PENDING,
        ExtractionStatus.FETCHING,
        ExtractionStatus.QUEUED,
        ExtractionStatus.RUNNING,
    }
)
_MATCHING_RUNNING = frozenset({MatchingStatus.QUEUED, MatchingStatus.RUNNING})


@dataclass(frozen=True, slots=True)
class LiveState:
    running: bool
    fingerprint: str

    def as_json(self) -> dict[str, object]:
        return {"running": self.running, "fingerprint": self.fingerprint}


def fingerprint(*parts: object) -> str:
    """A short digest of what a page shows of running work."""
    digest = hashlib.blake2s("\x1f".join(str(p) for p in parts).encode(), digest_size=8)
    return digest.hexdigest()


# The columns the article's state is read from: never its text.
ARTICLE_STATE_FIELDS = (
    "pk",
    "extraction_status",
    "extraction_state_at",
    "extraction_error",
    "page_fetch_attempts",
    "page_fetch_retry_at",
    "matching_status",
    "matching_state_at",
    "matching_done",
    "matching_total",
    "matching_error",
)


def article_state(article: Article) -> LiveState:
    running = (
        article.extraction_status in _ARTICLE_RUNNING
        or article.matching_status in _MATCHING_RUNNING
    )
    return LiveState(
        running,
        fingerprint(*(getattr(article, name) for name in ARTICLE_STATE_FIELDS)),
    )


def article_state_by_id(pk: int) -> LiveState | None:
    article = Article.objects.only(*ARTICLE_STATE_FIELDS).filter(pk=pk).first()
    return None if article is None else article_state(article)


# A claim's page: running while a linked source is being fetched or a run is queued or running;
# the fingerprint follows every source's fetch state and every run's state.
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
            "source__fetch_attempts",
            "source__fetch_retry_at",
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


# A source's own page: running while it is being fetched; the fingerprint follows the fetch,
# its pending retry included.
SOURCE_STATE_FIELDS = (
    "pk",
    "fetch_status",
    "fetch_requested_at",
    "fetched_at",
    "fetch_error",
    "fetch_attempts",
    "fetch_retry_at",
    "http_status",
)


def source_state_by_id(pk: int) -> LiveState | None:
    row = Source.objects.filter(pk=pk).values_list(*SOURCE_STATE_FIELDS).first()
    if row is None:
        return None
    return LiveState(row[1] in _FETCH_RUNNING, fingerprint(*row))
