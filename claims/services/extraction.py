"""Claims out of an article: queueing its extraction, running it, storing the claims as rows."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from claims import extraction
from claims.extraction.serialize import date_to_dict, quantity_to_dict
from claims.models import Article, Claim
from jobs.queueing import enqueue_on_commit
from jobs.recovery import lost_if_running_since

logger = logging.getLogger(__name__)

_WORDS = re.compile(r"[^\W_]+")


def article_extraction_queue(*, article: Article) -> bool:
    """Mark the article queued and send its extraction task once the transaction commits.

    Returns False (and queues nothing) while an extraction of it is already running. An article
    whose page was never fetched has its page fetched first.
    """
    from claims.tasks import extract_article

    if not article.raw_input and article.url:
        from claims.services.ingest import article_page_fetch_queue

        article_page_fetch_queue(article=article)
        return True
    now = timezone.now()
    queued = (
        Article.objects.filter(pk=article.pk)
        .exclude(extraction_status=Article.ExtractionStatus.RUNNING)
        .update(
            extraction_status=Article.ExtractionStatus.QUEUED,
            extraction_error="",
            extraction_state_at=now,
            updated_at=now,
        )
    )
    if not queued:
        return False
    article.extraction_status = Article.ExtractionStatus.QUEUED
    article.extraction_error = ""
    article_id = article.pk
    enqueue_on_commit(
        extract_article, article_id, on_failure=lambda reason: _not_sent(article_id, reason)
    )
    return True


def _not_sent(article_id: int, reason: str) -> None:
    Article.objects.filter(pk=article_id, extraction_status=Article.ExtractionStatus.QUEUED).update(
        extraction_error=f"waiting for a worker: {reason}; it is sent again automatically"
    )


def article_extraction_claim(*, article_id: int, retrying: bool = False) -> bool:
    """Take the article's extraction for this task; False when another task has it or it is done.

    A retry of the same task may take its own RUNNING article back; so may any task once the
    running one is old enough to be dead (past the hard time limit).
    """
    running = Q(extraction_status=Article.ExtractionStatus.RUNNING)
    takeable = Q(extraction_status=Article.ExtractionStatus.QUEUED) | (
        running if retrying else running & Q(extraction_state_at__lt=lost_if_running_since())
    )
    now = timezone.now()
    return bool(
        Article.objects.filter(takeable, pk=article_id).update(
            extraction_status=Article.ExtractionStatus.RUNNING,
            extraction_error="",
            extraction_state_at=now,
            updated_at=now,
        )
    )


@dataclass(frozen=True)
class ExtractionOutcome:
    article_id: int
    succeeded: bool
    created: int = 0
    updated: int = 0
    removed: int = 0
    kept: int = 0
    error: str = ""

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def article_extract(*, article_id: int) -> ExtractionOutcome:
    """Extract the article's claims and store them; bad input ends in a failed status."""
    article = Article.objects.get(pk=article_id)
    try:
        result = extraction.extract(
            article.raw_input,
            published=article.published_on,
            max_chars=settings.FACTCHECK_MAX_ARTICLE_CHARS,
        )
    except extraction.ExtractionError as exc:
        article_extraction_fail(article_id=article_id, message=str(exc))
        return ExtractionOutcome(article_id, succeeded=False, error=str(exc))
    from claims.services.matches import article_matching_queue

    with transaction.atomic():
        counts = _claims_store(article, result.claims)
        now = timezone.now()
        Article.objects.filter(pk=article_id).update(
            clean_text=result.clean_text,
            extraction_status=Article.ExtractionStatus.SUCCEEDED,
            extraction_error="",
            extraction_state_at=now,
            extracted_at=now,
            updated_at=now,
        )
        article_matching_queue(article_id=article_id)
    return ExtractionOutcome(article_id, succeeded=True, **counts)


def article_extraction_fail(*, article_id: int, message: str) -> None:
    """Record a failed extraction with a message an editor can read."""
    now = timezone.now()
    Article.objects.filter(pk=article_id).update(
        extraction_status=Article.ExtractionStatus.FAILED,
        extraction_error=message[:2000],
        extraction_state_at=now,
        updated_at=now,
    )


def claims_worked_on() -> Q:
    """Claims an editor has touched: re-extraction never changes or removes these."""
    from sources.models import Evidence

    return (
        ~Q(status=Claim.Status.NEW)
        | ~Q(verdict="")
        | ~Q(rationale="")
        | Q(assignee__isnull=False)
        | Q(reviewer__isnull=False)
        | Q(Exists(Evidence.objects.filter(claim=OuterRef("pk"))))
    )


_STORED_FIELDS = [
    "sentence",
    "text",
    "normalized",
    "speaker",
    "checkworthiness",
    "checkworthy",
    "fingerprint",
]


def _claims_store(article: Article, found: Iterable[extraction.Claim]) -> dict[str, int]:
    """Upsert the extracted claims by (start, end, kind), leaving worked-on claims alone."""
    rows = {}
    for claim in found:
        row = claim_row(article, claim)
        rows[(row.start, row.end, row.kind)] = row
    existing = Claim.objects.filter(article=article).annotate(worked=claims_worked_on())
    by_key = {(c.start, c.end, c.kind): c for c in existing}

    to_create = [row for key, row in rows.items() if key not in by_key]
    to_update, kept, stale = [], 0, []
    for key, current in by_key.items():
        if current.worked:
            kept += 1
        elif key not in rows:
            stale.append(current.pk)
        elif any(getattr(current, f) != getattr(rows[key], f) for f in _STORED_FIELDS):
            for field in _STORED_FIELDS:
                setattr(current, field, getattr(rows[key], field))
            current.updated_at = timezone.now()
            to_update.append(current)
    if stale:
        Claim.objects.filter(pk__in=stale).delete()
    if to_create:
        bulk_create_with_history(to_create, Claim, batch_size=500)
    if to_update:
        bulk_update_with_history(to_update, Claim, [*_STORED_FIELDS, "updated_at"], batch_size=500)
    return {
        "created": len(to_create),
        "updated": len(to_update),
        "removed": len(stale),
        "kept": kept,
    }


def claim_row(article: Article, claim: extraction.Claim) -> Claim:
    """An unsaved Claim row for an extracted claim."""
    normalized = {
        "quantities": [quantity_to_dict(q) for q in claim.quantities],
        "dates": [date_to_dict(d) for d in claim.dates],
    }
    return Claim(
        article=article,
        start=claim.start,
        end=claim.end,
        sentence=claim.sentence,
        text=claim.text[:1000],
        kind=str(claim.kind),
        normalized=normalized,
        speaker=(claim.speaker or "")[:300],
        checkworthiness=min(1.0, max(0.0, float(claim.checkworthiness))),
        checkworthy=claim.checkworthy,
        fingerprint=claim_fingerprint(kind=str(claim.kind), text=claim.text, normalized=normalized),
    )


def claim_fingerprint(
    *, kind: str, text: str, normalized: dict[str, list[dict[str, object]]]
) -> str:
    """Hash of what the claim says (words, numbers, units, dates), not of how it is spaced."""
    canonical = {
        "kind": kind,
        "words": _WORDS.findall(text.casefold()),
        "quantities": sorted(
            (str(q.get("value")), str(q.get("low")), str(q.get("high")), str(q.get("unit")))
            for q in normalized.get("quantities", [])
        ),
        "dates": sorted(str(d.get("value")) for d in normalized.get("dates", [])),
    }
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()
