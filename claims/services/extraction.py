"""Claims out of an article: queueing its extraction, running it, storing the claims as rows."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypedDict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from claims import extraction, normalized_codec
from claims.models import Article, Claim
from jobs.chunks import Pacer, chunked
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

    # The claims are written in chunks of their own (see jobs.chunks); the article says
    # RUNNING until the last one, then SUCCEEDED together with its matching being queued.
    pace = Pacer()
    counts = _claims_store(article, result.claims, pace)
    pace()
    with transaction.atomic():
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


# What else marks a claim as worked on, added by the apps built on claims (sources adds "has
# evidence") from their AppConfig.ready(): claims never imports them, so they tell it.
_WORK_MARKS: list[Callable[[], Q]] = []


def claim_work_mark_register(mark: Callable[[], Q]) -> None:
    """Add a condition (on Claim rows) under which re-extraction keeps a claim as it is."""
    if mark not in _WORK_MARKS:
        _WORK_MARKS.append(mark)


def claims_worked_on() -> Q:
    """Claims an editor has touched: re-extraction never changes or removes these."""
    touched = (
        ~Q(status=Claim.Status.NEW)
        | ~Q(verdict="")
        | ~Q(rationale="")
        | Q(assignee__isnull=False)
        | Q(reviewer__isnull=False)
    )
    for mark in _WORK_MARKS:
        touched |= mark()
    return touched


_STORED_FIELDS = [
    "sentence",
    "text",
    "normalized",
    "speaker",
    "checkworthiness",
    "checkworthy",
    "fingerprint",
]


class _StoreCounts(TypedDict):
    created: int
    updated: int
    removed: int
    kept: int


def _claims_store(article: Article, found: Iterable[extraction.Claim], pace: Pacer) -> _StoreCounts:
    """Upsert the extracted claims by (start, end, kind), leaving worked-on claims alone.

    What changes is worked out first, from one read; the writes follow in short transactions
    of at most WRITE_CHUNK claims each. Each chunk checks again, as it writes, that its claims
    are not worked on (an editor may take one meanwhile) and skips spans stored meanwhile, so a
    run that dies half-way is finished by the next one.
    """
    rows = {}
    for claim in found:
        row = claim_row(article, claim)
        rows[(row.start, row.end, row.kind)] = row
    existing = Claim.objects.filter(article=article).annotate(worked=claims_worked_on())
    by_key = {(c.start, c.end, c.kind): c for c in existing}

    to_create = [row for key, row in rows.items() if key not in by_key]
    to_update: list[Claim]
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
    removed = created = updated = 0
    for pks in chunked(stale):
        pace()
        with transaction.atomic():
            _, deleted = Claim.objects.filter(pk__in=pks).exclude(claims_worked_on()).delete()
            removed += deleted.get(Claim._meta.label, 0)
    for chunk in chunked(to_create):
        pace()
        with transaction.atomic():
            taken = set(
                Claim.objects.filter(
                    article=article, start__in={row.start for row in chunk}
                ).values_list("start", "end", "kind")
            )
            new = [row for row in chunk if (row.start, row.end, row.kind) not in taken]
            if new:
                bulk_create_with_history(new, Claim, batch_size=len(new))
            created += len(new)
    for chunk in chunked(to_update):
        pace()
        with transaction.atomic():
            untouched = set(
                Claim.objects.filter(pk__in=[c.pk for c in chunk])
                .exclude(claims_worked_on())
                .values_list("pk", flat=True)
            )
            changed = [c for c in chunk if c.pk in untouched]
            if changed:
                bulk_update_with_history(
                    changed, Claim, [*_STORED_FIELDS, "updated_at"], batch_size=len(changed)
                )
            updated += len(changed)
    return {
        "created": created,
        "updated": updated,
        "removed": removed,
        # Claims an editor took while the chunks were written are kept as well.
        "kept": kept + len(stale) - removed + len(to_update) - updated,
    }


def claim_row(article: Article, claim: extraction.Claim) -> Claim:
    """An unsaved Claim row for an extracted claim."""
    values = normalized_codec.from_extraction(claim.quantities, claim.dates)
    return Claim(
        article=article,
        start=claim.start,
        end=claim.end,
        sentence=claim.sentence,
        text=claim.text[:1000],
        kind=str(claim.kind),
        normalized=normalized_codec.encode(values),
        speaker=(claim.speaker or "")[:300],
        checkworthiness=min(1.0, max(0.0, float(claim.checkworthiness))),
        checkworthy=claim.checkworthy,
        fingerprint=claim_fingerprint(kind=str(claim.kind), text=claim.text, values=values),
    )


def claim_fingerprint(*, kind: str, text: str, values: normalized_codec.NormalizedValues) -> str:
    """Hash of what the claim says (words, numbers, units, dates), not of how it is spaced."""
    # str() of the stored numbers (an integral one an int) and of None, as fingerprints have
    # always been written: changing it would make every stored claim look new.
    canonical = {
        "kind": kind,
        "words": _WORDS.findall(text.casefold()),
        "quantities": sorted(
            (str(q.value), str(q.low), str(q.high), str(q.unit)) for q in values.quantities
        ),
        "dates": sorted(str(d.value) for d in values.dates),
    }
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()
