"""Articles in, claims out: ingest (pasted text, uploads, URLs) and extraction into claim rows."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from claims import extraction
from claims.extraction.cleaning import looks_like_html, prepare
from claims.extraction.serialize import date_to_dict, quantity_to_dict
from claims.models import Article, Claim

logger = logging.getLogger(__name__)

_WHITESPACE = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W_]+")

ArticleInputError = extraction.ExtractionError
"""Raised for input that cannot become an article (empty, binary, too large, no text)."""


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace folded and case ignored: one article, one hash."""
    normalized = _WHITESPACE.sub(" ", text).strip().casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def document_decode(data: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without BOM); anything else is refused."""
    if b"\x00" in data[:65536]:
        raise extraction.BinaryInputError("the file looks like binary data, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise extraction.UndecodableInputError(
            f"the file is not UTF-8 text (undecodable byte at position {exc.start})"
        ) from None


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def article_ingest(
    *,
    raw_input: str | bytes,
    title: str = "",
    url: str = "",
    outlet: str = "",
    author: str = "",
    published_on: dt.date | None = None,
    created_by: AbstractBaseUser | None = None,
    queue_extraction: bool = True,
) -> IngestResult:
    """Store an article and queue its extraction; the same URL or text returns the existing one.

    Raises ArticleInputError (with a readable message) for input that holds no article.
    """
    text = document_decode(raw_input) if isinstance(raw_input, bytes) else raw_input
    clean = prepare(text, settings.FACTCHECK_MAX_ARTICLE_CHARS)
    digest = content_hash(clean)
    existing = _article_find(url=url, digest=digest)
    if existing is not None:
        return IngestResult(existing, created=False)
    headline = title.strip() or next((ln.strip() for ln in clean.splitlines() if ln.strip()), "")
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=headline[:500],
                url=url,
                outlet=outlet,
                author=author,
                published_on=published_on,
                raw_input=text,
                input_format=(
                    Article.InputFormat.HTML if looks_like_html(text) else Article.InputFormat.TEXT
                ),
                clean_text=clean,
                content_hash=digest,
                created_by=created_by,
            )
            if queue_extraction:
                article_extraction_queue(article=article)
    except IntegrityError:
        # Another request stored the same article between our look-up and our insert.
        existing = _article_find(url=url, digest=digest)
        if existing is None:
            raise
        return IngestResult(existing, created=False)
    return IngestResult(article, created=True)


def article_ingest_url(
    *,
    url: str,
    title: str = "",
    outlet: str = "",
    author: str = "",
    published_on: dt.date | None = None,
    created_by: AbstractBaseUser | None = None,
) -> IngestResult:
    """Fetch an article through the safe fetcher and ingest it; a known URL is not fetched again.

    Raises ArticleInputError for bad content and sources.fetching.FetchError when the fetch fails.
    """
    import fetching

    normalized = fetching.normalize_url(url)
    existing = Article.objects.filter(url=normalized).first()
    if existing is not None:
        return IngestResult(existing, created=False)
    document = fetching.fetch(normalized)
    return article_ingest(
        raw_input=document.text,
        url=normalized,
        title=title,
        outlet=outlet,
        author=author,
        published_on=published_on,
        created_by=created_by,
    )


def _article_find(*, url: str, digest: str) -> Article | None:
    if url:
        by_url = Article.objects.filter(url=url).first()
        if by_url is not None:
            return by_url
    return Article.objects.filter(content_hash=digest).first()


def article_extraction_queue(*, article: Article) -> bool:
    """Mark the article queued and send its extraction task once the transaction commits.

    Returns False (and queues nothing) while an extraction of it is already running.
    """
    from claims.tasks import extract_article

    queued = (
        Article.objects.filter(pk=article.pk)
        .exclude(extraction_status=Article.ExtractionStatus.RUNNING)
        .update(
            extraction_status=Article.ExtractionStatus.QUEUED,
            extraction_error="",
            updated_at=timezone.now(),
        )
    )
    if not queued:
        return False
    article.extraction_status = Article.ExtractionStatus.QUEUED
    article_id = article.pk
    transaction.on_commit(lambda: extract_article.delay(article_id))
    return True


def article_extraction_claim(*, article_id: int, retrying: bool = False) -> bool:
    """Take the article's extraction for this task; False when another task has it or it is done.

    A retry of the same task may take its own RUNNING article back; so may any task once the
    running one is old enough to be presumed dead.
    """
    stale = timezone.now() - dt.timedelta(seconds=settings.FACTCHECK_STALE_EXTRACTION_SECONDS)
    running = Q(extraction_status=Article.ExtractionStatus.RUNNING)
    takeable = Q(extraction_status=Article.ExtractionStatus.QUEUED) | (
        running if retrying else running & Q(updated_at__lt=stale)
    )
    return bool(
        Article.objects.filter(takeable, pk=article_id).update(
            extraction_status=Article.ExtractionStatus.RUNNING, updated_at=timezone.now()
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
    with transaction.atomic():
        counts = _claims_store(article, result.claims)
        Article.objects.filter(pk=article_id).update(
            clean_text=result.clean_text,
            extraction_status=Article.ExtractionStatus.SUCCEEDED,
            extraction_error="",
            extracted_at=timezone.now(),
            updated_at=timezone.now(),
        )
    return ExtractionOutcome(article_id, succeeded=True, **counts)


def article_extraction_fail(*, article_id: int, message: str) -> None:
    """Record a failed extraction with a message an editor can read."""
    Article.objects.filter(pk=article_id).update(
        extraction_status=Article.ExtractionStatus.FAILED,
        extraction_error=message[:2000],
        updated_at=timezone.now(),
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


def stale_extractions_requeue() -> int:
    """Queue again the extractions whose worker died or whose message was lost."""
    cutoff = timezone.now() - dt.timedelta(seconds=settings.FACTCHECK_STALE_EXTRACTION_SECONDS)
    stuck = Article.objects.filter(
        extraction_status__in=[Article.ExtractionStatus.RUNNING, Article.ExtractionStatus.QUEUED],
        updated_at__lt=cutoff,
    )
    count = 0
    for article in stuck.only("pk"):
        Article.objects.filter(pk=article.pk).update(
            extraction_status=Article.ExtractionStatus.QUEUED, updated_at=timezone.now()
        )
        with transaction.atomic():
            count += article_extraction_queue(article=article)
    if count:
        logger.warning("queued %d stale extraction(s) again", count)
    return count
